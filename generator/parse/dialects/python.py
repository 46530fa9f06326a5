"""Python (reference 7.3): ``Optional``/``Nullable``/``OptionalNullable`` wrappers, ``List[T]``,
``Dict[str, T]``, ``Literal[...]``, the swapped date/datetime links of Speakeasy docs, and Field
cells that add ``_`` to a reserved word (``format_`` is JSON ``format``)."""

from __future__ import annotations

import builtins
import re

from ...ir import (
    ANY,
    BINARY,
    BOOLEAN,
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    NULL,
    NUMBER,
    STRING,
    DictOf,
    ListOf,
    Nullable,
)
from ..types import (
    SKIP,
    Leaf,
    Optional_,
    Stream,
    TypeSyntaxError,
    nesting,
    parse_type,
    split_top,
    stream_of,
    union_of,
)
from .base import Dialect, Evidence
from .common import QUALIFIED, is_date_wrapper, is_model_link, literal, ref

_PRIMS = {
    "str": STRING,
    "int": INTEGER,
    "float": NUMBER,
    "bool": BOOLEAN,
    "Any": ANY,
    "any": ANY,
    "object": ANY,
    "bytes": BINARY,
    "Decimal": DECIMAL,
    "decimal.Decimal": DECIMAL,
    "date": DATE,
    "datetime": DATETIME,
    "datetime.date": DATE,
    "datetime.datetime": DATETIME,
    "IO[bytes]": BINARY,
    "io.IOBase": BINARY,
    "io.BufferedReader": BINARY,
    "BinaryIO": BINARY,
    # a streamed binary body (raw responses are links, or fields named raw_response: see document.py)
    "httpx.Response": BINARY,
    "requests_http.Response": BINARY,
    "requests.Response": BINARY,
    # null and nothing else: how gen-models' own docs show it (Speakeasy's never do)
    "null": NULL,
}
# event streams of their first type argument
_STREAMS = frozenset({"EventStream", "EventStreamAsync", "Generator", "AsyncGenerator"})
_RAW = {"httpx.Response", "requests.Response", "requests_http.Response"}
_WRAPPER = re.compile(r"^(Optional|Nullable|OptionalNullable)\[(.*)\]$", re.S)
_GENERIC = re.compile(r"^([A-Za-z_][\w.]*)\[(.*)\]$", re.S)
_HINTS = re.compile(
    r"\*(?:(?:str|int|float|bool|Any|bytes|Decimal)\*|Optional\[|Nullable\[|OptionalNullable\[|Literal\[)|List\[|Dict\[str|\[(?:Optional|Nullable|OptionalNullable)\[|\[models\.|#date-objects|#datetime-objects|`(?:str|int|float|bool|Any|datetime)`"
)
# a trailing '_' Speakeasy's Python SDKs add to these names is not part of the JSON name. A fixed
# snapshot of the names its docs suffix, not tied to our own naming (render/naming.py).
# Keywords and builtins are the same fixed sets on every Python (3.10 to 3.13), never the running one's.
_SUFFIXED = (
    frozenset(
        "False None True and as assert async await break class continue def del elif else except finally for "
        "from global if import in is lambda nonlocal not or pass raise return try while with yield "
        "_ case match type".split()
    )
    | frozenset(dir(builtins))
    | frozenset(
        "BaseExceptionGroup ExceptionGroup EncodingWarning aiter anext PythonFinalizationError".split()
    )
    | frozenset(
        "Annotated Any BaseModel ConfigDict Enum Field Literal Optional TypeAliasType Union dataclass "
        "dataclasses datetime decimal enum field typing typing_extensions pydantic KW_ONLY "
        "construct copy dict fields from_orm json model_computed_fields model_config model_construct "
        "model_copy model_dump model_dump_json model_extra model_fields model_fields_set model_json_schema "
        "model_parametrized_name model_post_init model_rebuild model_validate model_validate_json "
        "model_validate_strings parse_file parse_obj parse_raw schema schema_json update_forward_refs "
        "validate str int float bool bytes dict list date format".split()
    )
)


def json_name(field: str) -> str:
    """The JSON name of a Field cell: Speakeasy's Python docs write ``format_`` for ``format``."""
    if field.endswith("_") and not field.endswith("__") and field[:-1] in _SUFFIXED:
        return field[:-1]
    return field


class Python(Dialect):
    name = "python"
    language = "Python"
    fence_languages = frozenset({"python", "py"})
    containers = (
        ("List[", "]", ListOf),
        ("list[", "]", ListOf),
        ("Sequence[", "]", ListOf),
        ("Dict[str,", "]", DictOf),
        ("dict[str,", "]", DictOf),
        ("Mapping[str,", "]", DictOf),
    )
    plumbing_fields = frozenset({"raw_response"})

    def score(self, doc: Evidence) -> int:
        return len(_HINTS.findall(doc.types))

    @nesting
    def leaf(self, leaf: Leaf) -> object:
        if leaf.form != "link":
            return parse_type(leaf.text, self)
        text = leaf.text.strip()
        m = _WRAPPER.match(text)
        if m:
            return _wrap(m.group(1), self.leaf(Leaf("link", m.group(2), leaf.target)))
        if is_model_link(leaf.target):
            if is_date_wrapper(leaf.target):
                return DATE
            return ref(text, leaf.target)
        # Speakeasy's Python docs swap the two: text 'date' links to #date-objects for a datetime
        if text == "date":
            return DATETIME
        if text == "datetime":
            return DATE
        if text in _RAW:
            return SKIP
        raise TypeSyntaxError(f"unknown linked type '{text}'")

    def plain(self, text: str) -> object:
        t = text.strip()
        m = _WRAPPER.match(t)
        if m:
            return _wrap(m.group(1), parse_type(m.group(2), self))
        if t in _PRIMS:
            return _PRIMS[t]
        m = _GENERIC.match(t)
        if m:
            head, args = m.group(1), m.group(2).strip()
            if head in ("Union", "typing.Union"):
                members = [a.strip() for a in split_top(args, ",")]
                if "bytes" in members and any(x.startswith("IO[") for x in members):
                    return BINARY
                return union_of([parse_type(a, self) for a in members])
            if head in ("Literal", "typing.Literal"):
                lits = [literal(a) for a in split_top(args, ",")]
                if any(x is None for x in lits):
                    raise TypeSyntaxError(f"bad literal '{t}'")
                return union_of(lits)
            if head.rpartition(".")[2] in _STREAMS:
                # EventStream[X] (2024+), Generator[X, None, None] / AsyncGenerator[X, None] (older)
                return stream_of(parse_type(split_top(args, ",")[0], self))
        if t == "None":
            raise TypeSyntaxError("'None' is not a type on its own")
        if QUALIFIED.match(t) and (t[0].isupper() or "." in t):
            return ref(t)
        raise TypeSyntaxError(f"unknown Python type '{t}'")

    def json_name(self, field: str) -> str:
        return json_name(field)


def _wrap(kind: str, inner: object) -> object:
    if inner is SKIP or isinstance(inner, Stream):
        return SKIP
    if kind == "Optional":
        return Optional_(inner)
    return Nullable(inner.inner if isinstance(inner, Optional_) else inner)  # type: ignore[arg-type]


DIALECT = Python()
