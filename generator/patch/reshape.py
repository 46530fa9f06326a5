"""Docs whose shape changed (a field's type, a field added or removed, enum values, union
members), remade for the patch run from the last run's snapshot (``reshape``).

Each doc is linked again against the keys of the last run's models, made nullable where the
examples of every doc say (the null paths the last run kept, with the edited docs' own anew),
taken through the passes beside the models it references, and named. That is what a full run
makes of it when nothing it changed reaches another model; ``Unknown`` (a full run) unless:

- the doc links without a diagnostic and stays the same kind of model (object, enum, union);
- it references the same models (so import cycles and what its renderings read stay);
- the examples set no other model's field to null that they did not before, or the other way;
- an enum stays a constant of the same value, or no constant (``constant-literals``);
- an object a union has as a member keeps its constant fields, their requiredness and
  attributes (what the union's discriminator and its name are made of);
- a union's members reach the same unions without an object between (``union-cycles``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from .. import evidence, ir, passes
from ..diagnostics import Diagnostics
from ..frontends.markdown.links import Linker
from ..parse.raw import RawDoc
from ..render.graph import dependencies
from ..render.naming import ModelNames, name_package
from .unknown import Unknown

Key = tuple[str, str]
Examples = tuple[tuple[str, tuple], ...]  # (doc path, ``Linked.examples``) of every doc


@dataclass(frozen=True)
class Edit:
    """One doc whose shape changed: its model and names as the last run made them, the doc as
    the last run read it and as it reads now."""

    key: Key
    model: ir.Model
    names: ModelNames
    old: RawDoc
    new: RawDoc


def reshape(
    edits: Sequence[Edit],
    last: Callable[[Key], ir.Model | None],
    files: Mapping[Key, str],
    examples: Examples,
    kind: str,
    allow_missing: bool,
    members: frozenset[Key] = frozenset(),
) -> tuple[dict[Key, tuple[ir.Model, ModelNames]], Examples]:
    """The model and names a full run makes of each edited doc, and the examples with the
    edited docs' own. ``last``: any model of the last run by key; ``files``: the input file of
    each; ``examples``: the null paths the last run kept; ``members``: the models unions have as
    members (their constant fields are what discriminators read)."""
    linker = Linker(
        dict(sorted((file, ir.ModelKey(*k)) for k, file in files.items())),
        allow_missing,
    )
    linked = {}
    for e in edits:
        if (e.new.name, e.new.dialect, e.new.kind) != (
            e.old.name,
            e.old.dialect,
            e.old.kind,
        ) or linker.keys.get(e.new.path) != ir.ModelKey(*e.key):
            raise Unknown(f"{e.new.path}: another name, dialect or kind")
        got = linker.link_doc(e.new)
        if got.diagnostics or type(got.model) is not type(e.model):
            raise Unknown(f"{e.new.path}: diagnostics, or another kind of model")
        linked[e.key] = got
    edited = {e.new.path for e in edits}
    now = tuple((p, x) for p, x in examples if p not in edited) + tuple(
        (e.new.path, linked[e.key].examples) for e in edits if linked[e.key].examples
    )
    marked = _marks(edits, linked, last, examples, now)
    out = {}
    for e in edits:
        model = evidence.nullable(
            linked[e.key].model, [n for k, n in marked if k == ir.ModelKey(*e.key)]
        )
        out[e.key] = _through_passes(e, model, last, kind, e.key in members)
    return out, now


def _marks(edits, linked, last, before: Examples, now: Examples) -> set:
    """The fields the examples set to null, when only the edited models' are new."""
    new = _Models(last, {ir.ModelKey(*e.key): linked[e.key].model for e in edits})
    old = _Models(last, {})
    then = evidence.marks(_flat(before), old)
    marks = evidence.marks(_flat(now), new)
    keys = {ir.ModelKey(*e.key) for e in edits}
    if {m for m in then if m[0] not in keys} != {m for m in marks if m[0] not in keys}:
        raise Unknown("nullability of another model")
    return marks


def _flat(examples: Examples):
    return [x for _, of_doc in examples for x in of_doc]


def _through_passes(
    e: Edit,
    model: ir.Model,
    last: Callable[[Key], ir.Model | None],
    kind: str,
    member: bool,
) -> tuple[ir.Model, ModelNames]:
    """``model`` after the passes (beside the models it references) and its names, if nothing
    it changed reaches another model (``member``: a union has it as a member)."""
    key = model.key
    near = [model]
    for d in dependencies(model):
        m = None if d == key else last((d.namespace, d.name))
        if m is not None:
            near.append(m)
    found = Diagnostics()
    after = passes.run(ir.package(near), found).by_key()[key]
    if any(d.file == e.new.path for d in found.items):
        raise Unknown(f"{e.new.path}: diagnostics of the passes")
    if set(dependencies(after)) != set(dependencies(e.model)):
        raise Unknown(f"{e.new.path}: references other models")
    names = name_package(ir.package([after, *near[1:]]), kind)[key]
    names = replace(
        names,
        class_name=e.names.class_name,
        module=e.names.module,
        doc_path=e.names.doc_path,
    )
    if _constant(after) != _constant(e.model):
        raise Unknown(f"{e.new.path}: a constant changed")
    if member and _tags(after, names) != _tags(e.model, e.names):
        raise Unknown(f"{e.new.path}: constant fields changed")
    if _unions(after, last) != _unions(e.model, last):
        raise Unknown(f"{e.new.path}: unions among its members changed")
    return after, names


def _constant(m: ir.Model) -> tuple | None:
    """What ``constant-literals`` makes of a reference to ``m``."""
    if isinstance(m, ir.EnumModel) and len(m.members) == 1 and not m.open:
        value = m.members[0].value
        return (type(value).__name__, repr(value))
    return None


def _tags(m: ir.Model, names: ModelNames) -> tuple:
    """The constant fields of ``m``, as the discriminators (and their names) of the unions it is
    a member of see them."""
    if not isinstance(m, ir.ObjectModel):
        return ()
    return tuple(
        (f.name, f.required, type(f.type.value).__name__, repr(f.type.value), attr)
        for f, attr in zip(m.fields, names.attrs)
        if isinstance(f.type, ir.Lit)
    )


def _unions(u: ir.Model, last: Callable[[Key], ir.Model | None]) -> set:
    """The unions ``u``'s members are without an object, list or map between (what
    ``union-cycles`` follows)."""
    if not isinstance(u, ir.UnionModel):
        return set()
    return set(passes.union_edges(u, _Models(last, {})))


class _Models(Mapping):
    """The last run's models by key, some replaced: read with ``get`` alone (``evidence``)."""

    def __init__(self, last: Callable[[Key], ir.Model | None], replaced: dict):
        self._last, self._replaced = last, replaced

    def get(self, key, default=None):
        if key in self._replaced:
            return self._replaced[key]
        got = self._last((key.namespace, key.name))
        return default if got is None else got

    def __getitem__(self, key):
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __iter__(self):
        raise Unknown("every model")

    def __len__(self) -> int:
        raise Unknown("every model")
