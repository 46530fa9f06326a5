"""C# (reference 7.6): ``*string*`` ``*long*`` ``*decimal*`` ``*BigInteger*`` ..., ``List<T>``,
``Dictionary<String, T>``, nullable ``T?``, ``DateTime`` / ``LocalDate`` links, bare or qualified
refs (``[Models.Shared.Auth](…)``), PascalCase Field cells (the JSON name is their camelCase, as
in the other SDKs' docs), and union docs whose headings name members (``### Str``,
``### ArrayOfBike``) rather than type them."""

from __future__ import annotations

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
)
from ..types import (
    MAX_NESTING,
    SKIP,
    Leaf,
    Optional_,
    TypeSyntaxError,
    nesting,
    parse_type,
)
from .base import EXTRA_FIELDS, Dialect, Evidence
from .common import QUALIFIED, is_model_link, ref

_PRIMS = {
    "string": STRING,
    "String": STRING,
    "long": INTEGER,
    "int": INTEGER,
    "short": INTEGER,
    "BigInteger": INTEGER,
    "double": NUMBER,
    "float": NUMBER,
    "decimal": DECIMAL,
    "bool": BOOLEAN,
    "object": ANY,
    "byte[]": BINARY,
    "Stream": BINARY,
    "DateTime": DATETIME,
    "DateTimeOffset": DATETIME,
    "LocalDate": DATE,
}
_WEB = {"DateTime": DATETIME, "DateTimeOffset": DATETIME, "LocalDate": DATE}
_RAW = frozenset(
    {
        "HttpResponseMessage",
        "HttpRequestMessage",
        "System.Net.Http.HttpResponseMessage",
        "System.Net.Http.HttpRequestMessage",
    }
)

# Detection, over a doc's Type cells, Field cells and path. Spellings only C# writes count in
# every doc. An object whose Field cells are all PascalCase (Go's are too; PHP's and Java's are
# camelCase) in a doc laid out as C#'s (below a ``Models`` folder, or in a file whose name keeps
# the model's case: TypeScript, Python, Go and Ruby lower-case it) counts two a field, as Go
# counts them wherever the doc is, and the spellings C# shares with others (``*string*`` with
# TypeScript and PHP, ``*int*`` / ``*bool*`` with Python, ``*long*`` and ``List<`` with Java).
# A ``Models`` folder (Go's is ``models``) is one more.
_ONLY = re.compile(
    r"Dictionary<[Ss]tring, |\*(?:decimal|object)\*|learn\.microsoft\.com|nodatime\.org"
    r"|HttpResponseMessage"
)
_SHARED = re.compile(
    r"\*(?:string|int|long|double|float|bool|BigInteger|byte\[\])\??\*|List<"
)

# Speakeasy's names of union members (``Create<Name>(...)``) that stand for a type, not a model;
# ``ArrayOf<X>`` and ``MapOf<X>`` wrap another such name
_MEMBER_TYPES = {
    "Str": "string",
    "Integer": "long",
    "Int32": "int",
    "Int64": "long",
    "Number": "double",
    "Float32": "float",
    "Float64": "double",
    "Boolean": "bool",
    "Bigint": "BigInteger",
    "Decimal": "decimal",
    "Any": "object",
    "DateTime": "DateTime",
    "Date": "LocalDate",
}
_MEMBER_CONTAINERS = (("ArrayOf", "List<", ">"), ("MapOf", "Dictionary<String, ", ">"))
_MEMBER_NAME = re.compile(r"^[A-Za-z_]\w*$")
_CREATE = re.compile(r"\.Create(\w+)\(")


def json_name(field: str) -> str:
    """The JSON name a PascalCase Field cell stands for: its camelCase (``StatusCode`` ->
    ``statusCode``, ``ID`` -> ``id``, ``URLPath`` -> ``urlPath``), the name the TypeScript and
    Java docs of the same API write. The wire name itself is not in any SDK's docs."""
    n = len(field) - len(field.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if n == 0:
        return field
    if n == len(field):
        return field.lower()
    if n > 1 and field[n].islower():
        n -= 1  # URLPath: the last capital starts the next word
    return field[:n].lower() + field[n:]


def csharp_layout(path: str) -> bool:
    """Whether ``path`` is laid out as C# docs are: below a ``Models`` folder, or in a file whose
    name keeps the model's case."""
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    return "Models" in parts[:-1] or stem != stem.lower()


def member_type_text(name: str) -> str | None:
    """The C# type text a union member's name stands for by Speakeasy's naming (``Str`` ->
    ``string``, ``ArrayOfBike`` -> ``List<Bike>``), None if the name is a model's."""
    opened: list[str] = []
    rest = name
    while len(opened) <= MAX_NESTING:
        for prefix, open_, close in _MEMBER_CONTAINERS:
            if (
                rest.startswith(prefix)
                and rest[len(prefix) : len(prefix) + 1].isupper()
            ):
                opened.append(open_ + "\0" + close)
                rest = rest[len(prefix) :]
                break
        else:
            break
    if not opened and rest not in _MEMBER_TYPES:
        return None
    text = _MEMBER_TYPES.get(rest, rest)
    for wrap in reversed(opened):
        text = wrap.replace("\0", text)
    return text


class CSharp(Dialect):
    name = "csharp"
    language = "C#"
    fence_languages = frozenset({"csharp", "cs", "c#"})
    containers = (
        ("List<", ">", ListOf),
        ("Dictionary<String, ", ">", DictOf),
        ("Dictionary<string, ", ">", DictOf),
    )
    extra_fields = frozenset(EXTRA_FIELDS) | {"AdditionalProperties"}

    def score(self, doc: Evidence) -> int:
        n = len(_ONLY.findall(doc.types))
        pascal = doc.kind == "object" and all(f[:1].isupper() for f in doc.names)
        if pascal and doc.names and csharp_layout(doc.path):
            n += len(_SHARED.findall(doc.types)) + 2 * len(doc.names)
        if "Models" in doc.path.split("/")[:-1]:
            n += 1
        return n

    @nesting
    def leaf(self, leaf: Leaf) -> object:
        if leaf.form != "link":
            return parse_type(leaf.text, self)
        text = leaf.text.strip()
        if text.endswith("?"):  # a nullable value type
            inner = self.leaf(Leaf("link", text[:-1], leaf.target))
            return SKIP if inner is SKIP else Optional_(inner)
        if text in _RAW:
            return SKIP  # the raw HTTP response of an operation's response wrapper
        if is_model_link(leaf.target):
            return ref(text, leaf.target)
        if text in _WEB:
            return _WEB[text]
        raise TypeSyntaxError(f"unknown linked type '{text}'")

    @nesting
    def plain(self, text: str) -> object:
        t = text.strip()
        if t.endswith("?"):
            inner = parse_type(t[:-1], self)
            return SKIP if inner is SKIP else Optional_(inner)
        if t in _PRIMS:
            return _PRIMS[t]
        if t in _RAW:
            return SKIP
        if t == "null":
            raise TypeSyntaxError("'null' is not a type on its own")
        if QUALIFIED.match(t) and t[0].isupper():
            return ref(t)
        raise TypeSyntaxError(f"unknown C# type '{t}'")

    def member_heading(self, heading: str, code: str) -> tuple[str, str]:
        name = heading
        if not name:
            m = _CREATE.search(code)
            name = m.group(1) if m else ""
        if not _MEMBER_NAME.match(name):
            return (name, "")  # a type (a code span, a link), or nothing
        text = member_type_text(name)
        if text is None:
            return (name, "")  # a model's name: a reference to it
        return (text, f"'{name}' as {text}")

    def json_name(self, field: str) -> str:
        return json_name(field)


DIALECT = CSharp()
