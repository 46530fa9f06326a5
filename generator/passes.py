"""IR -> IR passes every front-end needs, in a named, fixed order: ``run(package, diags)``.

1. ``constant-literals``: a reference to a closed one-value enum is that constant.
2. ``discriminators``: a union of object models that each have a required constant property with
   distinct values is discriminated by that property.

A pass is a function ``(Package, Diagnostics) -> Package``; it returns the package unchanged when it
has nothing to do, and reports problems as diagnostics.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from . import ir
from .diagnostics import Diagnostics

Pass = Callable[[ir.Package, Diagnostics], ir.Package]


def constant_literals(package: ir.Package, diags: Diagnostics) -> ir.Package:
    """Fields typed as a closed one-value enum become that constant (Speakeasy's Python docs spell
    TypeScript's constants so)."""
    by_key = package.by_key()

    def const(r: ir.Ref) -> ir.TypeExpr:
        target = by_key.get(r.key)
        if (
            isinstance(target, ir.EnumModel)
            and len(target.members) == 1
            and not target.open
        ):
            return ir.Lit(target.members[0].value)
        return r

    def one(m: ir.Model) -> ir.Model:
        if not isinstance(m, ir.ObjectModel):
            return m
        fields = tuple(replace(f, type=ir.map_refs(f.type, const)) for f in m.fields)
        return replace(m, fields=fields) if fields != m.fields else m

    return _each(package, one)


def discriminators(package: ir.Package, diags: Diagnostics) -> ir.Package:
    """A discriminator exists when every member is a reference to an object model with a required
    constant property of the same JSON name and distinct values; the first such property wins.
    """
    by_key = package.by_key()

    def one(u: ir.Model) -> ir.Model:
        if (
            not isinstance(u, ir.UnionModel)
            or len(u.members) < 2
            or not all(isinstance(t, ir.Ref) for t in u.members)
        ):
            return u
        objs = [by_key.get(t.key) for t in u.members]  # type: ignore[union-attr]
        if not all(isinstance(o, ir.ObjectModel) for o in objs):
            return u
        for cand in objs[0].fields:  # type: ignore[union-attr]
            values = []
            for o in objs:
                f = next((f for f in o.fields if f.name == cand.name), None)  # type: ignore[union-attr]
                if f is None or not f.required or not isinstance(f.type, ir.Lit):
                    break
                values.append(f.type.value)
            else:
                if len(set(map(repr, values))) == len(values):
                    mapping = tuple((v, o.key) for v, o in zip(values, objs))  # type: ignore[union-attr]
                    return replace(
                        u, discriminator=ir.Discriminator(cand.name, mapping)
                    )
        return u

    return _each(package, one)


# the passes, in the order they run
PASSES: tuple[tuple[str, Pass], ...] = (
    ("constant-literals", constant_literals),
    ("discriminators", discriminators),
)


def run(
    package: ir.Package,
    diags: Diagnostics,
    passes: tuple[tuple[str, Pass], ...] = PASSES,
) -> ir.Package:
    """``package`` after every pass, in order."""
    for _, step in passes:
        package = step(package, diags)
    return package


def _each(package: ir.Package, fn: Callable[[ir.Model], ir.Model]) -> ir.Package:
    models = tuple(fn(m) for m in package.models)
    return (
        package
        if all(a is b for a, b in zip(models, package.models))
        else ir.Package(models)
    )
