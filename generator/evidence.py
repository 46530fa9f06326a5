"""Part of the markdown front-end (``frontends/markdown/links.py``): nullability evidence from examples.

Some dialects' Type cells never say a field is nullable (TypeScript), but Speakeasy writes ``null``
in an example only for a nullable property. Each dialect finds the paths its examples set to
``null`` (``Dialect.null_paths``: ``("modelInfo", "dbModel")``, ``("choices", "[]", "x")``);
following a path through the IR here names the field that must accept null.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from . import ir
from .parse.dialects.base import ITEM


class _Index:
    """Models by key, fields by name and union members by the fields they hold, each built once:
    scanning every field for every step of every path is quadratic in a model of many fields.
    """

    def __init__(self, by_key: Mapping[ir.ModelKey, ir.Model]):
        # read with ``get`` alone: the patch run's loads the models it is asked for
        self.by_key = by_key
        self._fields: dict[ir.ModelKey, dict[str, ir.Field]] = {}
        self._holders: dict[ir.ModelKey, dict[str, ir.ObjectModel | None]] = {}

    def target(self, t: ir.TypeExpr) -> ir.Model | None:
        while isinstance(t, ir.Nullable):
            t = t.inner
        return (
            self.by_key.get(t.key)
            if isinstance(t, ir.Ref) and t.key is not None
            else None
        )

    def field(self, model: ir.ObjectModel, name: str) -> ir.Field | None:
        """The first field of ``model`` named ``name``."""
        fields = self._fields.get(model.key)
        if fields is None:
            fields = self._fields[model.key] = {}
            for f in model.fields:
                fields.setdefault(f.name, f)
        return fields.get(name)

    def holder(self, union: ir.UnionModel, name: str) -> ir.ObjectModel | None:
        """The one object member of ``union`` with a field ``name``; None if none or several."""
        holders = self._holders.get(union.key)
        if holders is None:
            holders = self._holders[union.key] = {}
            for o in (self.target(m) for m in union.members):
                if isinstance(o, ir.ObjectModel):
                    for field in {f.name for f in o.fields}:
                        holders[field] = None if field in holders else o
        return holders.get(name)


def _field_at(
    root: ir.TypeExpr, path: tuple[str, ...], index: _Index
) -> tuple[ir.ModelKey, str] | None:
    """The (object model, field name) a path ends at, if the IR says so unambiguously."""
    t = root
    for i, step in enumerate(path):
        while isinstance(t, ir.Nullable):
            t = t.inner
        if isinstance(t, ir.ListOf):
            if step != ITEM:
                return None
            t = t.item
            continue
        if isinstance(t, ir.DictOf):
            t = t.value  # any key
            continue
        model = index.target(t)
        if isinstance(model, ir.UnionModel):
            model = index.holder(model, step)
        if not isinstance(model, ir.ObjectModel):
            return None
        field = index.field(model, step)
        if field is None:
            return None
        if i == len(path) - 1:
            return model.key, field.name
        t = field.type
    return None


def marks(
    examples: Iterable[tuple[ir.TypeExpr, Iterable[tuple[str, ...]]]],
    by_key: Mapping[ir.ModelKey, ir.Model],
) -> set[tuple[ir.ModelKey, str]]:
    """The (object model, field name)s the examples (root type, paths it sets to null) set to
    null, following the paths through ``by_key``'s models."""
    index = _Index(by_key)
    found: set[tuple[ir.ModelKey, str]] = set()
    for root, paths in examples:
        for path in paths:
            hit = _field_at(root, path, index)
            if hit is not None:
                found.add(hit)
    return found


def nullable(m: ir.Model, names: Iterable[str]) -> ir.Model:
    """``m`` with its required fields of these names nullable (those not nullable already)."""
    marked = set(names)
    if not marked or not isinstance(m, ir.ObjectModel):
        return m
    fields = tuple(
        (
            replace(f, type=ir.Nullable(f.type))
            if f.name in marked and f.required and not isinstance(f.type, ir.Nullable)
            else f
        )
        for f in m.fields
    )
    return m if fields == m.fields else replace(m, fields=fields)


def nullable_from_examples(
    models: list[ir.Model], examples: list[tuple[ir.TypeExpr, list[tuple[str, ...]]]]
) -> list[ir.Model]:
    """Make required fields nullable where an example (root type, paths it sets to null) says so."""
    found = marks(examples, {m.key: m for m in models})
    if not found:
        return models
    by_model: dict[ir.ModelKey, list[str]] = {}
    for key, name in found:
        by_model.setdefault(key, []).append(name)
    return [nullable(m, by_model.get(m.key, ())) for m in models]


def nullable_from_paths(
    models: list[ir.Model],
    examples: list[tuple[ir.TypeExpr, tuple[tuple[str, ...], ...]]],
) -> list[ir.Model]:
    """``nullable_from_examples`` by another name (the link step finds each doc's null paths once, so
    they are found again only when the doc changes). Models no example marks are returned as they
    are (the same objects)."""
    return nullable_from_examples(models, [(root, list(p)) for root, p in examples])
