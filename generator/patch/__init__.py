"""The patch run: an edit of a few docs that reaches no other model, made from the last run's
snapshot.

When the only inputs changed since the run that wrote OUT are a few model docs, the patch run
takes the models of everything else from the render snapshot (``render.snapshot``) and makes
only the edited docs' models again:

- a doc that parses to what it parsed to before but for its descriptions (and the lines below an
  edit) is the model of last time with the new text put in (``describe``);
- any other doc (a field's type, a field added or removed, enum values, union members, a null in
  its example) is linked, given the nullability the examples say, taken through the passes and
  named again, beside the models it references (``reshape``), when nothing it changed can reach
  another model (its references, the constants discriminators read, nullability the examples
  give other models).

It then renders again only what read those models, as the render memo's reverse index says (the
model's module and doc, the docs index): each with the models and names it read last time and
nothing else (``world``). The docs index gets the changed models' lines anew, each rendered by
the index template as a one-item index. Everything else stays in OUT as it is.

Anything else (another kind of change, a doc with diagnostics, a cache or file not as the
manifest says, a rendering that reads what it did not read before) and the run is a full one:
the patch run writes the files a full run would, or gives up before writing anything.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass

from .. import ir
from ..diagnostics import Diagnostic, Diagnostics
from ..frontends.markdown.links import EVIDENCE, EXAMPLES, examples_key
from ..incremental import diagnostics_key, salt, stored_diagnostics
from ..options import Options
from ..parse.raw import RawDoc
from ..read import SourceFile
from ..write import Previous, Stamp
from ..write.cache import Cache
from ..write.files import read_head
from .unknown import Unknown
from .world import World

MAX_DOCS = 16  # more changed docs than this: a full run
INDEX, README = "docs/index", "docs/README.md"


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
        # every doc's null paths, as the last run kept them (``reshape`` updates them)
        self.examples: object = None

    def run(self) -> Patched | None:
        from ..render import snapshot
        from ..render.dcg import DCG_KINDS
        from ..render.memo import RenderMemo
        from ..render.stored import Last, read_of
        from ..render.trace import ALL_MODELS, MODEL

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
        # docs alone: a spec beside them is joined with them, which no patch run repeats
        if not all(p.lower().endswith(".md") for p in now.inputs):
            return None
        changed = sorted(p for p, d in now.inputs.items() if last_stamp.inputs[p] != d)
        if not changed or len(changed) > MAX_DOCS:
            return None
        key = hashlib.sha256(salt(now, opts).encode("utf-8")).hexdigest()
        snap = snapshot.load(cache, key)
        if snap is None or snap.inputs != last_stamp.inputs_digest:
            return None
        # the last run's diagnostics say nothing of the changed docs (a description-only
        # change then gives none either)
        said = stored_diagnostics(
            cache, diagnostics_key(last_stamp, self.shown[0], self.shown[1])
        )
        if said is None or any(_names(d.file, p) for d in said for p in changed):
            return None
        world = World(snap, opts)
        old_models = self._changed(world, changed, last_stamp.inputs)
        new_models = world.new_models
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
        kept = {k: snapshot.entry(m) for k, m in new_models.items()}
        values = {k: (kept[k][1], v[1]) for k, v in world.new_values.items()}
        snapshot.save_changes(cache, key, snap, kept, now.inputs_digest, values)
        if self.examples is not None:
            self.cache.put(EVIDENCE, EXAMPLES, self._examples_key(now), self.examples)
        return Patched(sorted(made), reused, dict(record.sources), said)

    # ------------------------------------------------------------ the changed docs

    def _changed(
        self, world: World, changed: list[str], inputs: Mapping[str, str]
    ) -> dict[tuple[str, str], ir.Model]:
        """The last run's models of the ``changed`` docs (by key); what they are now goes into
        ``world`` (``change``). A doc edited in its descriptions alone is the model of last time
        with them (``described``); any other doc is made again (``reshape``)."""
        from .describe import described, shape_of
        from .reshape import Edit, reshape

        snap = world.snap
        by_file: dict[str, list[tuple[str, str]]] = {}
        for k, (file, *_) in snap.models.items():
            by_file.setdefault(file, []).append(k)
        text = {f.path: f for f in self.files}
        old_models: dict[tuple[str, str], ir.Model] = {}
        edits = []
        for p in changed:
            keys = by_file.get(p, [])
            if len(keys) != 1:
                raise Unknown(p)
            old_raw, new_raw = self._docs(p, inputs[p], text[p])
            k = keys[0]
            old = world.model(k)
            names = world.names(k)
            if old is None or names is None:
                raise Unknown(p)
            old_models[k] = old
            if old_raw.line == new_raw.line and shape_of(old_raw) == shape_of(new_raw):
                world.change(k, described(old, old_raw, new_raw))
                continue
            edits.append(Edit(k, old, names, old_raw, new_raw))
        self.examples = self.cache.get(
            EVIDENCE, EXAMPLES, self._examples_key(self.previous.record.stamp)
        )
        if edits:
            if not isinstance(self.examples, tuple):
                raise Unknown("the examples")
            made, self.examples = reshape(
                edits,
                world.model,
                {k: file for k, (file, *_) in snap.models.items()},
                self.examples,
                self.opts.kind,
                self.opts.allow_missing,
                snap.members,
            )
            for k, (m, names) in made.items():
                world.change(k, m, names)
        return old_models

    def _examples_key(self, stamp: Stamp) -> list:
        return examples_key(
            stamp.inputs_digest, self.opts.dialect, self.opts.allow_missing
        )

    def _docs(
        self, path: str, old_digest: str, source: SourceFile
    ) -> tuple[RawDoc, RawDoc]:
        """The doc as the last run parsed it and as it parses now (Unknown if either is not a
        doc, or the doc has diagnostics now)."""
        from ..parse.document import parse_document

        forced = self.opts.dialect
        old = self.cache.get("parse", path, (old_digest, forced))
        found = Diagnostics()
        new = parse_document(SourceFile(path, source.text), found, forced)
        if not isinstance(old, RawDoc) or not isinstance(new, RawDoc) or found.items:
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

    def _index(self, world: World, old_models: dict, new_models: dict) -> str:
        """The docs index as OUT holds it, each changed model's line made again."""
        from ..render.docs import _Docs
        from ..unsafe import escape_docs

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
        from ..format import format_files

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
