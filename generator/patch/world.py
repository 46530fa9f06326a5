"""The patch run's world: what the last run's snapshot holds, handed to one rendering at a time,
each with the models, names, components and counts it read last time and nothing else
(``Known``: reading anything else is ``Unknown``, and the run is a full one)."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from .. import ir
from ..options import Options
from .unknown import Unknown

if TYPE_CHECKING:
    from ..render.naming import Naming


class Known(Mapping):
    """A mapping that knows only the keys a rendering read last time (``known``); reading any
    other, or all of them, is ``Unknown``."""

    def __init__(self, data: Mapping, known: set):
        self._data = data
        self._known = known

    def __getitem__(self, key):
        if key not in self._known:
            raise Unknown(key)
        return self._data[key]

    def get(self, key, default=None):
        if key not in self._known:
            raise Unknown(key)
        return self._data.get(key, default)

    def __contains__(self, key) -> bool:
        if key not in self._known:
            raise Unknown(key)
        return key in self._data

    def __iter__(self) -> Iterator:
        raise Unknown("every key")

    def __len__(self) -> int:
        raise Unknown("every key")


class NoPackage:
    """The package, which a rendering that reads it whole cannot be patched from."""

    def __getattr__(self, name: str):
        raise Unknown("the package")


class World:
    """What the snapshot holds, handed to one rendering at a time: the models, names,
    components and counts it read last time."""

    def __init__(self, snap, opts: Options):
        self.snap, self.opts = snap, opts
        self.new_models: dict[tuple[str, str], ir.Model] = {}  # the changed ones
        # the models whose names changed, as ``snap.values`` holds them: (IR digest, the names
        # as ``tuple(vars(ModelNames))``), the digest None until the model is stored
        self.new_values: dict[tuple[str, str], tuple] = {}
        self.values = ChainMap(self.new_values, snap.values)
        self._models: dict[tuple[str, ...], ir.Model | None] = {}

    def change(self, k: tuple[str, str], model: ir.Model, names=None) -> None:
        """Model ``k`` is ``model`` now; ``names``: its new ``ModelNames``, if they changed."""
        self.new_models[k] = self._models[k] = model
        if names is not None:
            self.new_values[k] = (None, tuple(vars(names).values()))

    def names(self, k: tuple[str, ...]):
        """The ``ModelNames`` of model ``k``, or None."""
        from ..render.naming import ModelNames

        value = self.values.get(k)
        return None if value is None or value[1] is None else ModelNames(*value[1])

    def paths(self, k: tuple[str, ...]) -> tuple[str, str]:
        """The module path and the doc path of model ``k`` (empty: it has no names)."""
        names = self.names(k)
        if names is None:
            return "", ""
        module = f"{self.opts.package}/{names.module.replace('.', '/')}.py"
        return module, "docs/models/" + names.doc_path

    def model(self, k: tuple[str, ...]) -> ir.Model | None:
        if k not in self._models:
            from ..render.snapshot import model_of

            got = self.snap.models.get(k)
            self._models[k] = None if got is None else model_of(got)
        return self._models[k]

    def naming_of(self, keys) -> Naming:
        from ..render.naming import ModelNames, Naming

        names = {}
        for k in keys:
            value = self.values.get(k)
            if value is not None and value[1] is not None:
                names[ir.ModelKey(*k)] = ModelNames(*value[1])
        return Naming(self.opts.kind, Known(names, {ir.ModelKey(*k) for k in keys}))

    def _read(self, deps: list[str]):
        """The models, names, components and counts ``deps`` (reads, ``read_key``) name."""
        from ..render.stored import read_of
        from ..render.trace import ALL_MODELS, ALL_NAMES, COMPONENT, COUNT, MODEL, NAMES

        models, names, comps, counts = set(), [], set(), set()
        for dep in deps:
            tag, *rest = read_of(dep)
            if tag == MODEL and len(rest) == 2:
                models.add(tuple(rest))
            elif tag == NAMES and len(rest) == 2:
                names.append(tuple(rest))
            elif tag == COMPONENT and len(rest) == 2:
                comps.add(tuple(rest))
            elif tag == COUNT and len(rest) == 2:
                counts.add(tuple(rest))
            elif (
                tag == ALL_MODELS and not rest
            ):  # each model, one by one (a small package)
                models.update(self.values)
            elif tag == ALL_NAMES and not rest:
                names.extend(self.values)
            else:
                raise Unknown(dep)  # a whole: the order, every model or name
        by_key = {}
        for k in models:
            m = self.model(k)
            if m is not None:
                by_key[ir.ModelKey(*k)] = m
        comp = {
            ir.ModelKey(*k): self.snap.comp[k] for k in comps if k in self.snap.comp
        }
        return (
            Known(by_key, {ir.ModelKey(*k) for k in models}),
            self.naming_of(names),
            Known(comp, {ir.ModelKey(*k) for k in comps}),
            Known(
                {k: self.snap.counts[k] for k in counts if k in self.snap.counts},
                counts,
            ),
        )

    def module(self, k: tuple[str, ...], deps: list[str]) -> str:
        from ..render.model import render_model
        from ..render.package import RenderOptions

        by_key, naming, comp, _ = self._read(deps)
        options = RenderOptions(
            package=self.opts.package,
            kind=self.opts.kind,
            docs=self.opts.docs,
            emit=self.opts.emitted,
        )
        return render_model(by_key[ir.ModelKey(*k)], by_key, comp, naming, options)

    def doc(self, k: tuple[str, ...], deps: list[str]) -> str:
        from ..render.docs import _Docs
        from ..render.trace import World
        from ..unsafe import escape_docs

        by_key, naming, _, counts = self._read(deps)
        docs = _Docs(ir.Package(()), naming)
        world = World("docs", NoPackage(), by_key, naming, counts=counts)  # type: ignore[arg-type]
        return escape_docs(docs.seeing(world).render(by_key[ir.ModelKey(*k)]))
