"""The intermediate representation: small frozen dataclasses, each node knowing its source.

Types (``TypeExpr``) are shared by the parse stage (where ``Ref.key`` is still ``None``) and the IR
(where link has filled it in). Models are keyed by ``ModelKey(namespace, name)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True, order=True)
class Source:
    file: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True, order=True)
class ModelKey:
    namespace: str  # posix path below the models root, "" for a flat layout
    name: str  # the documented model name

    def __str__(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name


# ---------------------------------------------------------------- types

PRIMITIVES = ("str", "int", "float", "bool", "any", "bytes", "date", "datetime", "decimal")


@dataclass(frozen=True)
class Prim:
    kind: str  # one of PRIMITIVES


@dataclass(frozen=True)
class Lit:
    value: Union[str, int, float, bool]


@dataclass(frozen=True)
class ListOf:
    item: "TypeExpr"


@dataclass(frozen=True)
class DictOf:
    value: "TypeExpr"


@dataclass(frozen=True)
class Nullable:
    inner: "TypeExpr"


@dataclass(frozen=True)
class UnionOf:
    members: tuple["TypeExpr", ...]


@dataclass(frozen=True)
class Ref:
    """A reference to another model: by link target, by qualified name, or both."""

    text: str  # the name as written (``components.TextPart``)
    target: str = ""  # link target as written, "" if unlinked
    key: ModelKey | None = None  # filled in by link


TypeExpr = Union[Prim, Lit, ListOf, DictOf, Nullable, UnionOf, Ref]

ANY = Prim("any")


def walk_refs(t: TypeExpr):
    """Yield every Ref inside a type expression."""
    if isinstance(t, Ref):
        yield t
    elif isinstance(t, (ListOf,)):
        yield from walk_refs(t.item)
    elif isinstance(t, DictOf):
        yield from walk_refs(t.value)
    elif isinstance(t, Nullable):
        yield from walk_refs(t.inner)
    elif isinstance(t, UnionOf):
        for m in t.members:
            yield from walk_refs(m)


def map_refs(t: TypeExpr, fn) -> TypeExpr | None:
    """``t`` with every Ref replaced by ``fn(ref)``; None if ``fn`` gives None for any of them."""
    if isinstance(t, Ref):
        return fn(t)
    if isinstance(t, ListOf):
        item = map_refs(t.item, fn)
        return None if item is None else ListOf(item)
    if isinstance(t, DictOf):
        value = map_refs(t.value, fn)
        return None if value is None else DictOf(value)
    if isinstance(t, Nullable):
        inner = map_refs(t.inner, fn)
        return None if inner is None else Nullable(inner)
    if isinstance(t, UnionOf):
        members = [map_refs(m, fn) for m in t.members]
        return None if any(m is None for m in members) else UnionOf(tuple(members))  # type: ignore[arg-type]
    return t


# ---------------------------------------------------------------- models


@dataclass(frozen=True)
class Field:
    name: str  # the documented name, also the JSON name (alias)
    attr: str  # safe snake_case Python attribute name
    type: TypeExpr
    required: bool
    description: str
    deprecated: str | None  # deprecation message, None if not deprecated
    example: str
    source: Source

    @property
    def alias(self) -> str | None:
        return self.name if self.name != self.attr else None


@dataclass(frozen=True)
class EnumMember:
    name: str  # safe Python member name
    value: Union[str, int, float, bool]
    source: Source


@dataclass(frozen=True)
class ModelBase:
    key: ModelKey
    class_name: str  # safe Python class name
    module: str  # dotted module path inside the output package, e.g. "components.textpart"
    description: str
    deprecated: str | None
    source: Source


@dataclass(frozen=True)
class ObjectModel(ModelBase):
    fields: tuple[Field, ...]
    extra: TypeExpr | None  # type of documented additional properties, None if closed
    extra_name: str  # the documented name of the additional-properties field ("" if none)

    kind = "object"


@dataclass(frozen=True)
class EnumModel(ModelBase):
    members: tuple[EnumMember, ...]
    open: bool

    kind = "enum"

    @property
    def value_type(self) -> str:
        kinds = {type(m.value).__name__ for m in self.members}
        return kinds.pop() if len(kinds) == 1 else "mixed"


@dataclass(frozen=True)
class UnionModel(ModelBase):
    members: tuple[TypeExpr, ...]
    discriminator: str | None  # attribute name of the discriminating field, if any
    known: bool  # False when the doc lists no members (they are unknown)

    kind = "union"


Model = Union[ObjectModel, EnumModel, UnionModel]


@dataclass(frozen=True)
class Package:
    """Everything render needs: the models in a stable order."""

    models: tuple[Model, ...]

    def by_key(self) -> dict[ModelKey, Model]:
        return {m.key: m for m in self.models}
