"""The render snapshot: the models as the last run rendered them, for the patch run
(``generator.patch``).

A run that renders with the memo stores, beside it, every model after the passes as the pickle
its world digest was made from (``Digests.pickled``: most are pickled for the digest anyway),
with the input file it came from, and what renderings read besides models: every model's names,
its import-cycle component, the docs' name counts (``memo._Seen``). ``inputs``: the digest of
the inputs it was made from (the manifest's). A patch run stores the models it changed as
``changes`` to that base, with the inputs it was made from; a full run writes a new base.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from ..write.cache import Digests, pickle_digest, value_pickle

TABLE = "snapshot"
BASE, CHANGES = "base", "changes"
FORMAT = 3

# (namespace, name) -> (input file, the model's IR digest, its pickle compressed)
Models = dict[tuple[str, str], tuple[str, bytes, bytes]]


def entry(model, digests: Digests | None = None) -> tuple[str, bytes, bytes]:
    """A model as the snapshot keeps it, from what ``digests`` has of it if it can (a worker's
    compressed pickle, or the pickle its digest was made from)."""
    packed = None if digests is None else digests.packed(model)
    if packed is not None:
        return (model.source.file, digests.of(model), packed)  # type: ignore[union-attr]
    data = (None if digests is None else digests.pickled(model)) or value_pickle(model)
    return (model.source.file, pickle_digest(data), zlib.compress(data, 1))


def union_members(models) -> set[tuple[str, str]]:
    """The (namespace, name) of every model some union of ``models`` has as a member."""
    from .. import ir

    return {
        (t.key.namespace, t.key.name)
        for m in models
        if isinstance(m, ir.UnionModel)
        for t in m.members
        if isinstance(t, ir.Ref)
    }


def model_of(value: tuple[str, bytes, bytes]):
    """The model a snapshot entry holds."""
    return pickle.loads(zlib.decompress(value[2]))


@dataclass
class Snapshot:
    inputs: str  # ``Stamp.inputs_digest`` of what it was made from
    models: Models
    # (namespace, name) -> (IR digest, the names as ``tuple(vars(ModelNames))``, or None)
    values: Mapping[tuple[str, str], tuple]
    comp: Mapping[tuple[str, str], tuple[str, str]]  # a component by its least member
    counts: Mapping[tuple[str, str], int]  # the docs' qualified-name counts
    base_inputs: str  # the base's ``inputs``: what the changes go with
    # the models a union has as a member (a reference): what a discriminator may read. A
    # patch run changes no union's members (they are references), so the base's hold
    members: frozenset[tuple[str, str]] = frozenset()


def load(cache, salt: str) -> Snapshot | None:
    """The snapshot stored with ``salt`` (its changes applied), or None."""
    base = cache.get(TABLE, BASE, salt)
    if not isinstance(base, dict) or base.get("format") != FORMAT:
        return None
    try:
        snap = Snapshot(
            base["inputs"],
            base["models"],
            base["values"],
            base["comp"],
            base["counts"],
            base["inputs"],
            frozenset(map(tuple, base["members"])),
        )
    except KeyError:
        return None
    changes = cache.get(TABLE, CHANGES, [salt, snap.base_inputs])
    if isinstance(changes, dict) and isinstance(changes.get("models"), dict):
        snap.models = {**snap.models, **changes["models"]}
        snap.inputs = changes["inputs"]
        values = changes.get("values")
        if values:
            snap.values = {**snap.values, **values}
    if not all(
        isinstance(x, (dict, str))
        for x in (snap.inputs, snap.models, snap.values, snap.comp, snap.counts)
    ):
        return None
    return snap


def save(cache, salt: str, worlds: Mapping[str, object], inputs: str) -> None:
    """Store the snapshot of a run whose render memo compared ``worlds`` (``python`` and
    ``docs``, ``memo._Seen``), made from inputs of digest ``inputs``; nothing without both.
    """
    python, docs = worlds.get("python"), worlds.get("docs")
    if python is None or docs is None:
        return
    digests: Digests = cache.digests
    old = load(cache, salt)
    before = {} if old is None else old.models
    values = python.values  # type: ignore[attr-defined]
    models: Models = {}
    for m in python.world.package.models:  # type: ignore[attr-defined]
        k = (m.key.namespace, m.key.name)
        last = before.get(k)
        if last is not None and last[0] == m.source.file and last[1] == values[k][0]:
            models[k] = last  # as the last snapshot has it
        else:
            models[k] = entry(m, digests)
    value = {
        "format": FORMAT,
        "inputs": inputs,
        "models": models,
        "values": values,
        "comp": python.comp,  # type: ignore[attr-defined]
        "counts": docs.counts,  # type: ignore[attr-defined]
        "members": sorted(union_members(python.world.package.models)),  # type: ignore[attr-defined]
    }
    cache.put(TABLE, BASE, salt, value)
    cache.put(TABLE, CHANGES, [salt, inputs], {"inputs": inputs, "models": {}})


def save_changes(
    cache,
    salt: str,
    snap: Snapshot,
    models: Models,
    inputs: str,
    values: Mapping[tuple[str, str], tuple] | None = None,
) -> None:
    """A patch run's changed models (and ``values``, where their names changed), over
    ``snap``'s base; made from inputs ``inputs``."""
    old = cache.get(TABLE, CHANGES, [salt, snap.base_inputs])
    old = old if isinstance(old, dict) else {}
    kept = old["models"] if isinstance(old.get("models"), dict) else {}
    kept_values = old["values"] if isinstance(old.get("values"), dict) else {}
    cache.put(
        TABLE,
        CHANGES,
        [salt, snap.base_inputs],
        {
            "inputs": inputs,
            "models": {**kept, **models},
            "values": {**kept_values, **(values or {})},
        },
    )
