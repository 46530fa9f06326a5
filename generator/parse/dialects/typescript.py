"""TypeScript (reference 7.2): no optional/nullable markers, ``T[]``, ``Record<string, T>``; examples
are TypeScript literals whose ``null``s say which fields are nullable."""

from __future__ import annotations

import re

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
from ..types import SKIP, Leaf, TypeSyntaxError, parse_type, stream_of
from .base import ITEM, Dialect, Evidence
from .common import QUALIFIED, is_date_wrapper, is_model_link, is_web, literal, ref

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
_HINTS = re.compile(
    r"\*(?:string|number|boolean|any)\*|Record<string|\*\[\]|\)\[\]|developer\.mozilla\.org|\*\"|`(?:string|number|boolean)`"
)


class TypeScript(Dialect):
    name = "typescript"
    language = "TypeScript"
    fence_languages = frozenset({"typescript", "ts"})
    containers = (
        ("Record<string, ", ">", DictOf),
        ("{ [k: string]: ", " }", DictOf),
        ("", "[]", ListOf),
    )
    plumbing_fields = frozenset({"rawResponse"})

    def score(self, doc: Evidence) -> int:
        return len(_HINTS.findall(doc.types))

    def leaf(self, leaf: Leaf) -> object:
        if leaf.form != "link":
            return parse_type(leaf.text, self)
        if is_model_link(leaf.target):
            if is_date_wrapper(leaf.target):
                return DATE
            return ref(leaf.text, leaf.target)
        text = leaf.text.strip()
        if text in _RAW or text.startswith("AxiosResponse"):
            return SKIP
        if text in _WEB:
            return _WEB[text]
        if is_web(leaf.target) or leaf.target.startswith("#"):
            raise TypeSyntaxError(f"unknown linked type '{text}'")
        raise TypeSyntaxError(f"unknown link target '{leaf.target}'")

    def plain(self, text: str) -> object:
        t = text.strip()
        if t in _PRIMS:
            return _PRIMS[t]
        if t in _RAW:
            return SKIP
        if t.startswith("EventStream<"):
            if not t.endswith(">"):
                return SKIP
            return stream_of(parse_type(t[len("EventStream<") : -1], self))
        lit = literal(t)
        if lit is not None:
            return lit
        if t == "null" or t == "undefined":
            raise TypeSyntaxError(f"'{t}' is not a type on its own")
        if QUALIFIED.match(t) and (t[0].isupper() or "." in t):
            return ref(t)
        raise TypeSyntaxError(f"unknown TypeScript type '{t}'")

    def null_paths(self, code: str) -> list[tuple[str, ...]]:
        return null_paths(code)


# ---------------------------------------------------------------- nullability evidence of examples
#
# TypeScript Type cells never say a field is nullable, but Speakeasy writes ``null`` in an example
# only for a nullable property. Examples are prettier-formatted, one property a line, so a small
# line scanner finds the paths set to ``null`` (``("modelInfo", "dbModel")``, ``("choices", "[]",
# "x")``); the link step follows them through the IR (``generator/evidence.py``).

_DECL = re.compile(r"^\s*(?:let|const|var)\s+[\w$]+\s*:")
# the value (group 3) is stripped by the caller: ``(.*?)\s*$`` rescans a run of spaces inside it
# from each of its characters, quadratic in the run
_PROP = re.compile(r'^\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$]*)):(.*)$', re.S)
# paths deeper than this are not followed (real examples nest a handful of levels); each null found
# costs its depth, so an unbounded depth would make a deep example quadratic
MAX_DEPTH = 64


def null_paths(code: str) -> list[tuple[str, ...]]:
    """Paths an example block sets to ``null``: property names, ``[]`` for array items."""
    frames: list[tuple[str, ...]] = []  # what each open object/array adds to the path
    found: list[tuple[str, ...]] = []
    started = False

    def path() -> tuple[str, ...]:
        return tuple(step for frame in frames for step in frame)

    lines = iter(code.split("\n"))
    for line in lines:
        if not started:
            if not _DECL.match(line):
                continue
            if "=" not in line:  # prettier wraps a long `let value:\n  Type =\n    {`
                parts = [line]
                while "=" not in parts[-1]:
                    parts.append(next(lines, "=").strip())
                line = " ".join(parts)
            started = True
            rest = line.split("=", 1)[1].strip()
            if not rest:
                rest = next(lines, "").strip()
            if not rest.startswith(("{", "[")):
                return []
            frames.append((ITEM,) if rest.startswith("[") else ())
            continue
        text = line.strip().rstrip(",;")
        if not text:
            continue
        if text[0] in "}]":
            if frames:
                frames.pop()
            if not frames:
                break
            continue
        if text in ("{", "["):
            frames.append((ITEM,) if text == "[" else ())
            continue
        if text == "null":
            if len(frames) <= MAX_DEPTH:
                here = path()
                if here and here[-1] == ITEM:
                    found.append(here)
            continue
        m = _PROP.match(text)
        if not m:
            continue
        key, value = m.group(1) if m.group(1) is not None else m.group(2), m.group(
            3
        ).strip()
        if value == "null":
            if len(frames) <= MAX_DEPTH:
                found.append(path() + (key,))
        elif value == "{":
            frames.append((key,))
        elif value == "[":
            frames.append((key, ITEM))
    return found


DIALECT = TypeScript()
