"""PHP (reference 7.7): ``?T`` (optional or nullable), ``array<T>`` / ``array<string, T>``,
``\\DateTime`` for date and date-time alike (an Example cell like ``2020-01-01`` tells a date),
``\\Brick\\...`` dates and big numbers, namespaced refs (``\\Vendor\\Models\\Shared\\X`` in 2023,
``Components\\X`` since), unions as link text with pipes (``[string\\|array\\|null](…)``: the
linked union doc, ``null`` meaning nullable), union members whose ``array`` heading leaves the
item type to the example's ``@var``; the ``docs/Models/<Ns>/<Model>.md`` layout."""

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
    UnionOf,
)
from ..types import (
    SKIP,
    Leaf,
    Optional_,
    TypeSyntaxError,
    nesting,
    parse_type,
    split_top,
    union_of,
)
from .base import Dialect, Evidence
from .common import is_model_link, ref

_PRIMS = {
    "string": STRING,
    "int": INTEGER,
    "integer": INTEGER,
    "float": NUMBER,
    "double": NUMBER,
    "bool": BOOLEAN,
    "boolean": BOOLEAN,
    "mixed": ANY,
    "object": ANY,
    # an array without item type: a JSON array or object
    "array": UnionOf((ListOf(ANY), DictOf(ANY))),
    # one class for date and date-time (``example_type`` tells a date by its Example cell)
    "\\DateTime": DATETIME,
    "DateTime": DATETIME,
    "\\DateTimeInterface": DATETIME,
    "\\Brick\\DateTime\\LocalDate": DATE,
    "LocalDate": DATE,
    "\\Brick\\Math\\BigInteger": INTEGER,
    "BigInteger": INTEGER,
    "\\Brick\\Math\\BigDecimal": DECIMAL,
    "BigDecimal": DECIMAL,
    # a streamed binary body
    "\\Psr\\Http\\Message\\StreamInterface": BINARY,
    "StreamInterface": BINARY,
}
# the raw HTTP response of an operation's response wrapper: SDK plumbing
_RAW = {"\\Psr\\Http\\Message\\ResponseInterface", "ResponseInterface"}
# a class name, bare or namespaced: ``Components\X``, ``\Vendor\Models\Shared\X``
_CLASS = re.compile(r"^\\?[A-Za-z_]\w*(?:\\[A-Za-z_]\w*)*$")
_DATE_EXAMPLE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# spellings only PHP docs write: ``*?string*``, ``*mixed*``, ``array<``, links whose text starts
# with ``\`` or ``?`` or ends in a namespaced class (``[Components\X](``), php.net, PSR-7, Brick
_HINTS = re.compile(
    r"\*\?[\w\\]|\*mixed\*|array\\?<|\[\??\\[A-Z]|\[\?[A-Z]|\\[A-Z]\w*\]\("
    r"|php\.net/|ResponseInterface|\\Brick\\"
)
# primitives PHP shares with other languages: evidence only in PHP's layout
_SHARED = re.compile(r"\*(?:string|int|float|bool)\*")
# an italic type (``_php_italic``: one PHP writes)
_ITALIC = re.compile(r"(?<![*\w])\*([^*\s][^*\n]*)\*(?!\*)")


def _php_italic(text: str) -> bool:
    """An italic type PHP writes: a primitive or a namespaced class, ``?`` or not."""
    t = text[1:] if text.startswith("?") else text
    return t in ("string", "int", "float", "bool", "mixed") or (
        "\\" in t and _CLASS.match(t) is not None
    )


def _php_layout(path: str, types: str) -> bool:
    """``docs/Models/<Ns>/<Model>.md``: a ``Models`` folder with its capital (C# and PHP only).
    For a path below such a folder (no ``models`` folder in it at all), a file name that keeps the
    model's capitals (Java, C#, PHP) where the italic types are all ones PHP writes (Java's
    ``*String*`` and ``*long*``, C#'s ``*double*`` are not)."""
    parts = path.split("/")
    if "Models" in parts[:-1]:
        return True
    if any(p.lower() == "models" for p in parts[:-1]):
        return False
    stem = posixpath.splitext(parts[-1])[0]
    if not stem[:1].isupper():
        return False
    italics = _ITALIC.findall(types)
    return bool(italics) and all(_php_italic(t) for t in italics)


def _nullable_text(text: str) -> str:
    """``A|B|null`` as ``?(A|B)``: in PHP both spell 'A or B, or null'."""
    if "null" not in text:
        return text
    alts = [a.strip() for a in split_top(text, "|")]
    if len(alts) < 2 or "null" not in alts:
        return text
    rest = [a for a in alts if a != "null"]
    if not rest:
        return text
    return "?" + (rest[0] if len(rest) == 1 else "(" + "|".join(rest) + ")")


def _class_ref(name: str, target: str = ""):
    """A reference to a class: ``Components\\X`` -> ``Components.X`` (the namespace is the folder
    name, the class the model's name)."""
    return ref(name.strip("\\").replace("\\", "."), target)


def _is_model_target(target: str) -> bool:
    """A link to a model doc (``../../.md``, a link with no file name, is not one: PHP docs write
    it for types that have no doc)."""
    if not is_model_link(target):
        return False
    stem = posixpath.basename(target.split("#", 1)[0])[:-3]
    return bool(stem.strip("."))


class Php(Dialect):
    name = "php"
    language = "PHP"
    fence_languages = frozenset({"php"})
    containers = (
        ("array<string,", ">", DictOf),
        ("array\\<string,", ">", DictOf),
        ("array<", ">", ListOf),
        ("array\\<", ">", ListOf),
    )

    def score(self, doc: Evidence) -> int:
        n = len(_HINTS.findall(doc.types))
        if "Models" in doc.path.split("/")[:-1]:
            n += 1  # C#'s folders too: an enum there is either's (its folder's majority decides)
        if doc.kind == "object" and _php_layout(doc.path, doc.types):
            # camelCase Field cells in PHP's folders (C#, in the same layout, writes PascalCase):
            # each row's name and shared primitive count, so a row weighs as much as any other
            # language's spellings of it, and one more wins
            fields = sum(1 for f in doc.names if f[:1].islower() or f[:1] == "_")
            if fields:
                n += fields + len(_SHARED.findall(doc.types)) + 1
        return n

    @nesting
    def leaf(self, leaf: Leaf) -> object:
        if leaf.form != "link":
            return parse_type(_nullable_text(leaf.text), self)
        text = leaf.text.strip()
        target = leaf.target
        alts = [a.strip() for a in split_top(text, "|")]
        if len(alts) > 1:
            nullable = "null" in alts
            rest = [a for a in alts if a != "null"]
            if _is_model_target(target):
                t: object = ref(text, target)  # the union's own doc
            else:
                t = union_of([parse_type(a, self) for a in rest])
            return Optional_(t) if nullable else t
        if text.startswith("?"):
            inner = self.leaf(Leaf("link", text[1:], target))
            return inner if inner is SKIP else Optional_(inner)
        if text in _RAW:
            return SKIP
        if text in _PRIMS:
            return _PRIMS[text]
        if _is_model_target(target):
            return _class_ref(text, target)
        raise TypeSyntaxError(f"unknown linked type '{text}'")

    def plain(self, text: str) -> object:
        t = text.strip()
        if t.startswith("?"):
            inner = parse_type(t[1:], self)
            return inner if inner is SKIP else Optional_(inner)
        if t in _PRIMS:
            return _PRIMS[t]
        if t in _RAW:
            return SKIP
        if t == "null":
            raise TypeSyntaxError("'null' is not a type on its own")
        if _CLASS.match(t) and ("\\" in t or t[0].isupper()):
            return _class_ref(t)
        raise TypeSyntaxError(f"unknown PHP type '{t}'")

    def member_type(self, code: str) -> str:
        """``@var <type>`` of the member's docblock, else the type of ``<type> $value = ...``
        (read line by line: no pattern here rescans a run of spaces)."""
        declared = ""
        for line in code.split("\n"):
            text = line.strip().lstrip("*/").strip()
            if text.startswith("@var") and text[4:5].isspace():
                return text[4:].strip()
            head, dollar, rest = text.partition("$")
            name, equals, _ = rest.partition("=")
            if (
                not declared
                and dollar
                and equals
                and head.strip()
                and name.strip().isidentifier()
            ):
                declared = head.strip()
        return declared

    def member_heading(self, heading: str, code: str) -> tuple[str, str]:
        """The heading, unless it is empty or a bare ``array``: the docblock's ``@var`` says what
        the array holds (``array<Components\\X>``). ``A|null`` is read as ``?A``."""
        inner = (
            heading[1:-1]
            if len(heading) > 1 and heading[0] == heading[-1] == "`"
            else heading
        )
        if inner.strip() in ("", "array") and code:
            declared = self.member_type(code)
            if declared:
                return _nullable_text(declared), ""
        return _nullable_text(inner), ""

    def example_type(self, t: object, example: str) -> object:
        """``\\DateTime`` is a date where the Example cell is one (``2020-01-01``)."""
        if not _DATE_EXAMPLE.match(example.strip()):
            return t
        if t == DATETIME:
            return DATE
        if isinstance(t, Optional_) and t.inner == DATETIME:
            return Optional_(DATE)
        return t


DIALECT = Php()
