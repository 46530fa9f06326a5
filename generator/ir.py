"""The intermediate representation (IR): what the input says about its models, in no input's syntax
and no output's names. Small frozen dataclasses; every model, field and enum member knows its source.

Who makes it, who reads it::

    front-ends (frontends/)  ->  ir.Package  ->  passes.py  ->  ir.Package  ->  naming  ->  render
    markdown docs today,                         constant literals,            Python names
    OpenAPI next                                 discriminators, ...           per output kind

The nodes, top down:

- ``Package``: every model, sorted by key. ``by_key()`` indexes them. ``operations``: the API's
  operations and the models of their bodies (``Operation``, ``Body``; OpenAPI input only).
- A model is one of ``ObjectModel`` (fields), ``EnumModel`` (members) or ``UnionModel`` (member
  types). All share ``ModelBase``: ``key``, ``name_hint``, ``path_hint``, ``description``,
  ``deprecated``, ``source``.
- ``ModelKey(namespace, name)`` is a model's identity: the name the input gives it and the group
  it sits in (``"components"``; ``""`` when there is none; ``/``-separated when nested).
- ``Field``: one property of an object: its wire (JSON) ``name``, ``type``, ``required``, and what
  the input adds: description, title, deprecation, ``example``, ``default``, read-/write-only, and a
  ``name_hint`` (the SDK's own attribute name, when the input documents one).
- ``EnumMember``: a value, and the member name the input documents, if any.
- ``Discriminator``: the JSON property that tells a union's object members apart, and which value
  means which member.
- Types (``TypeExpr``): ``Prim`` (a primitive kind and format), ``Lit`` (a constant), ``Null``
  (null and nothing else: a schema ``{"type": "null"}``; as a member, a union's null), ``ListOf``,
  ``DictOf`` (string keys), ``Nullable`` (may be null), ``UnionOf`` (any of), ``Ref`` (another
  model, by key). ``Prim``, ``ListOf`` and ``DictOf`` carry ``Constraints``.
- ``Source(file, line, col, pointer)``: where a node was written: a position in a file and, for
  JSON/YAML inputs, the JSON pointer of the node (``/components/schemas/Pet``).
- ``Example`` and ``Value``: example and default values (``Value`` keeps JSON text, so nodes stay
  hashable).

What is not here: Python names (attributes, classes, modules, enum member names, doc paths) are
decided per output kind by ``render/naming.py``; how a front-end spelled a reference (markdown
link text and targets) stays in that front-end (``parse.types.RawRef``). The markdown front-end
never sets ``default``, ``constraints``, ``read_only``/``write_only`` or ``title`` (docs do not say).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar, NamedTuple, Union, overload


@dataclass(frozen=True, order=True)
class Source:
    """Where a node was written: ``file`` (posix, relative to the input root), 1-based ``line`` and
    ``col``, and ``pointer``, the RFC 6901 JSON pointer inside a JSON/YAML file (``""`` otherwise).
    """

    file: str
    line: int = 1
    col: int = 1
    pointer: str = ""


class ModelKey(NamedTuple):
    """A model's identity. ``namespace``: the group it belongs to (markdown: the folder below
    ``models/``; ``""`` for none; nested groups ``/``-separated); ``name``: the name the input gives it.
    A named tuple, not a dataclass like the rest: it is the key of most mappings of a run, and a
    tuple hashes and compares in C (a dataclass's ``__hash__`` is Python code, called ~40 times per
    model per run).
    """

    namespace: str
    name: str

    def __str__(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name


@dataclass(frozen=True)
class Value:
    """A JSON value as canonical JSON text (so it is hashable): ``Value.of({"a": 1})``."""

    json: str

    @classmethod
    def of(cls, value: object) -> Value:
        return cls(json.dumps(value, sort_keys=True, ensure_ascii=False))

    @property
    def value(self) -> object:
        return json.loads(self.json)


@dataclass(frozen=True)
class Example:
    """An example of a field's value. ``text``: how the input shows it (markdown: the Example cell
    as written); ``value``: the JSON value when the input gives one (OpenAPI), else None.
    """

    text: str
    value: Value | None = None


# ---------------------------------------------------------------- types

PRIM_KINDS = frozenset({"string", "integer", "number", "boolean", "any"})
# the closed set of formats; which kinds they go with is the JSON Schema / OpenAPI convention
FORMATS = frozenset(
    {
        "",
        "int32",  # integer
        "int64",  # integer
        "float",  # number
        "double",  # number
        "decimal",  # number or string: an exact decimal
        "date",  # string, RFC 3339 full-date
        "date-time",  # string, RFC 3339 date-time
        "time",  # string
        "duration",  # string, ISO 8601
        "uuid",  # string
        "email",  # string
        "uri",  # string
        "binary",  # string: raw bytes (file contents, streams)
        "byte",  # string: base64-encoded bytes
    }
)


@dataclass(frozen=True)
class Constraints:
    """Validation keywords (JSON Schema names in comments); None / False means "not constrained".

    Strings: ``min_length``, ``max_length``, ``pattern``. Numbers: ``minimum``, ``maximum``,
    ``exclusive_minimum``, ``exclusive_maximum`` (bounds themselves, as in JSON Schema 2020-12),
    ``multiple_of``. Lists: ``min_items``, ``max_items``, ``unique_items``. Maps:
    ``min_properties``, ``max_properties``."""

    min_length: int | None = None  # minLength
    max_length: int | None = None  # maxLength
    pattern: str | None = None  # pattern (ECMA 262)
    minimum: float | None = None  # minimum
    maximum: float | None = None  # maximum
    exclusive_minimum: float | None = None  # exclusiveMinimum
    exclusive_maximum: float | None = None  # exclusiveMaximum
    multiple_of: float | None = None  # multipleOf
    min_items: int | None = None  # minItems
    max_items: int | None = None  # maxItems
    unique_items: bool = False  # uniqueItems
    min_properties: int | None = None  # minProperties
    max_properties: int | None = None  # maxProperties


NO_CONSTRAINTS = Constraints()
# each constraint's attribute and its JSON Schema keyword, in the order JSON Schema output
# writes them
CONSTRAINT_KEYWORDS = (
    ("min_length", "minLength"),
    ("max_length", "maxLength"),
    ("pattern", "pattern"),
    ("minimum", "minimum"),
    ("exclusive_minimum", "exclusiveMinimum"),
    ("maximum", "maximum"),
    ("exclusive_maximum", "exclusiveMaximum"),
    ("multiple_of", "multipleOf"),
    ("min_items", "minItems"),
    ("max_items", "maxItems"),
    ("unique_items", "uniqueItems"),
    ("min_properties", "minProperties"),
    ("max_properties", "maxProperties"),
)


@dataclass(frozen=True)
class Prim:
    """A primitive: ``kind`` is one of ``PRIM_KINDS`` (``any`` = any JSON value), ``format`` one of
    ``FORMATS`` (``""`` = none): ``Prim("string", "date-time")``, ``Prim("integer", "int64")``.
    """

    kind: str
    format: str = ""
    constraints: Constraints = NO_CONSTRAINTS

    def __post_init__(self) -> None:
        if self.kind not in PRIM_KINDS or self.format not in FORMATS:
            raise ValueError(f"not a primitive: {self.kind!r} format {self.format!r}")


@dataclass(frozen=True)
class Lit:
    """A constant: the only value allowed (``Literal["text"]``)."""

    value: Union[str, int, float, bool]


@dataclass(frozen=True)
class Null:
    """The value null and nothing else (Python ``None``). Alone it is a type whose only value is
    null; as a member of a union model it says the union itself may be null (a field may still be
    ``Nullable`` of such a union: the IR says what each place allows)."""


@dataclass(frozen=True)
class ListOf:
    """A JSON array of ``item``."""

    item: TypeExpr
    constraints: Constraints = NO_CONSTRAINTS


@dataclass(frozen=True)
class DictOf:
    """A JSON object with string keys and ``value`` values (a map, not a model)."""

    value: TypeExpr
    constraints: Constraints = NO_CONSTRAINTS


@dataclass(frozen=True)
class Nullable:
    """``inner`` or null."""

    inner: TypeExpr


@dataclass(frozen=True)
class UnionOf:
    """Any one of ``members`` (an inline union; a named one is a ``UnionModel``)."""

    members: tuple[TypeExpr, ...]


@dataclass(frozen=True)
class Ref:
    """Another model of the package, by key. Front-ends resolve their own reference syntax (markdown
    links, ``$ref``) to keys; an unresolvable reference is a diagnostic, never a ``Ref``.
    """

    key: ModelKey


TypeExpr = Union[Prim, Lit, Null, ListOf, DictOf, Nullable, UnionOf, Ref]

# the primitives the markdown dialects know, by name
ANY = Prim("any")
STRING = Prim("string")
INTEGER = Prim("integer")
NUMBER = Prim("number")
BOOLEAN = Prim("boolean")
BINARY = Prim("string", "binary")
DATE = Prim("string", "date")
DATETIME = Prim("string", "date-time")
DECIMAL = Prim("number", "decimal")
NULL = Null()


def any_node(t: TypeExpr | None, test: Callable[[TypeExpr], bool]) -> bool:
    """Whether ``test`` holds for any node of a type expression (``t`` itself, list items, map
    values, the inside of Nullable, union members), without rebuilding it as ``map_leaves``
    does."""
    if t is None:
        return False
    if test(t):
        return True
    if isinstance(t, ListOf):
        return any_node(t.item, test)
    if isinstance(t, DictOf):
        return any_node(t.value, test)
    if isinstance(t, Nullable):
        return any_node(t.inner, test)
    if isinstance(t, UnionOf):
        return any(any_node(m, test) for m in t.members)
    return False


def walk_refs(t: object) -> Iterator[Ref]:
    """Yield every Ref inside a type expression."""
    if isinstance(t, Ref):
        yield t
    elif isinstance(t, ListOf):
        yield from walk_refs(t.item)
    elif isinstance(t, DictOf):
        yield from walk_refs(t.value)
    elif isinstance(t, Nullable):
        yield from walk_refs(t.inner)
    elif isinstance(t, UnionOf):
        for m in t.members:
            yield from walk_refs(m)


def says_null(
    t: TypeExpr, models: Mapping[ModelKey, Model], _seen: frozenset = frozenset()
) -> bool:
    """Whether ``t`` itself allows null: ``Null``, ``Nullable``, a union with such a member, or a
    reference to a union model with one (``models``: the package's, by key). ``Any`` does not
    count: it allows null without saying so."""
    if isinstance(t, (Null, Nullable)):
        return True
    if isinstance(t, UnionOf):
        return any(says_null(m, models, _seen) for m in t.members)
    if isinstance(t, Ref) and t.key not in _seen:
        m = models.get(t.key)
        return isinstance(m, UnionModel) and any(
            says_null(x, models, _seen | {t.key}) for x in m.members
        )
    return False


def map_leaves(t, fn: Callable):
    """``t`` with every leaf (anything but ListOf, DictOf, Nullable, UnionOf) replaced by ``fn(leaf)``;
    None if ``fn`` gives None for any of them. Front-ends use it on their own leaves too.
    """
    if isinstance(t, ListOf):
        item = map_leaves(t.item, fn)
        return None if item is None else ListOf(item, t.constraints)
    if isinstance(t, DictOf):
        value = map_leaves(t.value, fn)
        return None if value is None else DictOf(value, t.constraints)
    if isinstance(t, Nullable):
        inner = map_leaves(t.inner, fn)
        return None if inner is None else Nullable(inner)
    if isinstance(t, UnionOf):
        members = [map_leaves(m, fn) for m in t.members]
        return None if any(m is None for m in members) else UnionOf(tuple(members))
    return fn(t)


@overload
def map_refs(t: TypeExpr, fn: Callable[[Ref], TypeExpr]) -> TypeExpr: ...


@overload
def map_refs(t: TypeExpr, fn: Callable[[Ref], TypeExpr | None]) -> TypeExpr | None: ...


def map_refs(t: TypeExpr, fn: Callable[[Ref], TypeExpr | None]) -> TypeExpr | None:
    """``t`` with every Ref replaced by ``fn(ref)``; None if ``fn`` gives None for any of them."""
    return map_leaves(t, lambda x: fn(x) if isinstance(x, Ref) else x)


# ---------------------------------------------------------------- models


@dataclass(frozen=True)
class Field:
    """One property of an object model.

    ``name`` is the wire (JSON) name. ``name_hint`` is the SDK's attribute name when the input
    documents one apart from the JSON name (``""`` otherwise); naming uses it if it can.
    ``required``: the property must be present (``Nullable`` in ``type`` says it may be null).
    ``deprecated``: None if not deprecated, else the message (``""`` when there is none).
    """

    name: str
    type: TypeExpr
    required: bool
    source: Source
    description: str = ""
    deprecated: str | None = None
    name_hint: str = ""
    example: Example | None = None
    default: Value | None = None
    read_only: bool = False  # readOnly: sent by the server only
    write_only: bool = False  # writeOnly: sent by the client only
    title: str = ""  # a short label the input gives the property (OpenAPI ``title``)


@dataclass(frozen=True)
class EnumMember:
    """One value of an enum; ``name_hint`` is the member name the input documents (``""`` if none)."""

    value: Union[str, int, float, bool]
    source: Source
    name_hint: str = ""


@dataclass(frozen=True)
class Discriminator:
    """The JSON property whose constant value tells a union's object members apart, and
    ``mapping``: (value, member key) pairs in member order."""

    property: str
    mapping: tuple[tuple[Union[str, int, float, bool], ModelKey], ...] = ()


@dataclass(frozen=True)
class ModelBase:
    """What every model has. ``name_hint``: the class name the input prefers when it differs from
    ``key.name`` (``""`` otherwise). ``path_hint``: the file stem the input prefers for the model's
    module and doc (markdown: the doc's own stem; ``""``: derive from the name).
    ``deprecated``: None, or the message (``""`` when there is none). ``title``: a short label the
    input gives the model (OpenAPI ``title``; ``""`` if none)."""

    key: ModelKey
    description: str
    deprecated: str | None
    source: Source
    name_hint: str = ""
    path_hint: str = ""
    title: str = ""

    kind: ClassVar[str] = ""


@dataclass(frozen=True)
class ObjectModel(ModelBase):
    """A JSON object with named ``fields``. ``extra``: the type of additional properties, None if
    the input documents none. ``extra_name``: how the input spelled the additional-properties entry
    (markdown: ``additionalProperties`` or ``__pydantic_extra__``; ``""`` if it did not).
    """

    fields: tuple[Field, ...] = ()
    extra: TypeExpr | None = None
    extra_name: str = ""

    kind: ClassVar[str] = "object"


@dataclass(frozen=True)
class EnumModel(ModelBase):
    """A closed set of scalar values; ``open``: unknown values are accepted too."""

    members: tuple[EnumMember, ...] = ()
    open: bool = False

    kind: ClassVar[str] = "enum"

    @property
    def value_type(self) -> str:
        """``str``, ``int``, ``float``, ``bool``, or ``mixed``."""
        kinds = {type(m.value).__name__ for m in self.members}
        return kinds.pop() if len(kinds) == 1 else "mixed"


@dataclass(frozen=True)
class UnionModel(ModelBase):
    """A named "any of" ``members``. ``known`` is False when the input names no members (the union is
    then typed as Any). ``discriminator``: set by the discriminators pass when one exists.
    """

    members: tuple[TypeExpr, ...] = ()
    known: bool = True
    discriminator: Discriminator | None = None

    kind: ClassVar[str] = "union"


Model = Union[ObjectModel, EnumModel, UnionModel]


@dataclass(frozen=True)
class Body:
    """A request or response body of an operation: ``role`` (``request`` / ``response``), the
    ``status`` of a response (``200``, ``4XX``, ``default``; ``""`` for a request), the ``media``
    type, and ``model``: the model of its schema (a ``$ref`` followed) or, when ``items`` is set, of
    the items of the list it is; None when there is no model (a primitive, a map)."""

    role: str
    status: str
    media: str
    model: ModelKey | None
    source: Source
    items: bool = False


@dataclass(frozen=True)
class Operation:
    """An API operation (OpenAPI: a method of a path): its ``id`` (the operationId, ``""`` if
    none), ``method`` and ``path``, and its ``bodies`` in the input's order. The docs+spec join
    uses them to find the bodies the docs name ``{Op}RequestBody`` / ``{Op}ResponseBody``.
    """

    id: str
    method: str
    path: str
    bodies: tuple[Body, ...]
    source: Source


@dataclass(frozen=True)
class Package:
    """Every model of the input, sorted by key (front-ends and passes keep that order), and the
    API's ``operations`` when the input describes them (OpenAPI; ``()`` otherwise)."""

    models: tuple[Model, ...]
    operations: tuple[Operation, ...] = ()

    def by_key(self) -> dict[ModelKey, Model]:
        """Each model by its key: a new dict each call (the caller's to keep or change), copied
        from one made at the first call (render asks three times for one package; a copy takes
        the keys' hashes along, so it costs no Python code per model)."""
        made = self.__dict__.get("_by_key")
        if made is None:
            made = {m.key: m for m in self.models}
            object.__setattr__(self, "_by_key", made)  # a cache of a frozen value
        return dict(made)


def package(models, operations=()) -> Package:
    """A Package of ``models`` in the IR's order (by key)."""
    return Package(tuple(sorted(models, key=lambda m: m.key)), tuple(operations))
