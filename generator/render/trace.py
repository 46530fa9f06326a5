"""What a rendering reads, recorded (for the render memo, ``memo``): ``Recorder`` keeps the reads
of one rendering; ``Traced`` mappings, ``TracedModel`` and ``TracedPackage`` tell it each key
read; ``World`` is everything renderings may read besides their model, and ``World.traced``
the same seen through those views. Reads are ``(tag, key)``, the tags below.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from .. import ir
from .naming import Naming

# what a dependency reads: a model's IR, its names, its import-cycle component, a docs name count,
# the order of all models, or everything
MODEL, NAMES, COMPONENT, COUNT, KEYS, ALL = "m", "n", "c", "q", "K", "*"
ALL_MODELS, ALL_NAMES = "M*", "N*"  # every model's IR, or every model's names


class Recorder:
    """The reads of one rendering, in order, each once."""

    def __init__(self) -> None:
        self.deps: list[tuple[str, object]] = []
        self._seen: set[tuple[str, object]] = set()

    def read(self, tag: str, key: object = None) -> None:
        dep = (tag, key)
        if dep not in self._seen:
            self._seen.add(dep)
            self.deps.append(dep)


class Traced(Mapping):
    """A read-only view of ``data`` telling ``recorder`` each key read; iterating it (or asking its
    length) is reading everything."""

    def __init__(self, data: Mapping, tag: str, recorder: Recorder):
        self._data = data
        self._tag = tag
        self._recorder = recorder

    def __getitem__(self, key: object) -> object:
        self._recorder.read(self._tag, key)
        return self._data[key]

    def get(self, key: object, default: object = None) -> object:
        self._recorder.read(self._tag, key)
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._recorder.read(self._tag, key)
        return key in self._data

    def __iter__(self) -> Iterator:
        self._recorder.read(ALL)
        return iter(self._data)

    def __len__(self) -> int:
        self._recorder.read(ALL)
        return len(self._data)


class TracedModel:
    """A model as a whole-package rendering (an index) sees it: reading its key is free, reading
    anything else reads the model (recorded once; then the attributes are its own). ``isinstance``
    sees the model's class."""

    def __init__(self, model: ir.Model, recorder: Recorder):
        vars(self).update(_model=model, _recorder=recorder, key=model.key)

    @property  # type: ignore[misc]
    def __class__(self):  # noqa: D105 - isinstance(model, ir.ObjectModel) holds
        return type(vars(self)["_model"])

    def __getattr__(self, name: str) -> object:
        mine = vars(self)
        model = mine["_model"]
        mine["_recorder"].read(MODEL, model.key)
        mine.update(vars(model))  # from now on, plain attributes
        return getattr(model, name)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("models are frozen")


class TracedPackage:
    """``package.models`` for a whole-package rendering: the order of the keys is read; each model
    is read only where the rendering reads more than its key."""

    def __init__(
        self, package: ir.Package, recorder: Recorder, every_model: bool = False
    ):
        self._package = package
        self._recorder = recorder
        self._every_model = every_model

    @property
    def models(self) -> tuple:
        self._recorder.read(KEYS)
        if self._every_model:
            # more than the rendering may read: safe, it is only made again more often
            self._recorder.read(ALL_MODELS)
            return self._package.models
        return tuple(TracedModel(m, self._recorder) for m in self._package.models)

    def by_key(self) -> Mapping:
        self._recorder.read(KEYS)
        return Traced(self._package.by_key(), MODEL, self._recorder)


@dataclass
class World:
    """What renderings may read besides the model itself, as this run has it. ``name``: which
    renderings see it (``python``, ``docs``)."""

    name: str
    package: ir.Package
    by_key: Mapping[ir.ModelKey, ir.Model]
    naming: Naming
    comp: Mapping[ir.ModelKey, int] = field(default_factory=dict)
    # docs' qualified names
    counts: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def traced(
        self, recorder: Recorder, every_model: bool = False, every_name: bool = False
    ) -> World:
        """This world, telling ``recorder`` what is read of it; with ``every_model``, taking the
        models of the package (``package.models``) reads every model's IR; with ``every_name``,
        the names are read all at once, up front (not traced one by one: the docs index sorts
        18,000 models by name)."""
        if every_name:
            recorder.read(ALL_NAMES)
        return replace(
            self,
            package=TracedPackage(self.package, recorder, every_model),  # type: ignore[arg-type]
            by_key=Traced(self.by_key, MODEL, recorder),
            naming=(
                self.naming
                if every_name
                else Naming(
                    self.naming.kind, Traced(self.naming.models, NAMES, recorder)
                )
            ),
            comp=Traced(self.comp, COMPONENT, recorder),
            counts=Traced(self.counts, COUNT, recorder),
        )
