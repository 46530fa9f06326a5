"""Go (reference 7.4): a ``*`` pointer means optional or nullable (``**string*``, `` `*string` ``,
``[*components.X](...)``), containers ``[]T`` and ``map[string]T`` sit outside the leaf, Field
cells are the SDK's exported PascalCase names (``ID``, ``CallbackURL``), enum members carry their
type's name as a prefix, and a union member's type is the argument of its example's constructor.

Both eras: italics (``*string*``, ``**int64*``, ``[]*string*``, ``map[string]*interface{}*``, gen
<= 2.797 and up to 2.858) and code spans (`` `*string` ``, ``[]`string` ``, ``map[string]`any` ``,
gen >= 2.858); links ``[shared.X](../../../pkg/models/shared/x.md)`` (``docs/pkg/models``, 2025 and
before) and ``[components.X](../../models/components/x.md)`` (``docs/models``, 2026).
"""

from __future__ import annotations

import re
from types import MappingProxyType

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
from ..types import SKIP, Leaf, Optional_, TypeSyntaxError, parse_type
from .base import EXTRA_FIELDS, Dialect, Evidence
from .common import QUALIFIED, is_date_wrapper, is_model_link, ref

_INTS = ("int", "int8", "int16", "int32", "int64")
_PRIMS = {
    "string": STRING,
    **{t: INTEGER for t in _INTS + tuple("u" + t for t in _INTS)},
    "float32": NUMBER,
    "float64": NUMBER,
    "bool": BOOLEAN,
    "any": ANY,
    "interface{}": ANY,
    "io.ReadCloser": BINARY,
    "io.Reader": BINARY,
    "time.Time": DATETIME,
    "types.Date": DATE,
    "big.Int": INTEGER,
    "decimal.Big": DECIMAL,
}
# the SDK holds these behind a pointer whatever the field: their '*' says nothing
_ALWAYS_POINTER = frozenset({"big.Int", "decimal.Big"})
# SDK plumbing wherever it stands: the raw HTTP exchange of an operation
_RAW = frozenset({"http.Response", "http.Request"})
# spellings that look like a container but are one type
_ATOMS = MappingProxyType({"[]byte": BINARY})

# spellings only Go writes, in Type cells (one a line): a whole cell that is an old pointer italic
# (``**string*``), Go's sized numbers, ``interface{}``, pointer code spans and links, a cell that
# starts with ``[]``, ``map[string]``, pkg.go.dev links
_HINTS = re.compile(
    r"^\*\*[A-Za-z_][\w.]*\*$"
    r"|\*(?:u?int(?:8|16|32|64)|float(?:32|64)|interface\{\}|\[\]byte|io\.ReadCloser)\*"
    r"|`(?:\*[A-Za-z_][\w.]*|u?int(?:8|16|32|64)|float(?:32|64)|io\.ReadCloser)`"
    r"|\[\*[A-Za-z_][\w.]*\]\("
    r"|^\[\]"
    r"|map\[string\]"
    r"|pkg\.go\.dev",
    re.M,
)
# ``value := shared.CreateUnionInteger(int64{/* values here */})``: the argument's type
_CONSTRUCTOR = re.compile(
    r"^[^\S\n]*[\w.]+[^\S\n]*:=[^\S\n]*[\w.]+\(([^\n]*)\{/\*", re.M
)


class Go(Dialect):
    name = "go"
    language = "Go"
    fence_languages = frozenset({"go", "golang"})
    containers = (
        ("[]", "", ListOf),
        ("map[string]", "", DictOf),
    )
    atoms = _ATOMS
    plumbing_fields = frozenset({"RawResponse"})
    extra_fields = frozenset(EXTRA_FIELDS) | {"AdditionalProperties"}

    def score(self, doc: Evidence) -> int:
        score = len(_HINTS.findall(doc.types))
        # Go's fields are all exported (capitalised), no other dialect's are. Two points a field,
        # as its type may be a spelling Go shares with another dialect (``*string*``)
        if (
            doc.kind == "object"
            and doc.names
            and all(n[:1].isupper() for n in doc.names)
        ):
            score += 2 * len(doc.names)
        if doc.path.startswith("pkg/models/") or "/pkg/models/" in doc.path:
            score += 1
        return score

    def leaf(self, leaf: Leaf) -> object:
        if leaf.form != "link":
            return parse_type(leaf.text, self)
        text = leaf.text.strip()
        pointer = text.startswith("*")
        base = text[1:].strip() if pointer else text
        if is_model_link(leaf.target):
            t = DATE if is_date_wrapper(leaf.target) else ref(base, leaf.target)
        elif base in _RAW:
            return SKIP
        elif base in _PRIMS:
            t = _PRIMS[base]
        else:
            raise TypeSyntaxError(f"unknown linked type '{text}'")
        return Optional_(t) if pointer and base not in _ALWAYS_POINTER else t

    def plain(self, text: str) -> object:
        t = text.strip()
        if t.startswith("*"):
            base = t[1:].strip()
            inner = parse_type(base, self)
            if inner is SKIP or base in _ALWAYS_POINTER:
                return inner
            return Optional_(inner)
        if t in _PRIMS:
            return _PRIMS[t]
        if t in _RAW:
            return SKIP
        if QUALIFIED.match(t) and (t[0].isupper() or "." in t):
            return ref(t)
        raise TypeSyntaxError(f"unknown Go type '{t}'")

    def member_type(self, code: str) -> str:
        m = _CONSTRUCTOR.search(code)
        return m.group(1).strip() if m else ""

    def json_name(self, field: str) -> str:
        return lower_camel(field)

    def member_name(self, enum: str, documented: str) -> str:
        """``AccountTypeScaleUp`` of enum ``AccountType`` is ``ScaleUp``."""
        rest = documented[len(enum) :]
        if documented.startswith(enum) and rest[:1].isalpha():
            return rest
        return documented


def lower_camel(name: str) -> str:
    """The camelCase name an exported Go name was made from: the first word lower-cased, and the
    Go initialisms after it title-cased (``ID`` -> ``id``, ``CallbackURL`` -> ``callbackUrl``,
    ``HTTPBinSimpleJSONObject`` -> ``httpBinSimpleJsonObject``). The wire name itself is not in
    the docs (reference 9.4); this is the name Speakeasy's TypeScript docs of the same API give.
    A name that does not start with a capital is kept."""
    if not name[:1].isupper():
        return name
    out: list[str] = []
    i, n = 0, len(name)
    while i < n:
        if not name[i].isupper():
            j = i
            while j < n and not name[j].isupper():
                j += 1
            out.append(name[i:j])
            i = j
            continue
        j = i
        while j < n and name[j].isupper():
            j += 1
        if j - i > 1 and j < n and name[j].islower():
            j -= 1  # the last capital starts the next word: HTTPBin is HTTP + Bin
        if j - i > 1:  # an initialism
            word = name[i:j]
            out.append(word.lower() if not out else word[0] + word[1:].lower())
        else:  # one capital and the lower-case letters and digits after it
            while j < n and not name[j].isupper():
                j += 1
            word = name[i:j]
            out.append(word[0].lower() + word[1:] if not out else word)
        i = j
    return "".join(out)


DIALECT = Go()
