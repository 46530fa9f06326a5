"""The ``Dialect`` protocol: everything one SDK language brings to its model docs, in one object.

Speakeasy writes the same docs for SDKs in several languages; they share the skeleton (H1, tables,
``## Fields`` / ``## Values`` / ``## Supported Types``, links) and differ in what this class covers:

- **detection**: ``fence_languages`` (code-fence info strings that prove the language) and
  ``score(doc)`` (how many spellings of the doc's ``Evidence`` only this language writes);
- **type grammar**: ``containers``, ``atoms``, ``leaf(leaf)`` and ``plain(text)``, driven by
  ``parse.types.parse_type``, which alone peels alternatives, parentheses and containers;
  ``member_type(code)``, the type a union member's example declares when its heading is empty;
  ``member_heading(heading, code)``, the type text a union member's heading stands for (and a
  note when that is a guess: C# headings name a member, ``Str``, not its type);
- **names**: ``json_name(field)``, the JSON name a Field cell stands for; ``member_name(enum,
  documented)``, the member name an enum's Name column stands for; ``extra_fields``, the Field
  cells that document additional properties;
- **SDK plumbing**: ``plumbing(field, type_cell)``, rows that are SDK machinery, not data;
- **examples**: ``null_paths(code)``, the properties an example sets to ``null``;
  ``example_type(t, example)``, what a field's Example cell tells that its Type cell lost.

A dialect is one module of this package that defines ``DIALECT``, an instance of a subclass of
``Dialect``, plus one line in the registry (``dialects/__init__.py``). Every method has a default
here that suits a language which has no such rule; override only what the language does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ...ir import TypeExpr
from ..languages import EXTRA_FIELDS
from ..types import Leaf, TypeSyntaxError, parse_type
from .common import is_model_link, ref

# ``name: Type =`` in a member's example (TS ``const value: X = ...``, Python ``value: X = ...``);
# group 1 needs an rstrip. Written so no part can rescan what another part gave back: ``^\s*``
# under re.M spans blank lines and ``(.+?)\s*=`` rescans a run of spaces from each of its
# characters, both quadratic (cubic together)
DECLARED_TYPE = re.compile(
    r"^[^\S\n]*(?:(?:const|let|var)\s+)?[\w$]+\s*:\s*(\S[^=\n]*)(?:=|\n\s*=)", re.M
)

# the step of a ``null_paths`` path that stands for the items of an array
ITEM = "[]"


@dataclass(frozen=True)
class Evidence:
    """What detection shows a dialect's ``score`` of one doc whose code blocks do not name a
    language. ``types`` and ``names`` are small: score them; ``text`` is the whole doc (long
    descriptions, examples): scanning it costs as much as the rest of detection, so only for
    what nothing else shows."""

    # posix, relative to SPECS: "pkg/models/shared/pet.md"
    path: str
    # the H1 name: "Pet"
    name: str
    # object | enum | union
    kind: str
    # the Type cells of an object, the ### headings of a union: one a line, as written
    types: str
    # the Field cells of an object, the Name cells of an enum (without backticks)
    names: tuple[str, ...]
    # the whole doc
    text: str


class Dialect:
    """One language's model docs. Subclass it, set the class attributes, override the methods the
    language needs; the defaults say what a language without that rule gets.

    Detection (``dialects.detect``): the first code fence whose info string is in some dialect's
    ``fence_languages`` decides; otherwise the dialect with the highest ``score`` wins if it is
    the only one with that score. A doc no dialect wins takes the dialect most docs of its SDK
    folder (the folder above ``models/``) have, else most docs of the input; if no doc tells,
    every dialect is tried (registry order) and the first that reads the doc without errors wins;
    if none does, the doc gets one ``parse-dialect`` error. ``--dialect NAME`` skips all of it.
    """

    # the registry key, RawDoc.dialect, the value of --dialect / dialect = "..."
    name: str = ""
    # how messages name it: "unknown Go type '...'"
    language: str = ""
    # lower-case info strings of code fences that prove the language ("go", "golang")
    fence_languages: frozenset[str] = frozenset()
    # (prefix, suffix, constructor): the container spellings, tried in order on type text as the
    # cell writes it (escapes included), around a leaf or inside one (``*List[str]*``)
    containers: tuple[tuple[str, str, Callable[[TypeExpr], TypeExpr]], ...] = ()
    # whole spellings with a fixed meaning, looked up before containers are peeled: Go's ``[]byte``
    # is bytes, not a list of ``byte``
    atoms: Mapping[str, TypeExpr] = MappingProxyType({})

    # ------------------------------------------------------------ detection

    def score(self, doc: Evidence) -> int:
        """How strongly ``doc`` is in this dialect: how many spellings it holds that this dialect
        writes and the others do not (a type spelling in ``doc.types``, a naming habit of
        ``doc.names``, a layout of ``doc.path``), 0 for none. A spelling several dialects share
        (``*string*``) tells nothing; if it must count, the other dialects' evidence must still win
        on their docs (``tests/test_cross_language.py`` checks every doc of each language's
        corpus keeps its dialect). Scores of different dialects are compared: count occurrences.
        It runs for every doc no fence decides, once per dialect: keep it to a regex over
        ``doc.types``."""
        return 0

    # ------------------------------------------------------------ type grammar

    def leaf(self, leaf: Leaf) -> object:
        """A leaf of a Type cell (``Leaf.form``: ``link``, ``italic``, ``code``) to a type: a
        ``TypeExpr``, ``types.Optional_`` (a marker meaning optional when ➖ and nullable when ✓),
        ``RawRef`` (a reference the link step resolves) or ``types.SKIP`` (SDK plumbing). Default:
        a link to a model doc is a reference to it; other links are unknown; italic and code text is
        type text (``parse_type``). Raise ``TypeSyntaxError`` for what the dialect does not know.
        """
        if leaf.form == "link":
            if is_model_link(leaf.target):
                return ref(leaf.text, leaf.target)
            raise TypeSyntaxError(f"unknown linked type '{leaf.text.strip()}'")
        return parse_type(leaf.text, self)

    def plain(self, text: str) -> object:
        """Type text that is no leaf, alternative, parenthesis or container: primitives, literals,
        wrappers (``Optional[...]``, Go's ``*T``), bare names. Returns what ``leaf`` returns; nested
        type text goes back through ``parse_type(inner, self)``."""
        raise TypeSyntaxError(f"unknown {self.language or self.name} type '{text}'")

    def member_type(self, code: str) -> str:
        """The type text a union member's example declares (for a member whose heading is empty),
        ``""`` if it declares none. Default: ``name: Type =`` (TypeScript, Python)."""
        m = DECLARED_TYPE.search(code)
        return m.group(1).rstrip() if m else ""

    def member_heading(self, heading: str, code: str) -> tuple[str, str]:
        """What a union member's ``### heading`` (stripped, ``""`` when empty) and its example
        block ``code`` (``""`` if none) say its type is: the type text to parse, and a note
        (``""`` for none) when that type is not written but guessed, such as a type read from a
        member's name; the parse step gathers a union's notes into one warning. Default: the
        heading is the type text; an empty one takes the type the example declares."""
        return (heading or self.member_type(code), "")

    # ------------------------------------------------------------ names

    def json_name(self, field: str) -> str:
        """The JSON (wire) name a Field cell stands for, as far as the docs tell. Default: the
        cell itself. The IR keeps the result as ``Field.name`` and the cell, when it differs, is
        not kept (the output's attribute is derived from the JSON name)."""
        return field

    def member_name(self, enum: str, documented: str) -> str:
        """The member name an enum's Name cell ``documented`` stands for in enum ``enum`` (the
        H1 name); naming makes a Python name of it. Default: the cell."""
        return documented

    # Field cells whose row documents additional properties, not a field (when the type is a map)
    extra_fields: frozenset[str] = frozenset(EXTRA_FIELDS)

    # ------------------------------------------------------------ SDK plumbing

    plumbing_fields: frozenset[str] = frozenset()

    def plumbing(self, field: str, type_cell: str) -> bool:
        """Whether the row of Field ``field`` and Type cell ``type_cell`` (as written) is SDK
        machinery of an operation's response wrapper, not data (it is left out). Default: a field
        named in ``plumbing_fields`` whose type names a ``Response``. Types that are plumbing
        wherever they stand (a raw HTTP response, an event stream) are ``types.SKIP`` from the
        grammar instead."""
        return field in self.plumbing_fields and "Response" in type_cell

    # ------------------------------------------------------------ examples

    def null_paths(self, code: str) -> list[tuple[str, ...]]:
        """The paths an example (``## Example Usage`` block of an object, a union member's block)
        sets to ``null``: JSON names of properties, ``ITEM`` (``"[]"``) for the items of an
        array. The link step makes a required field at such a path nullable (Speakeasy writes
        ``null`` only for a nullable property). Default: none (an example with placeholders tells
        nothing)."""
        return []

    def example_type(self, t: object, example: str) -> object:
        """The type of a field whose Type cell parsed to ``t`` (what ``leaf`` / ``plain`` return,
        before the Required cell resolves ``types.Optional_``) and whose Example cell is
        ``example`` (raw, ``""`` if none). Default: ``t``. For a language whose one spelling
        stands for two types its examples tell apart (PHP's ``\\DateTime`` for date and date-time).
        """
        return t

    def __repr__(self) -> str:
        return f"<dialect {self.name}>"
