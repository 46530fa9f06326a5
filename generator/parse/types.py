"""The shared part of the Type-cell grammar (reference section 7.1).

A cell is alternatives joined by ``|``; each alternative is containers wrapped around one leaf
(a link, italics, a code span or bare text). Which containers exist and what a leaf's text means
is the dialect's business (``parse/dialects``); this module only finds the pieces.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ..brackets import matching, split_top
from ..ir import DictOf, ListOf, Nullable, TypeExpr, UnionOf


class TypeSyntaxError(ValueError):
    """A type the grammar does not know; the message names the offending text."""


@dataclass(frozen=True)
class Optional_:
    """Parse-only wrapper: Python ``Optional[T]``; its meaning depends on the Required cell."""

    inner: object


@dataclass(frozen=True)
class RawRef:
    """Parse-only leaf: a reference as the doc writes it, a name (``components.TextPart``) and the
    link target (``../../models/components/textpart.md``, ``""`` if unlinked). The markdown front-end
    resolves it to an ``ir.Ref``."""

    text: str
    target: str = ""


@dataclass(frozen=True)
class Stream:
    """Parse-only wrapper: an event stream of ``element`` (TS ``EventStream<X>``, Py
    ``Union[Generator[X, None, None], AsyncGenerator[X, None]]``). Only a whole Type cell or union
    member may be one; the markdown front-end models it as its element type, with a note.
    """

    element: object


class _Skip:
    """Parse-only marker: SDK plumbing (raw HTTP responses, event streams) that is not a model type."""

    def __repr__(self) -> str:
        return "SKIP"

    def __reduce__(self) -> str:
        return "SKIP"  # unpickles to the one module-level instance


SKIP = _Skip()

# How many levels of containers (``List[``, ``[]``, ``Optional[``, parentheses...) one type may
# nest. Real docs nest at most three; the limit keeps a hostile cell from reaching Python's
# recursion limit and bounds the work to a constant number of passes over the cell. The grammar
# takes one recursive step a level, plus at most four for the leaf at the bottom.
MAX_NESTING = 32
_MAX_STEPS = MAX_NESTING + 4
_depth = threading.local()
_F = TypeVar("_F", bound=Callable[..., object])


def nesting(func: _F) -> _F:
    """Mark a recursive step of the type grammar: a type deeper than ``MAX_NESTING`` is a syntax error."""

    @functools.wraps(func)
    def step(*args):
        level = getattr(_depth, "level", 0)
        if level >= _MAX_STEPS:
            raise TypeSyntaxError(f"type nested more than {MAX_NESTING} levels deep")
        _depth.level = level + 1
        try:
            return func(*args)
        finally:
            _depth.level = level

    return step  # type: ignore[return-value]


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def unescape(text: str) -> str:
    """Undo markdown backslash escapes of punctuation (``\\<`` -> ``<``), outside double-quoted
    strings: those are literals whose backslashes are their own (``Literal["\\""]``)."""
    if '"' not in text:
        return _ESCAPE.sub(r"\1", text)
    out, pos = [], 0
    for m in _QUOTED.finditer(text):
        out.append(_ESCAPE.sub(r"\1", text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_ESCAPE.sub(r"\1", text[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class Leaf:
    form: str  # link | italic | code | bare
    text: str
    target: str = ""


def whole_leaf(s: str) -> Leaf | None:
    """``s`` as one leaf if it is exactly one link, italic run or code span."""
    if s.startswith("[") and s.endswith(")"):
        j = matching(s, 0)
        if j > 0 and s[j + 1 : j + 2] == "(" and matching(s, j + 1) == len(s) - 1:
            return Leaf("link", s[1:j], s[j + 2 : -1].strip())
    if len(s) >= 2 and s[0] == "*" and s[-1] == "*" and "*" not in s[1:-1].strip("*"):
        return Leaf("italic", s[1:-1])
    if len(s) >= 2 and s[0] == "`" and s[-1] == "`" and "`" not in s[1:-1]:
        return Leaf("code", s[1:-1])
    return None


class Grammar(Protocol):
    """The part of a dialect (``parse/dialects/base.py``) the type grammar uses: its container
    spellings and the meaning of a leaf and of the text inside the containers."""

    # read-only properties, so a dialect's class attributes of narrower types still match

    @property
    def containers(self) -> tuple[tuple[str, str, Callable[[TypeExpr], TypeExpr]], ...]:
        """(prefix, suffix, constructor) triples, tried in order on type text, markup or not."""
        ...

    @property
    def atoms(self) -> Mapping[str, TypeExpr]:
        """Whole spellings with a fixed meaning, looked up before the containers."""
        ...

    def leaf(self, leaf: Leaf) -> object: ...

    def plain(self, text: str) -> object: ...


def parse_cell(cell: str, dialect: Grammar) -> object:
    """Parse a Type cell (already unescaped) into a TypeExpr, ``Optional_`` or ``Stream`` wrapper
    or ``SKIP``."""
    cell = cell.strip()
    if not cell:
        raise TypeSyntaxError("empty type")
    return parse_type(cell, dialect)


@nesting
def parse_type(s: str, dialect: Grammar) -> object:
    """Type text, with markup (a cell, a link's text) or without (an italic run's text, a code
    span, a union heading): alternatives joined by ``|``, one whole leaf, parentheses, or one of the
    dialect's containers around type text; whatever is left is the dialect's ``plain`` text. This is
    the only place containers are peeled, so a dialect spells each container once. A dialect's
    ``atoms`` (whole spellings such as Go's ``[]byte``) are looked up before the containers.
    """
    s = s.strip()
    alts = split_top(s, "|")
    if len(alts) > 1:
        return union_of([parse_type(a, dialect) for a in alts])
    leaf = whole_leaf(s)
    if leaf is not None:
        return dialect.leaf(leaf)
    if s in dialect.atoms:
        return dialect.atoms[s]
    if s.startswith("(") and matching(s, 0) == len(s) - 1:
        return parse_type(s[1:-1], dialect)
    for prefix, suffix, make in dialect.containers:
        if (
            s.startswith(prefix)
            and s.endswith(suffix)
            and len(s) > len(prefix) + len(suffix)
        ):
            inner = parse_type(s[len(prefix) : len(s) - len(suffix)], dialect)
            if inner is SKIP or isinstance(inner, Stream):
                return (
                    SKIP  # a container of raw responses or of streams is SDK plumbing
                )
            return make(_nested(inner))
    return dialect.plain(unescape(s))


def _nested(t: object) -> TypeExpr:
    """Inside a container, Optional[T] can only mean 'T or null'."""
    if isinstance(t, Optional_):
        return Nullable(_nested(t.inner))
    return t  # type: ignore[return-value]


def union_of(members: Sequence[object]) -> object:
    """The union of parsed members, SKIPs left out. A union of streams (Python's sync and async
    variants of one stream) is a stream of the union of their elements; a stream beside data
    members stands for its element."""
    kept = [m for m in members if m is not SKIP]
    if not kept:
        return SKIP
    if all(isinstance(m, Stream) for m in kept):
        return Stream(union_of([m.element for m in kept if isinstance(m, Stream)]))
    types = [_nested(m.element if isinstance(m, Stream) else m) for m in kept]
    # first occurrences in order; a dict, as a list's ``in`` is quadratic in a union of many members
    out: dict[TypeExpr, None] = {}
    for t in types:
        for x in t.members if isinstance(t, UnionOf) else (t,):
            out.setdefault(x)
    first = next(iter(out))
    return first if len(out) == 1 else UnionOf(tuple(out))


def stream_of(element: object) -> object:
    """A stream of ``element``; a stream of plumbing or of streams is plumbing."""
    if element is SKIP or isinstance(element, Stream):
        return SKIP
    return Stream(_nested(element))


def finalize(t: object, required: bool) -> TypeExpr:
    """Resolve a top-level ``Optional_`` by the Required cell: ✓ means nullable, ➖ means optional."""
    if isinstance(t, Optional_):
        inner = _nested(t.inner)
        return Nullable(inner) if required else inner
    return _nested(t)


__all__ = [
    "DictOf",
    "ListOf",
    "Leaf",
    "MAX_NESTING",
    "Optional_",
    "RawRef",
    "SKIP",
    "Stream",
    "stream_of",
    "TypeSyntaxError",
    "finalize",
    "matching",
    "nesting",
    "Grammar",
    "parse_cell",
    "parse_type",
    "split_top",
    "union_of",
    "unescape",
    "whole_leaf",
]
