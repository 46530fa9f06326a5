"""Java (reference 7.5): boxed and primitive types, ``Optional<T>`` (optional when ➖, nullable
when ✓) and ``JsonNullable<T>`` (nullable), ``List<T>`` and ``Map<String, T>`` written plain
(2023) or escaped (``List\\<T>``, and the buggy ``List\\\\<T>``), wildcards (``Optional<? extends
String>``), ``OffsetDateTime`` / ``LocalDate`` links, fully qualified refs of 2023
(``[org.openapis.openapi.models.shared.X](…)``) and bare ones of v2, and Field cells that add
``_`` to a Java keyword (``enum_`` is JSON ``enum``)."""

from __future__ import annotations

import posixpath
import re

from ...ir import (
    ANY,
    BINARY,
    BOOLEAN,
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
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
    TypeSyntaxError,
    finalize,
    nesting,
    parse_type,
    unescape,
)
from .base import Dialect, Evidence
from .common import QUALIFIED, is_model_link, ref

_PRIMS = {
    "String": STRING,
    "Long": INTEGER,
    "long": INTEGER,
    "Integer": INTEGER,
    "int": INTEGER,
    "Short": INTEGER,
    "short": INTEGER,
    "BigInteger": INTEGER,
    "Double": NUMBER,
    "double": NUMBER,
    "Float": NUMBER,
    "float": NUMBER,
    "Number": NUMBER,
    "BigDecimal": DECIMAL,
    "Boolean": BOOLEAN,
    "boolean": BOOLEAN,
    "Object": ANY,
    "byte[]": BINARY,
    "Byte[]": BINARY,
    "InputStream": BINARY,
    "OffsetDateTime": DATETIME,
    "LocalDate": DATE,
}
# wrappers, on unescaped text: Optional<T> means optional (➖) or nullable (✓); JsonNullable<T> nullable
_WRAPPER = re.compile(r"^(Optional|JsonNullable)<(.*)>$", re.S)
# containers inside a link's text (unescaped): ``[List<X>](x.md)``
_LINK_CONTAINERS = (("List<", ">", ListOf), ("Map<String,", ">", DictOf))
_WILDCARD = re.compile(r"^\?\s+(?:extends|super)\s+")
_RAW = re.compile(r"^HttpResponse\s*<.*>$|^HttpResponse$", re.S)

# Detection, over a doc's Type cells. Spellings only Java writes count in every doc; spellings
# Java shares with other languages (``*String*`` with Ruby 2023, ``*long*`` and ``List<`` with
# C#) count only in a doc laid out as Java's are: a file name that keeps the model's case
# (``FooBar.md``; TS, Python, Go and Ruby lower-case it) below no ``Models`` folder (C# and PHP
# capitalise it).
# (flat alternatives of literals: grouped ones, ``(?:List|Map)\\{1,2}<``, scan ten times slower)
_ONLY = re.compile(
    r"\*Long\*|\*Boolean\*|\*Double\*|\*Short\*|\*BigDecimal\*|Optional<|Optional\\<"
    r"|JsonNullable<|JsonNullable\\<|List\\<|List\\\\<|Map\\<|Map<String, |HttpResponse<"
    r"|HttpResponse\\<|docs\.oracle\.com"
)
_SHARED = re.compile(
    r"\*(?:String|Integer|Float|Object|BigInteger|long|int|double|float|boolean|byte\[\])\*|List<"
)

# Java keywords and literals: Speakeasy's Java SDKs add ``_`` to a property of such a name
# (``enum_``, ``int_``, ``default_``), which is not part of the JSON name.
_KEYWORDS = frozenset(
    "abstract assert boolean break byte case catch char class const continue default do double "
    "else enum extends final finally float for goto if implements import instanceof int "
    "interface long native new package private protected public return short static strictfp "
    "super switch synchronized this throw throws transient try void volatile while true false "
    "null var record yield sealed permits".split()
)


def json_name(field: str) -> str:
    """The JSON name of a Field cell: Speakeasy's Java docs write ``enum_`` for ``enum``."""
    if field.endswith("_") and field[:-1] in _KEYWORDS:
        return field[:-1]
    return field


def java_layout(path: str) -> bool:
    """Whether ``path`` is laid out as Java docs are: a file name with the model's case, below
    no ``Models`` folder."""
    parts = path.split("/")
    stem = posixpath.splitext(parts[-1])[0]
    return stem != stem.lower() and "Models" not in parts[:-1]


class Java(Dialect):
    name = "java"
    language = "Java"
    fence_languages = frozenset({"java"})
    containers = (
        ("List<", ">", ListOf),
        ("List\\<", ">", ListOf),
        (
            "List\\\\<",
            ">",
            ListOf,
        ),  # the buggy double escape of v2: Map\<String, List\\<T>>
        ("Map<String, ", ">", DictOf),
        ("Map\\<String, ", ">", DictOf),
        ("Map\\\\<String, ", ">", DictOf),
    )

    def score(self, doc: Evidence) -> int:
        n = len(_ONLY.findall(doc.types))
        if java_layout(doc.path):
            n += len(_SHARED.findall(doc.types))
        return n

    def leaf(self, leaf: Leaf) -> object:
        if leaf.form != "link":
            return parse_type(leaf.text, self)
        return self._link(unescape(leaf.text).strip(), leaf.target)

    @nesting
    def _link(self, text: str, target: str) -> object:
        """A link's text (unescaped): wrappers and containers around the name of what it links."""
        text = _WILDCARD.sub("", text.strip(), count=1).strip()
        m = _WRAPPER.match(text)
        if m:
            return _wrap(m.group(1), self._link(m.group(2), target))
        for prefix, suffix, make in _LINK_CONTAINERS:
            if text.startswith(prefix) and text.endswith(suffix):
                inner = self._link(text[len(prefix) : -len(suffix)], target)
                return SKIP if inner is SKIP else make(finalize(inner, True))
        if _RAW.match(text):
            return SKIP  # the raw HTTP response of an operation's response wrapper
        if is_model_link(target):
            return ref(text, target)
        if text in ("OffsetDateTime", "LocalDate", "byte[]", "InputStream"):
            return _PRIMS[text]
        raise TypeSyntaxError(f"unknown linked type '{text}'")

    @nesting
    def plain(self, text: str) -> object:
        t = text.strip()
        bound = _WILDCARD.sub("", t, count=1)
        if bound != t:  # ? extends T: T, containers included
            return parse_type(bound, self)
        m = _WRAPPER.match(t)
        if m:
            return _wrap(m.group(1), parse_type(m.group(2), self))
        if t in _PRIMS:
            return _PRIMS[t]
        if _RAW.match(t):
            return SKIP
        if t in ("null", "void", "Void"):
            raise TypeSyntaxError(f"'{t}' is not a type on its own")
        if QUALIFIED.match(t) and (t[0].isupper() or "." in t):
            return ref(t)
        raise TypeSyntaxError(f"unknown Java type '{t}'")

    def json_name(self, field: str) -> str:
        return json_name(field)


def _wrap(kind: str, inner: object) -> object:
    if inner is SKIP:
        return SKIP
    if kind == "Optional":
        return Optional_(inner)
    return Nullable(inner.inner if isinstance(inner, Optional_) else inner)  # type: ignore[arg-type]


DIALECT = Java()
