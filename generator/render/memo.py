"""Which rendered files a run can take as they are from the last run, without rendering them.

Rendering a model's module or doc reads the model, and, through the mappings it is handed
(``by_key``, ``naming``, the import-cycle components, the docs' name counts), a few other
models and names. ``Traced`` mappings (``trace``) record every key read; a rendering is stored with those
reads (``deps``) under the SHA-256 of what every output depends on (``salt``: version, options,
templates, libraries), beside the value of everything that can be read as that run saw it (the
world). A later run compares its own world with the stored one once: the renderings that read
a value that changed (found from the value, through a reverse index) are made again; the others
would come out the same, and if OUT still holds what the last run wrote there
(``all_reusable``), they are left alone. Reading a whole mapping (iterating it) records ``*``:
every model and name. The model being rendered is read directly, so it is recorded up front.

Renderings that are not traced (any new output a render function makes without the memo) are
simply made every run.
"""

from __future__ import annotations

import hashlib
import operator
import sys
import zlib
from collections.abc import Callable, Mapping

from .. import ir
from ..write.cache import pickle_digest, value_pickle
from .stored import Last, Stored, read_key
from .trace import (
    ALL,
    ALL_MODELS,
    ALL_NAMES,
    COMPONENT,
    COUNT,
    KEYS,
    MODEL,
    NAMES,
    Recorder,
    World,
)

MODELS_WORLD = "models"  # the part of the stored worlds they share


class RenderMemo:
    """The last run's renderings and what they read, and this run's.

    Stored (``cache``): every rendering's outputs (path -> digest of the file written) and reads,
    as one value (table ``memo``, ``Stored``: flat lists, and the reverse index from each read
    to the renderings that made it, so an edit run finds the few renderings a changed value
    reaches without looking at the reads of all 36,000 of orq-node), and, per world, the value
    of everything that can be read as the last run saw it (table ``world``: each model's IR
    digest and names, in the models' order, from which the wholes follow (the order, all
    names, all models); each model's component; the docs' name counts). A run compares its world with the stored one once; a rendering none of
    whose reads changed, whose files OUT still holds as written (``all_reusable({path: digest,
    ...})``, asked once for all of them), is not made again. Every run that keeps a rendering
    has checked it against its own world, so the stored world is the one every kept rendering
    saw. ``salt``: what every output depends on (version, options, templates, libraries).
    """

    TABLE = "memo"  # ``Last``: the base and the changes since
    WORLDS = "world"

    def __init__(
        self,
        cache,
        salt: str,
        all_reusable: Callable[[Mapping[str, str]], bool],
        packed: bool = False,
    ):
        self.cache = cache
        # the render snapshot is kept (``render.snapshot``): workers compress the models' pickles
        self.packed = packed
        self.digests = cache.digests
        self.salt = hashlib.sha256(salt.encode("utf-8")).hexdigest()
        self.all_reusable = all_reusable
        self.reused: dict[str, str] = {}  # path -> digest of what OUT holds there
        self.made: dict[str, tuple | None] = {}  # entry name -> reads, rendered now
        self.outputs: dict[str, list[str]] = {}  # entry name -> the paths it rendered
        self.names: set[str] = set()  # every entry of this run, reused or rendered
        self._worlds: dict[str, _Seen] = {}
        self._unseen: dict[str, World] = (
            {}
        )  # worlds a run with nothing stored has not seen
        self._last_run: Last | None | bool = False  # False: not looked up yet
        # what ``stale`` looked up last: the world, and what changed in it (None: everything),
        # as the base's entries that read it and the reads as ``read_key`` gives them
        self._world: World | None = None
        self._hit: tuple[set[int], set[str]] | None = None

    # ------------------------------------------------------------ last run

    def _last(self) -> Last | None:
        if self._last_run is False:
            self._last_run = Last.load(self.cache, self.TABLE, self.salt)
        return self._last_run  # type: ignore[return-value]

    def fresh(self, name: str, world: World) -> bool:
        """Whether the outputs of entry ``name`` (a path, or a group of paths) need no rendering;
        if so they are added to ``reused``."""
        return not self.stale([name], world)

    def stale(self, names: list[str], world: World) -> list[int]:
        """The indexes in ``names`` of the entries (each a path, or a group of paths) that need
        rendering; the outputs of the others are added to ``reused``. One call for all of a
        world's entries: an edit run on orq-node asks for 36,000 of them."""
        self.names.update(names)
        last = self._last()
        if (
            last is None
        ):  # nothing stored: everything is made; the world is seen at ``save``
            self._unseen.setdefault(world.name, world)
            return list(range(len(names)))
        if world is not self._world:
            changed = self._seen(world).changed
            self._world = world
            self._hit = (
                None if changed is None or last is None else last.readers(changed)
            )
        if last is None or self._hit is None:
            return list(range(len(names)))
        hit, changed_keys = self._hit
        base, changes = last.base, last.changes
        paths, sums, out_at = base.paths, base.sums, base.out_at
        todo: list[int] = []
        kept: list[tuple[int, dict[str, str]]] = []  # (index in names, its outputs)
        wanted: dict[str, str] = {}  # the outputs of every entry kept
        count = 0
        at = base.index.get
        for i, name in enumerate(names):
            if name in changes:  # stored since the base was
                got = changes[name]
                if got is None or not changed_keys.isdisjoint(got[1]) or not got[0]:
                    todo.append(i)
                    continue
                outputs = got[0]
            else:
                j = at(name)
                if j is None or j in hit:
                    todo.append(i)
                    continue
                a = out_at[j]
                if out_at[j + 1] == a + 1:  # one file, mostly the entry itself
                    wanted[paths[a] or name] = sums[a]
                    kept.append((i, {}))
                    count += 1
                    continue
                outputs = base.outputs(j)
                if not outputs:
                    todo.append(i)
                    continue
            kept.append((i, outputs))
            wanted.update(outputs)
            count += len(outputs)
        if count == len(wanted) and self.all_reusable(wanted):
            self.reused.update(wanted)
            return todo
        # something in OUT changed since (or two entries claim one path): entry by entry
        for i, outputs in kept:
            outputs = outputs or base.outputs(base.index[names[i]])
            if self.all_reusable(outputs):
                self.reused.update(outputs)
            else:
                todo.append(i)
        return sorted(todo)

    def read_every(self, name: str) -> tuple[bool, bool]:
        """Whether entry ``name`` read every model's IR, and every model's names, last time (the
        docs index reads each model's description and names): it will again, so those need not
        be traced one by one. (Reading more than a rendering does is safe: it is only made
        again more often.)"""
        last = self._last()
        got = None if last is None else last.entry(name)
        if got is None:
            return False, False
        deps = got[1]
        return read_key((ALL_MODELS,)) in deps, read_key((ALL_NAMES,)) in deps

    # ------------------------------------------------------------ this run

    def recorder(self, model: ir.Model | None = None) -> Recorder:
        r = Recorder()
        if model is not None:
            r.read(MODEL, model.key)  # the model itself is read directly
        return r

    def reads(self, recorder: Recorder, world: World) -> tuple | None:
        """A rendering's reads as the cache stores them (None: reads of a kind it cannot store;
        the rendering is made again next time). A rendering that read the names (or the models)
        of every model records that as one read."""
        try:
            deps = encode(recorder.deps)
        except ValueError:
            return None
        every = len(world.package.models)
        for tag, whole in ((NAMES, ALL_NAMES), (MODEL, ALL_MODELS)):
            if every and sum(1 for d in deps if d[0] == tag) == every:
                read = {d[1:] for d in deps if d[0] == tag}
                if read == _keys(world):
                    deps = tuple(d for d in deps if d[0] != tag) + ((whole,),)
        return deps

    def _seen(self, world: World) -> _Seen:
        known = self._worlds.get(world.name)
        if known is None or known.world is not world:
            stored = (
                self.cache.get(self.WORLDS, MODELS_WORLD, self.salt),
                self.cache.get(self.WORLDS, world.name, self.salt),
            )
            like = next(iter(self._worlds.values()), None)
            known = self._worlds[world.name] = _Seen(world, self.digests, stored, like)
        return known

    def record(self, name: str, paths: list[str], deps: tuple | None) -> None:
        """``name`` was rendered now into ``paths``, with these reads (``reads``)."""
        self.names.add(name)
        self.made[name] = deps
        self.outputs[name] = paths

    def digest(self, model: ir.Model) -> tuple[bytes, bytes | None] | None:
        """In a render worker: the digest of ``model`` (``Digests.of``), and its pickle
        compressed for the render snapshot (when ``packed``), to hand back with the rendering
        (``remember``): the main process then need not pickle every model. None when known.
        """
        if self.digests.known(model):
            return None
        data = value_pickle(model)
        return pickle_digest(data), zlib.compress(data, 1) if self.packed else None

    def remember(self, model: ir.Model, got: tuple[bytes, bytes | None] | None) -> None:
        """What ``digest`` gave in a worker, in this process."""
        if got is not None:
            self.digests.remember(model, got[0], got[1])

    @property
    def worlds(self) -> Mapping[str, _Seen]:
        """This run's worlds by name (``python``, ``docs``), as compared and stored."""
        return self._worlds

    def save(self, digests: Mapping[str, str], keep: set[str]) -> None:
        """Store this run's renderings with the digests of the files they became (as written),
        the last run's that this run kept, and this run's worlds; forget entries whose outputs
        are no longer made (``keep``: every entry name). A rendering whose reads cannot be
        stored is not stored: it is made again next time."""
        made: dict[str, tuple[dict[str, str], list[str]] | None] = {}
        for name, deps in self.made.items():
            paths = self.outputs[name]
            made[name] = (
                None
                if deps is None or not paths or any(p not in digests for p in paths)
                else ({p: digests[p] for p in paths}, [read_key(d) for d in deps])
            )
        last = self._last() or Last(Stored(Stored.dump([])), {}, loaded=False)
        for path, (key, value) in last.saved(self.salt, made, keep).items():
            self.cache.put(self.TABLE, path, key, value)
        for world in self._unseen.values():
            self._seen(world)  # a run with nothing stored sees its worlds only now
        for name, seen in self._worlds.items():
            models, own = seen.stored()
            self.cache.put(self.WORLDS, MODELS_WORLD, self.salt, models)
            self.cache.put(self.WORLDS, name, self.salt, own)


def traced(
    memo: RenderMemo | None,
    name: str,
    world: World,
    make: Callable[[World], list[tuple[str, str]]],
) -> list[tuple[str, str]]:
    """The files ``make`` renders from the whole ``world`` (an index), unless the memo has them."""
    if memo is None:
        return make(world)
    if memo.fresh(name, world):
        return []
    recorder = memo.recorder()
    files = make(world.traced(recorder, *memo.read_every(name)))
    memo.record(name, [p for p, _ in files], memo.reads(recorder, world))
    return files


class _Seen:
    """A world's values, as the stored world records them, and which changed since the stored
    world (``changed``: reads as ``encode`` gives them; None when there is no stored world).
    """

    def __init__(
        self, world: World, digests, stored: tuple[object, object], like: _Seen | None
    ) -> None:
        self.world = world
        self.order: list[tuple[str, str]]
        # a model's IR digest and its names (``ModelNames``: strings, tuples of them, None),
        # in the models' order
        self.values: dict[tuple[str, str], tuple[bytes, tuple | None]]
        if (
            like is not None
            and like.world.naming is world.naming
            and _same_models(like.world.package, world.package)
        ):  # the other world of one run: the same models (in the same order) and names
            self.order, self.values = like.order, like.values
        else:
            models = world.package.models
            self.order = [(m.key.namespace, m.key.name) for m in models]
            names, of = world.naming.models, digests.of
            self.values = dict(
                zip(
                    self.order,
                    [
                        (
                            of(m),
                            (
                                tuple(vars(names[m.key]).values())
                                if m.key in names
                                else None
                            ),
                        )
                        for m in models
                    ],
                )
            )
        # a component by its least member: the same partition gives the same names
        least: dict[object, tuple[str, str]] = {}
        for k, c in world.comp.items():
            t = (k.namespace, k.name)
            if c not in least or t < least[c]:
                least[c] = t
        self.comp = {(k.namespace, k.name): least[c] for k, c in world.comp.items()}
        self.counts = dict(world.counts)
        # the stored world's models part, and what changed in it (set by ``_compare``)
        self.models: object = None
        self.model_changes: set | None = None
        self.changed = self._compare(stored, like)

    def stored(self) -> tuple[dict, dict]:
        """This world as the cache keeps it: what all worlds of a run share (the models and
        their names, in order), and what is this world's own."""
        return {"values": self.values}, {"comp": self.comp, "counts": self.counts}

    def _compare(self, stored: tuple[object, object], like: _Seen | None) -> set | None:
        models, own = stored
        if not isinstance(models, dict) or not isinstance(own, dict):
            return None
        try:
            # the models' part is the same for every world of a run: compared once
            if (
                like is not None
                and like.values is self.values
                and like.models is models
            ):
                self.models, self.model_changes = like.models, like.model_changes
            else:
                self.models, self.model_changes = models, self._models_changed(models)
            if self.model_changes is None:
                return None
            changed = set(self.model_changes)
            comp, counts = own["comp"], own["counts"]
            # the keys whose values differ, or that only one side has (sets of items: each
            # compared once, in C; the values are tuples and numbers)
            for k, _ in comp.items() ^ self.comp.items():
                changed.add((COMPONENT, *k))
            for k, _ in counts.items() ^ self.counts.items():
                changed.add((COUNT, *k))
        except (TypeError, KeyError, IndexError, ValueError, AttributeError):
            return None
        if changed:
            changed.add((ALL,))
        return changed

    def _models_changed(self, models: dict) -> set | None:
        """The reads of models (their IR, their names) and of wholes that differ from ``models``,
        the stored world's models part. The wholes follow from the models: the order of the
        keys (``KEYS``), and with it every model's IR (``ALL_MODELS``) or names (``ALL_NAMES``),
        changed if the order did or any one of them did."""
        values = models["values"]
        if not isinstance(values, dict):
            return None
        changed: set = set()
        old_of = values.get
        for k, new in self.values.items():
            old = old_of(k)
            if old == new:
                continue
            if old is None or old[0] != new[0]:
                changed.add((MODEL, *k))
                changed.add((ALL_MODELS,))
            if old is None or old[1] != new[1]:
                changed.add((NAMES, *k))
                changed.add((ALL_NAMES,))
        for k in values.keys() - self.values.keys():
            changed.update(((MODEL, *k), (NAMES, *k)))
        if len(values) != len(self.values) or not all(
            map(operator.eq, values, self.order)
        ):  # keys gone, come or moved
            changed.update(((KEYS,), (ALL_MODELS,), (ALL_NAMES,)))
        return changed


def _keys(world: World) -> set[tuple[str, str]]:
    """Every model's key in ``world``, as reads name them."""
    return {(m.key.namespace, m.key.name) for m in world.package.models}


def _same_models(a: ir.Package, b: ir.Package) -> bool:
    """Whether two packages hold the very same model objects in the same order (the python and
    docs worlds of one run each sort the models into a package of their own)."""
    return a is b or (
        len(a.models) == len(b.models)
        and all(x is y for x, y in zip(a.models, b.models))
    )


def encode(deps: list[tuple[str, object]]) -> tuple[tuple[str, ...], ...]:
    """Reads as the cache stores them, tuples of strings: ``(tag, namespace, name)`` for a model,
    ``(tag, *key)`` for a name count, ``(tag,)`` for a whole; ValueError for a key of another
    type. The strings are interned: the cache holds each once."""
    out: list[tuple[str, ...]] = []
    for tag, k in deps:
        if type(k) is ir.ModelKey:
            out.append((tag, sys.intern(k.namespace), sys.intern(k.name)))
        elif type(k) is tuple and all(type(x) is str for x in k):
            out.append((tag, *map(sys.intern, k)))
        elif k is None:
            out.append((tag,))
        else:
            raise ValueError(f"cannot store the read {tag!r} {k!r}")
    return tuple(out)
