"""IR -> IR passes every front-end needs, in a named, fixed order: ``run(package, diags)``.

1. ``distinct-fields``: a model that lists one JSON property twice is an error (one of the two
   could never be read or written).
2. ``enum-values``: a value listed twice is kept once (a warning; ``1`` and ``1.0`` are one JSON
   number); values JSON tells apart but Python does not (``true`` and ``1``) are an error, since
   an enum cannot hold both.
3. ``constant-literals``: a reference to a closed one-value enum is that constant.
4. ``discriminators``: a union of object models that each have a required constant property with
   distinct values is discriminated by that property (a null member of the union aside).
5. ``union-cycles``: a union that contains itself through unions alone (no object, list or map in
   between) has no finite value: an error.

A pass is a function ``(Package, Diagnostics) -> Package``; it returns the package unchanged when it
has nothing to do, and reports problems as diagnostics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from . import ir
from .diagnostics import Diagnostics

Pass = Callable[[ir.Package, Diagnostics], ir.Package]


def constant_literals(package: ir.Package, diags: Diagnostics) -> ir.Package:
    """Fields typed as a closed one-value enum become that constant (Speakeasy's Python docs spell
    TypeScript's constants so)."""
    consts = {
        m.key: m.members[0].value
        for m in package.models
        if isinstance(m, ir.EnumModel) and len(m.members) == 1 and not m.open
    }
    if not consts:
        return package

    def const(r: ir.Ref) -> ir.TypeExpr:
        return ir.Lit(consts[r.key]) if r.key in consts else r

    def constant(t: ir.TypeExpr) -> bool:
        # most field types are a leaf or a lone reference: told without a generator
        kind = type(t)
        if kind is ir.Ref:
            return t.key in consts  # type: ignore[union-attr]
        if kind is ir.Prim or kind is ir.Lit or kind is ir.Null:
            return False
        return any(r.key in consts for r in ir.walk_refs(t))

    def one(m: ir.Model) -> ir.Model:
        if not isinstance(m, ir.ObjectModel):
            return m
        for f in m.fields:
            if constant(f.type):
                break
        else:
            return m  # the same object: later stages know it is unchanged
        fields = tuple(
            replace(f, type=ir.map_refs(f.type, const)) if constant(f.type) else f
            for f in m.fields
        )
        return replace(m, fields=fields)

    return _each(package, one)


def discriminators(package: ir.Package, diags: Diagnostics) -> ir.Package:
    """A discriminator exists when every member is a reference to an object model with a required
    constant property of the same JSON name and distinct values; the first such property wins.
    """
    by_key = package.by_key()

    def one(u: ir.Model) -> ir.Model:
        if not isinstance(u, ir.UnionModel):
            return u
        tagged = [
            t for t in u.members if t != ir.NULL
        ]  # null is not tagged: beside them
        if len(tagged) < 2 or not all(isinstance(t, ir.Ref) for t in tagged):
            return u
        objs = [by_key.get(t.key) for t in tagged]  # type: ignore[union-attr]
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


def distinct_fields(package: ir.Package, diags: Diagnostics) -> ir.Package:
    """Each JSON property once per model: a repeat is an error and is left out."""

    def one(m: ir.Model) -> ir.Model:
        if not isinstance(m, ir.ObjectModel):
            return m
        seen: dict[str, ir.Field] = {}
        kept = []
        for f in m.fields:
            first = seen.get(f.name)
            if first is not None:
                _error(
                    diags,
                    f.source,
                    f"field {f.name!r} of {m.key.name!r} is listed twice (first at line {first.source.line})",
                    "ir-duplicate-field",
                )
                continue
            seen[f.name] = f
            kept.append(f)
        return m if len(kept) == len(m.fields) else replace(m, fields=tuple(kept))

    return _each(package, one)


def _json_identity(value: object) -> tuple[str, object]:
    """What JSON tells apart: strings, booleans and numbers (``1`` and ``1.0`` are one number)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    return (type(value).__name__, value)


def enum_values(package: ir.Package, diags: Diagnostics) -> ir.Package:
    """Each enum value once; values Python would merge into one member are an error."""

    def one(m: ir.Model) -> ir.Model:
        if not isinstance(m, ir.EnumModel):
            return m
        kept: list[ir.EnumMember] = []
        # the first kept member of each JSON identity, and of each value (an enum's values
        # are JSON scalars, hashable: a look-up, not a scan of the kept ones per member; a
        # dict finds a key as == does, the same object aside, which == found the same)
        firsts: dict[tuple[str, object], ir.EnumMember] = {}
        by_value: dict[object, ir.EnumMember] = {}
        for x in m.members:
            same = firsts.get(_json_identity(x.value))
            if same is not None:
                diags.warning(
                    x.source.file,
                    x.source.line,
                    f"enum {m.key.name!r} lists the value {x.value!r} twice (first at line {same.source.line}); kept once",
                    "ir-enum-repeat",
                    x.source.col,
                )
                continue
            merged = by_value.get(x.value)
            if merged is not None:
                _error(
                    diags,
                    x.source,
                    f"enum {m.key.name!r} cannot hold both {merged.value!r} (line {merged.source.line}) and {x.value!r}: "
                    "JSON tells them apart, Python's enums do not",
                    "ir-enum-values",
                )
                continue
            kept.append(x)
            firsts.setdefault(_json_identity(x.value), x)
            by_value.setdefault(x.value, x)
        return m if len(kept) == len(m.members) else replace(m, members=tuple(kept))

    return _each(package, one)


def union_cycles(package: ir.Package, diags: Diagnostics) -> ir.Package:
    """Unions that reach themselves through union members alone are errors."""
    by_key = package.by_key()
    graph = {
        m.key: union_edges(m, by_key)
        for m in package.models
        if isinstance(m, ir.UnionModel)
    }
    for m in package.models:
        if not isinstance(m, ir.UnionModel):
            continue
        path = _path_back(m.key, graph)
        if path is not None:
            shown = " -> ".join(k.name for k in [m.key, *path])
            _error(
                diags,
                m.source,
                f"union {m.key.name!r} contains itself through unions alone ({shown}); it has no finite value",
                "ir-union-cycle",
            )
    return package


def union_edges(u: ir.UnionModel, by_key: Mapping) -> list[ir.ModelKey]:
    """The unions a value of union ``u`` may be, without passing an object, list or map
    (``by_key``: the models by key; only ``get`` is asked)."""

    def direct(t: ir.TypeExpr) -> list[ir.ModelKey]:
        if isinstance(t, ir.Ref):
            return [t.key] if isinstance(by_key.get(t.key), ir.UnionModel) else []
        if isinstance(t, ir.Nullable):
            return direct(t.inner)
        if isinstance(t, ir.UnionOf):
            return [k for x in t.members for k in direct(x)]
        return []

    return [k for t in u.members for k in direct(t)]


def _path_back(
    start: ir.ModelKey, graph: dict[ir.ModelKey, list[ir.ModelKey]]
) -> list[ir.ModelKey] | None:
    """A path from ``start`` back to itself in ``graph`` (iterative search), or None."""
    parents: dict[ir.ModelKey, ir.ModelKey] = {}
    todo = [start]
    seen = {start}
    while todo:
        here = todo.pop()
        for nxt in graph.get(here, ()):
            if nxt == start:
                back = [here]
                while back[-1] != start:
                    back.append(parents[back[-1]])
                return back[::-1][1:] + [start]  # start's successors ... back to start
            if nxt not in seen:
                seen.add(nxt)
                parents[nxt] = here
                todo.append(nxt)
    return None


def _error(diags: Diagnostics, source: ir.Source, message: str, code: str) -> None:
    diags.error(source.file, source.line, message, code, source.col)


# the passes, in the order they run
PASSES: tuple[tuple[str, Pass], ...] = (
    ("distinct-fields", distinct_fields),
    ("enum-values", enum_values),
    ("constant-literals", constant_literals),
    ("discriminators", discriminators),
    ("union-cycles", union_cycles),
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
        else replace(package, models=models)
    )
