"""TypeScript type grammar (reference 7.2): no optional/nullable markers, ``T[]``, ``Record<string, T>``."""

from __future__ import annotations

from ...ir import (
    ANY,
    BINARY,
    BOOLEAN,
    DATE,
    DATETIME,
    INTEGER,
    NUMBER,
    STRING,
    DictOf,
    ListOf,
)
from ..types import (
    SKIP,
    Leaf,
    TypeSyntaxError,
    matching,
    nesting,
    split_top,
    union_of,
    whole_leaf,
)
from .common import QUALIFIED, is_date_wrapper, is_model_link, is_web, literal, ref

name = "typescript"

_PRIMS = {
    "string": STRING,
    "number": NUMBER,
    "boolean": BOOLEAN,
    "any": ANY,
    "unknown": ANY,
    "object": ANY,
    "Date": DATETIME,
    "RFCDate": DATE,
    "bigint": INTEGER,
    "BigInt": INTEGER,
    "Uint8Array": BINARY,
    "ReadableStream<Uint8Array>": BINARY,
    "Blob": BINARY,
    "File": BINARY,
}
_RAW = {"AxiosResponse", "AxiosResponse>", "Response", "ReadableStream"}
_WEB = {"Date": DATETIME, "File": BINARY, "Blob": BINARY}


containers = (
    ("Record<string, ", ">", DictOf),
    ("{ [k: string]: ", " }", DictOf),
    ("", "[]", ListOf),
)


@nesting
def leaf(lf: Leaf):
    if lf.form == "link":
        if is_model_link(lf.target):
            if is_date_wrapper(lf.target):
                return DATE
            return ref(lf.text, lf.target)
        text = lf.text.strip()
        if text in _RAW or text.startswith("AxiosResponse"):
            return SKIP
        if text in _WEB:
            return _WEB[text]
        if is_web(lf.target) or lf.target.startswith("#"):
            raise TypeSyntaxError(f"unknown linked type '{text}'")
        raise TypeSyntaxError(f"unknown link target '{lf.target}'")
    return plain(lf.text)


@nesting
def plain(text: str):
    t = text.strip()
    if t.endswith("[]"):
        inner = t[:-2].strip()
        lf = whole_leaf(inner)
        return ListOf(_strict(leaf(lf) if lf else plain(inner)))
    alts = split_top(t, "|")
    if len(alts) > 1:  # a union inside a container: each member a leaf or plain text
        return union_of([_member(a) for a in alts])
    if t.startswith("(") and matching(t, 0) == len(t) - 1:
        return plain(t[1:-1])
    for prefix, suffix, make in containers:
        if t.startswith(prefix) and t.endswith(suffix):
            inner = t[len(prefix) : len(t) - len(suffix)].strip()
            lf = whole_leaf(inner)
            return make(_strict(leaf(lf) if lf else plain(inner)))
    if t in _PRIMS:
        return _PRIMS[t]
    if t in _RAW or t.startswith("EventStream<"):
        return SKIP
    lit = literal(t)
    if lit is not None:
        return lit
    if t == "null" or t == "undefined":
        raise TypeSyntaxError(f"'{t}' is not a type on its own")
    if QUALIFIED.match(t) and (t[0].isupper() or "." in t):
        return ref(t)
    raise TypeSyntaxError(f"unknown TypeScript type '{t}'")


def _member(text: str):
    lf = whole_leaf(text.strip())
    return leaf(lf) if lf is not None else plain(text)


def _strict(t):
    if t is SKIP:
        raise TypeSyntaxError("SDK plumbing type inside a container")
    return t
