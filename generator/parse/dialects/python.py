"""Python type grammar (reference 7.3): ``Optional``/``Nullable``/``OptionalNullable`` wrappers,
``List[T]``, ``Dict[str, T]``, ``Literal[...]``, and the swapped date/datetime links of Speakeasy docs."""

from __future__ import annotations

import re

from ...ir import DictOf, ListOf, Nullable, Prim
from ..types import SKIP, Leaf, Optional_, TypeSyntaxError, split_top, union_of, whole_leaf
from .common import QUALIFIED, is_date_wrapper, is_model_link, literal, ref

name = "python"

_PRIMS = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "Any": "any",
    "any": "any",
    "object": "any",
    "bytes": "bytes",
    "Decimal": "decimal",
    "decimal.Decimal": "decimal",
    "date": "date",
    "datetime": "datetime",
    "datetime.date": "date",
    "datetime.datetime": "datetime",
    "IO[bytes]": "bytes",
    "io.IOBase": "bytes",
    "io.BufferedReader": "bytes",
    "BinaryIO": "bytes",
    # a streamed binary body (raw responses are links, or fields named raw_response: see document.py)
    "httpx.Response": "bytes",
    "requests_http.Response": "bytes",
    "requests.Response": "bytes",
}
_RAW = {"httpx.Response", "requests.Response", "requests_http.Response"}
_WRAPPER = re.compile(r"^(Optional|Nullable|OptionalNullable)\[(.*)\]$", re.S)
_GENERIC = re.compile(r"^([A-Za-z_][\w.]*)\[(.*)\]$", re.S)
_DICT_KEY = re.compile(r"^str\s*,\s*", re.S)


containers = (
    ("List[", "]", ListOf),
    ("list[", "]", ListOf),
    ("Dict[str, ", "]", DictOf),
    ("dict[str, ", "]", DictOf),
)


def _wrap(kind: str, inner):
    if inner is SKIP:
        return SKIP
    if kind == "Optional":
        return Optional_(inner)
    return Nullable(inner.inner if isinstance(inner, Optional_) else inner)


def leaf(lf: Leaf):
    if lf.form != "link":
        return plain(lf.text)
    text = lf.text.strip()
    m = _WRAPPER.match(text)
    if m:
        return _wrap(m.group(1), leaf(Leaf("link", m.group(2), lf.target)))
    if is_model_link(lf.target):
        if is_date_wrapper(lf.target):
            return Prim("date")
        return ref(text, lf.target)
    # Speakeasy's Python docs swap the two: text 'date' links to #date-objects for a datetime
    if text == "date":
        return Prim("datetime")
    if text == "datetime":
        return Prim("date")
    if text in _RAW:
        return SKIP
    raise TypeSyntaxError(f"unknown linked type '{text}'")


def plain(text: str):
    t = text.strip()
    lf = whole_leaf(t)
    if lf is not None:
        return leaf(lf)
    m = _WRAPPER.match(t)
    if m:
        return _wrap(m.group(1), plain(m.group(2)))
    if t in _PRIMS:
        return Prim(_PRIMS[t])
    m = _GENERIC.match(t)
    if m:
        head, args = m.group(1), m.group(2).strip()
        if head in ("List", "list", "Sequence"):
            return ListOf(_inner(args))
        if head in ("Dict", "dict", "Mapping") and _DICT_KEY.match(args):
            return DictOf(_inner(_DICT_KEY.sub("", args, count=1)))
        if head in ("Union", "typing.Union"):
            members = [a.strip() for a in split_top(args, ",")]
            if "bytes" in members and any(x.startswith("IO[") for x in members):
                return Prim("bytes")
            return union_of([plain(a) for a in members])
        if head in ("Literal", "typing.Literal"):
            lits = [literal(a) for a in split_top(args, ",")]
            if any(x is None for x in lits):
                raise TypeSyntaxError(f"bad literal '{t}'")
            return union_of(lits)
        if head.endswith("EventStream") or head.endswith("EventStreamAsync"):
            return SKIP
    if t == "None":
        raise TypeSyntaxError("'None' is not a type on its own")
    if QUALIFIED.match(t) and (t[0].isupper() or "." in t):
        return ref(t)
    raise TypeSyntaxError(f"unknown Python type '{t}'")


def _inner(text: str):
    t = plain(text)
    if t is SKIP:
        raise TypeSyntaxError("SDK plumbing type inside a container")
    return t
