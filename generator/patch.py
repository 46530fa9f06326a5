"""The patch run: an edit that changes only descriptions, made from the last run's snapshot.

When the only inputs changed since the run that wrote OUT are a few model docs, each parsing to
what it parsed to before but for its descriptions (and the lines below an edit), the models,
their names and all that renderings read are as before but for those descriptions. The patch
run takes those models from the render snapshot (``render.snapshot``), puts the new
descriptions (and lines) in, and renders again only what read them, as the render memo's
reverse index says (the model's module and doc, the docs index): each with the models and names
it read last time and nothing else. The docs index gets the changed models' lines anew, each
rendered by the index template as a one-item index. Everything else stays in OUT as it is.

Anything else (another kind of change, a doc with diagnostics, a cache or file not as the
manifest says, a rendering that reads what it did not read before) and the run is a full one:
the patch run writes the files a full run would, or gives up before writing anything.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import ir
from .diagnostics import Diagnostic, Diagnostics
from .incremental import diagnostics_key, salt, stored_diagnostics
from .options import Options
from .parse.raw import RawDoc
from .read import SourceFile
from .write import Previous, Stamp
from .write.cache import Cache
from .write.files import read_head

if TYPE_CHECKING:
    from .render.naming import Naming

MAX_DOCS = 16  # more changed docs than this: a full run
INDEX, README = "docs/index", "docs/README.md"


class Unknown(Exception):
    """The patch run cannot tell what a full run would make: make it."""


@dataclass
class Patched:
    files: list[tuple[str, str]]  # the files rendered again, sorted by path
    reused: dict[str, str]  # every other output: path -> digest, as OUT holds it
    sources: dict[str, str]  # output -> the input it is made from (the manifest's)
    diagnostics: list[Diagnostic]  # the last run's, which still hold


def patch(
    files: list[SourceFile],
    opts: Options,
    previous: Previous,
    cache: Cache,
    made_from: Stamp,
    shown: tuple[str, str],
    code: str,
) -> Patched | None:
    """What the run would write, when it is a patch run (None: make a full run). ``shown``:
    SPECS and OUT as given (the stored diagnostics' key); ``code``: the digest of this
    generator's code (``code_digest``)."""
    try:
        return _Patch(files, opts, previous, cache, made_from, shown, code).run()
    except Unknown:
        return None
    except (
        Exception
    ):  # noqa: BLE001 - a cache or file not as expected: the full run says
        return None


class _Patch:
    def __init__(self, files, opts, previous, cache, made_from, shown, code):
        self.files, self.opts, self.previous, self.cache = files, opts, previous, cache
        self.made_from, self.shown, self.code = made_from, shown, code

    def run(self) -> Patched | None:
        from .render import snapshot
        from .render.dcg import DCG_KINDS
        from .render.memo import RenderMemo
        from .render.stored import Last, read_of
        from .render.trace import ALL_MODELS, MODEL

        opts, previous, cache, now = (
            self.opts,
            self.previous,
            self.cache,
            self.made_from,
        )
        record = previous.record
        if (
            opts.templates is not None
            or opts.spec is not None
            or opts.drift_report is not None
            or opts.kind in DCG_KINDS
            or not opts.docs
            or not opts.format
            or set(opts.emitted) != {"models", "docs"}
            or record is None
            or previous.leftovers
            or previous.code != self.code  # OUT written by another generator
        ):
            return None
        last_stamp = record.stamp
        if (last_stamp.version, last_stamp.options, last_stamp.templates) != (
            now.version,
            now.options,
            now.templates,
        ) or last_stamp.inputs.keys() != now.inputs.keys():
            return None
        changed = sorted(p for p, d in now.inputs.items() if last_stamp.inputs[p] != d)
        if not changed or len(changed) > MAX_DOCS:
            return None
        if not all(p.lower().endswith(".md") for p in changed):
            return None
        key = hashlib.sha256(salt(now, opts).encode("utf-8")).hexdigest()
        snap = snapshot.load(cache, key)
        if snap is None or snap.inputs != snapshot.inputs_digest(last_stamp.inputs):
            return None
        # the last run's diagnostics say nothing of the changed docs (a description-only
        # change then gives none either)
        said = stored_diagnostics(
            cache, diagnostics_key(last_stamp, self.shown[0], self.shown[1])
        )
        if said is None or any(_names(d.file, p) for d in said for p in changed):
            return None
        by_file: dict[str, list[tuple[str, str]]] = {}
        for k, (file, *_) in snap.models.items():
            by_file.setdefault(file, []).append(k)
        text = {f.path: f for f in self.files}
        new_models: dict[tuple[str, str], ir.Model] = {}
        old_models: dict[tuple[str, str], ir.Model] = {}
        for p in changed:
            keys = by_file.get(p, [])
            if len(keys) != 1:
                return None
            old_raw, new_raw = self._docs(p, last_stamp.inputs[p], text[p])
            k = keys[0]
            old = old_models[k] = snapshot.model_of(snap.models[k])
            new_models[k] = _patched(old, old_raw, new_raw)
        last = Last.load(cache, RenderMemo.TABLE, key)
        if last is None:
            return None
        if not self._traced(last, record.files):
            return None
        reads = {(MODEL, *k) for k in new_models} | {(ALL_MODELS,)}
        entries = {
            name: got
            for name in last.reading(reads)
            if (got := last.entry(name)) is not None
        }
        world = _World(snap, new_models, opts)
        made: list[tuple[str, str]] = []
        for name, (outputs, deps) in sorted(entries.items()):
            if name == INDEX:
                if set(outputs) != {README}:
                    return None
                made.append((README, self._index(world, old_models, new_models)))
                continue
            # a model's module or doc: its first read is the model itself
            tag, *own = read_of(deps[0]) if deps else ("",)
            module, doc = world.paths(tuple(own))
            if tag != MODEL or set(outputs) != {name}:
                return None
            if name == module:
                made.append((name, world.module(tuple(own), deps)))
            elif name == doc:
                made.append((name, world.doc(tuple(own), deps)))
            else:
                return None
        made = [(p, t.rstrip("\n") + "\n" if t else t) for p, t in made]
        made = self._format(made)
        reused = {p: d for p, d in record.files.items() if p not in dict(made)}
        if not previous.all_reusable(reused):
            return None
        snapshot.save_changes(
            cache,
            key,
            snap,
            {k: snapshot.entry(m) for k, m in new_models.items()},
            snapshot.inputs_digest(now.inputs),
        )
        return Patched(sorted(made), reused, dict(record.sources), said)

    # ------------------------------------------------------------ the changed docs

    def _docs(
        self, path: str, old_digest: str, source: SourceFile
    ) -> tuple[RawDoc, RawDoc]:
        """The doc as the last run parsed it and as it parses now; Unknown unless they differ
        only in descriptions and the lines of what follows them."""
        from .parse.document import parse_document

        forced = self.opts.dialect
        old = self.cache.get("parse", path, (old_digest, forced))
        found = Diagnostics()
        new = parse_document(SourceFile(path, source.text), found, forced)
        if not isinstance(old, RawDoc) or not isinstance(new, RawDoc) or found.items:
            raise Unknown(path)
        if old.line != new.line or _shape(old) != _shape(new):
            raise Unknown(path)
        self.cache.put("parse", path, (source.digest, forced), new)
        return old, new

    # ------------------------------------------------------------ what read them

    def _traced(self, last, outputs: Mapping[str, str]) -> bool:
        """Whether every output is one the memo knows what it read to make, or one made of
        the options alone (the runtime): a rendering the memo could not store, made every full
        run, cannot be kept by a patch run."""
        base = last.base
        known = set(base.names)
        known.update(p for p in base.paths if p is not None)
        for got in last.changes.values():
            if got is not None:
                known.update(got[0])
        root = self.opts.package
        known.update((f"{root}/_runtime.py", f"{root}/py.typed"))
        return known.issuperset(outputs)

    # ------------------------------------------------------------ the docs index

    def _index(self, world: _World, old_models: dict, new_models: dict) -> str:
        """The docs index as OUT holds it, each changed model's line made again."""
        from .render.docs import _Docs
        from .unsafe import escape_docs

        record = self.previous.record
        assert record is not None
        data = read_head(self.previous.out / README, 1 << 30)
        if data is None or hashlib.sha256(data).hexdigest() != record.files.get(README):
            raise Unknown(README)
        text = data.decode("utf-8", "surrogatepass")
        for k, new in new_models.items():
            docs = _Docs(ir.Package(()), world.naming_of([k]))
            lines = []
            for m in (old_models[k], new):
                items = [{"title": "-", "items": [docs.index_item(m)]}]
                lines.append(docs.index_of(items).split("\n"))
            before, after = lines
            if len(before) != len(after):
                raise Unknown(README)
            differ = [i for i in range(len(before)) if before[i] != after[i]]
            if not differ:
                continue
            if len(differ) != 1:
                raise Unknown(README)
            old_line = "\n" + escape_docs(before[differ[0]]) + "\n"
            if text.count(old_line) != 1:
                raise Unknown(README)
            text = text.replace(old_line, "\n" + escape_docs(after[differ[0]]) + "\n")
        return text

    # ------------------------------------------------------------ format

    def _format(self, made: list[tuple[str, str]]) -> list[tuple[str, str]]:
        from .format import format_files

        found = Diagnostics()
        out = format_files(
            made,
            diags=found,
            root=os.fspath(self.previous.out),
            cache=self.cache,
            jobs=self.opts.jobs,
        )
        if found.items:
            raise Unknown("format")
        return out


def _names(file: str, path: str) -> bool:
    """Whether a diagnostic's file is the input ``path`` (relative to SPECS)."""
    return file == path or file.endswith("/" + path) or file.endswith(os.sep + path)


def _shape(doc: RawDoc) -> RawDoc:
    """``doc`` without its descriptions and the lines of its parts."""
    return replace(
        doc,
        description="",
        fields=tuple(replace(f, description="", line=0) for f in doc.fields),
        values=tuple(replace(v, line=0) for v in doc.values),
        members=tuple(replace(m, line=0) for m in doc.members),
    )


def _patched(m: ir.Model, old: RawDoc, new: RawDoc) -> ir.Model:
    """The model ``m`` made from doc ``old`` (after the passes), as made from ``new``, which
    differs from ``old`` in descriptions and lines only (``_shape``)."""
    if m.description != old.description or m.source.file != old.path:
        raise Unknown(old.path)
    if m.source.line != old.line:
        raise Unknown(old.path)
    if isinstance(m, ir.ObjectModel):
        at = {(f.line, f.type_col): (f, g) for f, g in zip(old.fields, new.fields)}
        fields = []
        for f in m.fields:
            got = at.get((f.source.line, f.source.col))
            if (
                got is None
                or f.source.file != old.path
                or f.description != got[0].description
            ):
                raise Unknown(old.path)
            source = replace(f.source, line=got[1].line)
            fields.append(replace(f, description=got[1].description, source=source))
        return replace(m, description=new.description, fields=tuple(fields))
    if isinstance(m, ir.EnumModel):
        lines = {v.line: w.line for v, w in zip(old.values, new.values)}
        members = []
        for x in m.members:
            if x.source.line not in lines or x.source.file != old.path:
                raise Unknown(old.path)
            members.append(
                replace(x, source=replace(x.source, line=lines[x.source.line]))
            )
        return replace(m, description=new.description, members=tuple(members))
    return replace(m, description=new.description)


class _Known(Mapping):
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


class _NoPackage:
    """The package, which a rendering that reads it whole cannot be patched from."""

    def __getattr__(self, name: str):
        raise Unknown("the package")


class _World:
    """What the snapshot holds, handed to one rendering at a time: the models, names,
    components and counts it read last time."""

    def __init__(self, snap, new_models: dict, opts: Options):
        self.snap, self.new_models, self.opts = snap, new_models, opts
        self._models: dict[tuple[str, ...], ir.Model | None] = dict(new_models)

    def paths(self, k: tuple[str, ...]) -> tuple[str, str]:
        """The module path and the doc path of model ``k`` (empty: it has no names)."""
        from .render.naming import ModelNames

        value = self.snap.values.get(k)
        if value is None or value[1] is None:
            return "", ""
        names = ModelNames(*value[1])
        module = f"{self.opts.package}/{names.module.replace('.', '/')}.py"
        return module, "docs/models/" + names.doc_path

    def model(self, k: tuple[str, ...]) -> ir.Model | None:
        if k not in self._models:
            from .render.snapshot import model_of

            got = self.snap.models.get(k)
            self._models[k] = None if got is None else model_of(got)
        return self._models[k]

    def naming_of(self, keys) -> Naming:
        from .render.naming import ModelNames, Naming

        names = {}
        for k in keys:
            value = self.snap.values.get(k)
            if value is not None and value[1] is not None:
                names[ir.ModelKey(*k)] = ModelNames(*value[1])
        return Naming(self.opts.kind, _Known(names, {ir.ModelKey(*k) for k in keys}))

    def _read(self, deps: list[str]):
        """The models, names, components and counts ``deps`` (reads, ``read_key``) name."""
        from .render.stored import read_of
        from .render.trace import ALL_MODELS, ALL_NAMES, COMPONENT, COUNT, MODEL, NAMES

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
                models.update(self.snap.values)
            elif tag == ALL_NAMES and not rest:
                names.extend(self.snap.values)
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
            _Known(by_key, {ir.ModelKey(*k) for k in models}),
            self.naming_of(names),
            _Known(comp, {ir.ModelKey(*k) for k in comps}),
            _Known(
                {k: self.snap.counts[k] for k in counts if k in self.snap.counts},
                counts,
            ),
        )

    def module(self, k: tuple[str, ...], deps: list[str]) -> str:
        from .render.model import render_model
        from .render.package import RenderOptions

        by_key, naming, comp, _ = self._read(deps)
        options = RenderOptions(
            package=self.opts.package,
            kind=self.opts.kind,
            docs=self.opts.docs,
            emit=self.opts.emitted,
        )
        return render_model(by_key[ir.ModelKey(*k)], by_key, comp, naming, options)

    def doc(self, k: tuple[str, ...], deps: list[str]) -> str:
        from .render.docs import _Docs
        from .render.trace import World
        from .unsafe import escape_docs

        by_key, naming, _, counts = self._read(deps)
        docs = _Docs(ir.Package(()), naming)
        world = World("docs", _NoPackage(), by_key, naming, counts=counts)  # type: ignore[arg-type]
        return escape_docs(docs.seeing(world).render(by_key[ir.ModelKey(*k)]))
