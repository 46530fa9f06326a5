"""What makes a run incremental: what the last run into OUT left (``LastRun``: its manifest,
gen-models' cache, the inputs' stats), what this run is made from (``stamp``: version, options,
templates, inputs; ``salt``: what every rendering depends on besides the models), and the output
of a run that left some files as they were (``OutputFiles``).

The stages use these through ``cache`` and ``previous`` (read: the inputs' stats; the markdown
front-end: parse and link results; render: ``render.memo``; format; write: the manifest), so a
run with nothing changed stops after read, and an edited doc costs its own renderings.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, Severity
from .options import Options, emits
from .render.dcg import DCG_KINDS, dcg_version
from .version import VERSION
from .write import Previous, Stamp
from .write.cache import Cache, code_digest, made_by
from .write.manifest import META

if TYPE_CHECKING:
    from .read import SourceFile


class LastRun:
    """OUT as the last run left it (``previous``) and gen-models' cache in it (``cache``); both
    None where a run neither writes nor checks OUT. ``stats``: the read stage's stat cache for
    SPECS (None for input from memory)."""

    def __init__(self, out, specs, in_memory: bool):
        self.previous: Previous | None = None
        self.cache: Cache | None = None
        self.stats: StatTable | None = None
        self.code = code_digest()  # of the generator's own code
        if out is None:
            return
        self.previous = Previous(out)
        meta = Path(out) / META
        self.cache = Cache(meta if meta.is_dir() else None, made_by(self.code))
        if not in_memory:
            self.stats = StatTable(self.cache, os.path.realpath(specs))

    def read(self, files: Sequence[SourceFile]) -> None:
        """The read stage is done: forget the stats of inputs that are gone."""
        if self.stats is not None:
            self.stats.cache.prune("files", [f.path for f in files])


def stamp(opts: Options, files: Iterable[SourceFile]) -> Stamp:
    """What a run with ``opts`` on ``files`` is made from, as the manifest records it."""
    from .render.templates import template_dirs, templates_digest

    user_templates = [] if opts.templates is None else [opts.templates]
    options: dict[str, object] = {
        "kind": opts.kind,
        "package": opts.package,
        "docs": opts.docs,
        "allow_missing": opts.allow_missing,
        "names": opts.names,
    }
    # only when given: the manifests of runs without it stay as they were
    if opts.spec is not None:
        options["spec"] = os.path.basename(opts.spec)
    if opts.dialect:
        options["dialect"] = opts.dialect
    if opts.emit != emits(None, opts.kind, opts.docs):
        options["emit"] = list(opts.emitted)
    if opts.kind in DCG_KINDS:  # another version of it may write other code
        options["datamodel_code_generator"] = dcg_version()
    return Stamp(
        VERSION,
        options,
        # the user's templates first: what render reads
        templates_digest(user_templates + template_dirs()),
        {f.path: f.digest for f in files},
    )


def salt(made_from: Stamp, opts: Options) -> str:
    """What every output depends on besides the models (the cache's files carry the rest: the
    generator's code, Python's and the libraries' versions)."""
    return json.dumps(
        [
            made_from.version,
            made_from.options,
            made_from.templates,
            opts.templates is not None,
            opts.format,
            list(opts.emitted),
        ],
        sort_keys=True,
    )


class StatTable:
    """The read stage's stat cache, in gen-models' cache (table ``files``), for one SPECS folder."""

    def __init__(self, cache: Cache, root: str):
        self.cache = cache
        self.root = root
        self._stored: Mapping[str, object] | None = (
            None  # the table, read at the first get
        )

    def get(self, rel: str) -> list | None:
        if self._stored is None:  # every input is asked for: one lookup each
            self._stored = self.cache.table("files")
        entry = self._stored.get(rel)
        if not isinstance(entry, list) or entry[0] != self.root:
            return None
        got = entry[1]
        return got if isinstance(got, list) and len(got) == 6 else None

    def put(self, rel: str, seen: list) -> None:
        self.cache.put("files", rel, self.root, seen)


# the diagnostics of the run that wrote OUT, shown again by a run that finds OUT up to date:
# the inputs still say what they said (a pre-commit hook or CI job that found nothing to do
# must not hide the warnings the same inputs gave a run before)
_RUN_TABLE, _DIAGNOSTICS = "run", "diagnostics"


def diagnostics_key(made_from: Stamp, specs: str, out: str) -> str:
    """What the stored diagnostics were made from: the stamp, and SPECS and OUT as given (they
    are in the diagnostics' file names)."""
    doc = [
        made_from.version,
        made_from.options,
        made_from.templates,
        made_from.inputs_digest,
        specs,
        out,
    ]
    return hashlib.sha256(
        json.dumps(doc, sort_keys=True, default=str).encode("utf-8", "surrogatepass")
    ).hexdigest()


def remember_diagnostics(cache: Cache, key: str, items: Iterable[Diagnostic]) -> None:
    cache.put(
        _RUN_TABLE,
        _DIAGNOSTICS,
        key,
        [[d.file, d.line, d.col, int(d.severity), d.message, d.code] for d in items],
    )


def recall_diagnostics(cache: Cache, key: str) -> list[Diagnostic]:
    """The diagnostics ``remember_diagnostics`` stored under ``key`` ([] if none: a cache of
    another run, or of another shape)."""
    return stored_diagnostics(cache, key) or []


def stored_diagnostics(cache: Cache, key: str) -> list[Diagnostic] | None:
    """``recall_diagnostics``, but None when none are stored under ``key``."""
    stored = cache.get(_RUN_TABLE, _DIAGNOSTICS, key)
    if not isinstance(stored, (list, tuple)):
        return None
    try:
        return [
            Diagnostic(f, int(line), int(col), Severity(sev), m, c)
            for f, line, col, sev, m, c in stored
            if all(isinstance(x, str) for x in (f, m, c))
        ]
    except (TypeError, ValueError):
        return None


def save_cache(out: Path, cache: Cache) -> None:
    from .write import transaction

    meta = out / META
    try:
        with transaction.locked(meta):
            cache.save(meta)
    except OSError:
        pass  # only a cache: the next run reads the inputs again


class OutputFiles(Sequence):
    """A run's output files, sorted by path, as (path, text): those the run made, and those it left
    as they were in OUT (it knew they would come out the same), read from OUT when asked for.
    """

    def __init__(
        self,
        made: Iterable[tuple[str, str]],
        reused: Iterable[str] = (),
        out: str | os.PathLike | None = None,
    ):
        items: list[tuple[str, str | None]] = list(made)
        self.reused = sorted(reused)  # the files left as they were
        items.extend((p, None) for p in self.reused)
        items.sort(key=lambda item: item[0])
        self._items = items
        self._out = out

    @property
    def paths(self) -> list[str]:
        return [p for p, _ in self._items]

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        path, text = self._items[index]
        if text is None:
            assert self._out is not None
            with open(
                os.path.join(self._out, path), encoding="utf-8", newline=""
            ) as fh:
                text = fh.read()
            self._items[index] = (path, text)
        return path, text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, OutputFiles)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"OutputFiles({len(self)} files)"
