"""The pipeline, as one library call: read -> front-ends (parse, link) -> join -> IR -> passes ->
naming -> render -> format -> write."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from .config import NAMES
from .diagnostics import Diagnostic, Diagnostics
from .gcpause import paused as gc_paused
from .read import MEMORY, SourceFile, read, read_mapping
from .render.dcg import DCG_KINDS, DcgFailure, dcg_version
from .render.naming import IMPORTED_MODULES, is_identifier
from .version import VERSION
from .write import Change, Previous, Stale, Stamp, WriteRefused, overlap
from .write import check as check_out
from .write import write as write_out
from .write.cache import Cache, code_digest, made_by
from .write.manifest import META, digest
from .write.report import write_text

if TYPE_CHECKING:
    from . import ir
    from .join import JoinReport
    from .progress import Progress
    from .render.naming import Naming

# The stages after read are imported when a run needs them: a run that finds OUT up to date
# imports neither the parsers nor black.


class OptionError(ValueError):
    """An option value gen-models cannot use (the CLI prints it as one line, exit 2)."""


# the options that are paths (or None)
_PATHS = ("templates", "spec", "drift_report")


@dataclass(frozen=True)
class Options:
    """Everything that decides the output, checked once; every stage gets what it needs from here."""

    package: str = "models"
    kind: str = "pydantic"
    docs: bool = True
    allow_missing: bool = False
    names: str = "stable"  # OpenAPI model names: "stable" or "speakeasy"
    format: bool = True
    templates: str | None = None  # a folder of templates searched before the package's
    # an OpenAPI spec to join with the docs (beside those in SPECS)
    spec: str | None = None
    drift_report: str | None = None  # where the join writes its drift report (JSON)
    # what to write: any of EMITS ("models", "docs", "jsonschema"), or a comma-separated string;
    # None: models and docs (models alone for msgspec/typeddict); docs=False takes docs out
    emit: tuple[str, ...] | None = None
    dialect: str = (
        ""  # the language every markdown doc is read in; "" detects each doc's own
    )

    def __post_init__(self) -> None:
        from .render.package import KINDS

        object.__setattr__(self, "emit", _emit(self.emit, self.kind, self.docs))
        object.__setattr__(self, "docs", "docs" in self.emit)
        for name in _PATHS:
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, (str, os.PathLike)):
                raise TypeError(
                    f"option {name!r} must be a path (str or os.PathLike) or None, "
                    f"not {type(value).__name__}"
                )
            object.__setattr__(self, name, os.fspath(value))
        for f in fields(self):
            if f.name in _PATHS or f.name == "emit":
                continue
            value = getattr(self, f.name)
            want = bool if f.type in (bool, "bool") else str
            if not isinstance(value, want):
                raise TypeError(
                    f"option {f.name!r} must be a {want.__name__}, not {type(value).__name__} ({value!r})"
                )
        from .parse.dialects import NAMES as DIALECTS

        if self.dialect and self.dialect not in DIALECTS:
            raise OptionError(
                f"dialect must be one of {', '.join(DIALECTS)}, not {self.dialect!r}"
            )
        if self.kind not in KINDS + DCG_KINDS:
            raise OptionError(
                f"kind must be one of {', '.join(KINDS + DCG_KINDS)}, not {self.kind!r}"
            )
        if self.names not in NAMES:
            raise OptionError(
                f"names must be one of {', '.join(NAMES)}, not {self.names!r}"
            )
        if not is_identifier(self.package) or self.package.startswith("_"):
            raise OptionError(
                f"package must be a public Python identifier, not {self.package!r}"
            )
        if self.package in IMPORTED_MODULES:
            raise OptionError(
                f"package {self.package!r} would shadow the module of that name the generated code imports"
            )
        if self.package == "docs" and self.docs:
            raise OptionError(
                "package 'docs' would collide with the docs folder; choose another name or --no-docs"
            )


def _emit(emit: object, kind: object, docs: object) -> tuple[str, ...]:
    """``emit`` as a tuple in ``EMITS`` order, checked; docs=False takes docs out of it."""
    from .render.package import EMITS

    if emit is None:
        emit = ("models",) if kind in DCG_KINDS else ("models", "docs")
    elif isinstance(emit, str):
        emit = tuple(x.strip() for x in emit.split(",") if x.strip())
    elif isinstance(emit, (list, tuple)) and all(isinstance(x, str) for x in emit):
        emit = tuple(emit)
    else:
        raise TypeError(
            f"option 'emit' must be a tuple of str, a comma-separated str or None, not {emit!r}"
        )
    unknown = [x for x in emit if x not in EMITS]
    if unknown or not emit:
        raise OptionError(
            f"emit takes one or more of {', '.join(EMITS)}, not {', '.join(map(repr, unknown)) or 'nothing'}"
        )
    if "docs" in emit and kind in DCG_KINDS:
        raise OptionError(
            f"docs are written for the pydantic and dataclasses kinds only, not {kind}; "
            "emit models and/or jsonschema"
        )
    return tuple(x for x in EMITS if x in emit and (x != "docs" or docs is not False))


@dataclass
class Result:
    # (path relative to OUT, text), sorted by path: every output file
    files: Sequence[tuple[str, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    package: ir.Package | None = None  # the IR, after the passes
    naming: Naming | None = (
        None  # the Python names of the output kind (None when there were errors)
    )
    timings: dict[str, float] = field(default_factory=dict)
    written: bool = False
    stale: list[str] = field(default_factory=list)  # with check=True: files that differ
    changed: list[str] = field(
        default_factory=list
    )  # files the write added, replaced or removed
    changes: list[Change] = field(
        default_factory=list
    )  # with check=True: what would change, and why
    unchanged: bool = (
        False  # OUT was known to be up to date without generating (files is empty then)
    )
    drift: JoinReport | None = None  # what the docs+spec join found (None: no join ran)
    # files of ``files`` left as they were in OUT, not rendered again (an incremental run)
    reused: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity.name == "ERROR" for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        if not self.ok:
            return 2
        return 1 if self.stale else 0


@gc_paused()
def generate(
    specs,
    out=None,
    *,
    write: bool = True,
    check: bool = False,
    options: Options | None = None,
    progress: Progress | None = None,
    **keywords,
) -> Result:
    """Generate models from the docs under ``specs``, a folder (or one doc), or in memory: a mapping
    of posix paths relative to a folder to the docs' text (``{"models/pet.md": "# Pet ..."}``). With
    ``out`` and ``write``, write them there (only when there are no errors); with ``check``, only
    compare with what ``out`` holds. Options: an ``Options`` object, or its fields as keywords.
    ``progress`` (``generator.progress.Progress``) is told as each stage starts; nothing is printed.

    Bad arguments raise ``TypeError`` or ``ValueError`` naming the argument; bad input never
    raises: it is in ``result.diagnostics``."""
    in_memory = isinstance(specs, Mapping)
    if not in_memory and not isinstance(specs, (str, os.PathLike)):
        raise TypeError(
            "specs must be a path (str or os.PathLike) or a mapping of relative paths "
            f"to text, not {type(specs).__name__}"
        )
    if out is not None and not isinstance(out, (str, os.PathLike)):
        raise TypeError(
            f"out must be a path (str or os.PathLike) or None, not {type(out).__name__}"
        )
    for name, value in (("write", write), ("check", check)):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
    if options is not None:
        if not isinstance(options, Options):
            raise TypeError(
                f"options must be an Options object, not {type(options).__name__}"
            )
        if keywords:
            given = ", ".join(map(repr, sorted(keywords)))
            raise TypeError(
                f"give options=Options(...) or keyword options, not both (got {given})"
            )
    unknown = sorted(set(keywords) - {f.name for f in fields(Options)})
    if unknown:
        raise TypeError(
            f"unknown option(s) {', '.join(map(repr, unknown))}; options are {', '.join(f.name for f in fields(Options))}"
        )
    opts = options if options is not None else Options(**keywords)
    if in_memory:
        for rel, text in specs.items():
            if not isinstance(rel, str) or not isinstance(text, str):
                raise TypeError(
                    "in-memory specs map relative paths (str) to text (str), not "
                    f"{type(rel).__name__} to {type(text).__name__}"
                )
    return _run(specs, out, write, check, opts, in_memory, progress)


def _run(
    specs,
    out,
    write: bool,
    check: bool,
    opts: Options,
    in_memory: bool,
    progress: Progress | None,
) -> Result:
    diags = Diagnostics()
    result = Result()
    t = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal t
        now = time.perf_counter()
        result.timings[stage] = now - t
        t = now

    def stage(name: str) -> None:
        if progress is not None:
            progress.stage(name)

    def done() -> Result:
        result.diagnostics = diags.sorted()
        return result

    if out is not None and not in_memory:
        clash = overlap(specs, out)
        if clash is not None:
            diags.error(str(out), 1, clash, "write-overlap")
            return done()
    if not _check_templates(opts, diags):
        return done()
    from .render.environment import template_dirs, templates_digest

    stage("read")
    # what the last run into OUT left: its manifest, and gen-models' cache (only where OUT is
    # written or checked: a run that only returns files neither reads nor writes OUT)
    previous = cache = None
    if out is not None and (write or check):
        previous = Previous(out)
        meta = Path(out) / META
        cache = Cache(meta if meta.is_dir() else None, made_by(code_digest()))
    stats = None
    if cache is not None and not in_memory:
        stats = _StatTable(cache, os.path.realpath(specs))
    files = read_mapping(specs, diags) if in_memory else read(Path(specs), diags, stats)
    if stats is not None:
        cache.prune("files", [f.path for f in files])
    if opts.spec is not None:
        files = _with_spec(files, opts.spec, None if in_memory else specs, diags)
    shown_specs = MEMORY if in_memory else str(specs)
    user_templates = [] if opts.templates is None else [opts.templates]
    stamp_options: dict[str, object] = {
        "kind": opts.kind,
        "package": opts.package,
        "docs": opts.docs,
        "allow_missing": opts.allow_missing,
        "names": opts.names,
    }
    # only when given: the manifests of runs without it stay as they were
    if opts.spec is not None:
        stamp_options["spec"] = os.path.basename(opts.spec)
    if opts.dialect:
        stamp_options["dialect"] = opts.dialect
    if opts.emit != _emit(None, opts.kind, opts.docs):
        stamp_options["emit"] = list(opts.emit)
    if opts.kind in DCG_KINDS:  # another version of it may write other code
        stamp_options["datamodel_code_generator"] = dcg_version()
    stamp = Stamp(
        VERSION,
        stamp_options,
        templates_digest(
            user_templates + template_dirs()
        ),  # the user's first: what render reads
        {f.path: f.digest for f in files},
    )
    lap("read")
    if (
        previous is not None
        and files
        and not diags.has_errors
        and opts.drift_report is None  # the report needs the join to run
        and previous.up_to_date(stamp)
    ):
        result.unchanged = (
            True  # same inputs, options, templates and version; OUT untouched since
        )
        if write and cache is not None and cache.dirty:
            _save_cache(Path(out), cache)  # the inputs' stats, for the next run
        return done()
    from . import passes
    from .frontends import LoadOptions, load_each
    from .join import join_loaded
    from .render.naming import name_package

    # the folder a spec's $ref may name sibling files below; in-memory input has none on disk
    root = (
        None
        if in_memory
        else str(Path(specs) if Path(specs).is_dir() else Path(specs).parent)
    )
    loaded = load_each(
        files,
        diags,
        LoadOptions(
            allow_missing=opts.allow_missing,
            root=root,
            names=opts.names,
            dialect=opts.dialect,
            cache=cache,
            progress=progress,
        ),
    )
    lap("load")
    stage("join")
    package, result.drift = join_loaded(loaded, diags)
    lap("join")
    if opts.drift_report is not None and write:
        _write_drift_report(opts.drift_report, result.drift, diags)
    if files and not package.models and not diags.has_errors:
        diags.error(
            shown_specs,
            1,
            "no model docs found (nothing with '## Fields', '## Values' or '## Supported Types'); OUT left as it was",
            "read-no-models",
        )
    elif not files and not diags.has_errors:
        diags.error(
            shown_specs,
            1,
            "no markdown or OpenAPI files found (*.md, *.yaml, *.yml, *.json); OUT left as it was",
            "read-no-models",
        )
    stage("passes")
    package = passes.run(package, diags)
    result.package = package
    lap("passes")
    if diags.has_errors:
        return done()
    stage("naming")
    naming = result.naming = name_package(package, opts.kind)
    lap("naming")
    # what every output depends on besides the models (the cache's files carry the rest: the
    # generator's code, Python's and the libraries' versions)
    salt = json.dumps(
        [
            stamp.version,
            stamp.options,
            stamp.templates,
            opts.templates is not None,
            opts.format,
            list(opts.emit),
        ],
        sort_keys=True,
    )
    for attempt in ("reuse", "all"):
        reusing = cache is not None and previous is not None and attempt == "reuse"
        made = _make(
            package,
            naming,
            opts,
            out,
            diags,
            shown_specs,
            cache,
            progress,
            previous,
            salt,
            reusing,
        )
        lap("render")  # render and format
        if made is None:
            return done()
        files_made, reused = made
        # a list, unless some files were left as they were: then read from OUT when asked for
        result.files = OutputFiles(files_made, reused, out) if reused else files_made
        result.reused = sorted(reused)
        sources = _sources(package, naming, opts)
        stage("write")
        try:
            if out is not None and check:
                result.changes = check_out(
                    Path(out), files_made, diags, stamp, sources, reused, previous
                )
                result.stale = [c.path for c in result.changes]
            elif out is not None and write:
                result.changed = list(
                    write_out(
                        Path(out),
                        files_made,
                        diags,
                        stamp,
                        sources,
                        reused,
                        previous,
                        cache,
                    ).changed
                )
                result.written = True
        except Stale:  # another run changed OUT meanwhile: render what was to be reused
            previous = Previous(out)
            continue
        except (
            WriteRefused
        ) as exc:  # a path outside OUT, a file gen-models does not own: nothing was written
            diags.error(str(out), 1, str(exc), exc.code)
        except (
            OSError
        ) as exc:  # OUT not writable, disk full, ...: OUT as it was, or a journal the next run finishes
            diags.error(
                str(out),
                1,
                f"cannot write the output: {exc.strerror or exc}",
                "write-failed",
            )
        break
    lap("write")
    return done()


def _make(
    package: ir.Package,
    naming: Naming,
    opts: Options,
    out,
    diags: Diagnostics,
    shown_specs: str,
    cache: Cache | None,
    progress: Progress | None,
    previous: Previous | None,
    salt: str,
    reusing: bool,
) -> tuple[list[tuple[str, str]], dict[str, str]] | None:
    """Render and format: the files made, and those OUT holds already as they would be made
    (by digest; with ``reusing``). None after an error (diagnostics say which)."""
    from .format import format_files
    from .render import render
    from .render.environment import TemplateFailure
    from .render.memo import RenderMemo
    from .render.package import RenderOptions

    memo = (
        RenderMemo(cache, salt, previous.reusable)
        if reusing and cache is not None and previous is not None
        else None
    )
    render_options = RenderOptions(
        package=opts.package,
        kind=opts.kind,
        docs=opts.docs,
        templates=opts.templates,
        emit=opts.emit,
    )
    try:
        rendered = render(package, naming, render_options, memo, progress)
    except TemplateFailure as exc:  # a user's template: where and what went wrong
        diags.error(exc.file, exc.line, exc.message, exc.code, exc.col)
        return None
    except DcgFailure as exc:  # --kind msgspec / typeddict
        diags.error(shown_specs, 1, str(exc), "render-dcg")
        return None
    # black on every Python file when a template of the user's may have laid any of them out
    everything = opts.templates is not None
    root = "" if out is None else os.fspath(out)
    files = rendered
    if opts.format:
        files = format_files(
            rendered,
            everything=everything,
            by_blocks=opts.kind in DCG_KINDS,
            diags=diags,
            root=root,
            cache=cache,
            progress=progress,
        )
    if diags.has_errors:
        return None
    reused = dict(memo.reused) if memo is not None else {}
    if cache is not None:
        made = {p: digest(t.encode("utf-8", "surrogatepass")) for p, t in files}
        if memo is not None:
            memo.save(made, memo.names)
        cache.prune("format", set(made) | set(reused))
    return files, reused


class _StatTable:
    """The read stage's stat cache, in gen-models' cache (table ``files``), for one SPECS folder."""

    def __init__(self, cache: Cache, root: str):
        self.cache = cache
        self.root = root

    def get(self, rel: str) -> list | None:
        got = self.cache.get("files", rel, self.root)
        return got if isinstance(got, list) and len(got) == 6 else None

    def put(self, rel: str, seen: list) -> None:
        self.cache.put("files", rel, self.root, seen)


def _save_cache(out: Path, cache: Cache) -> None:
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


def _with_spec(
    files: list[SourceFile], spec: str, specs, diags: Diagnostics
) -> list[SourceFile]:
    """``files`` and the spec ``--spec`` names (unless SPECS holds it already), named by its path
    relative to SPECS (``../openapi.json``), so diagnostics show where it is."""
    if Path(spec).is_dir():
        diags.error(
            spec, 1, "--spec / 'spec' names one OpenAPI file, not a folder", "read-spec"
        )
        return files
    got = read(Path(spec), diags)
    if not got:
        return files
    if specs is None:
        name = Path(os.path.abspath(spec)).as_posix()
    else:
        base = Path(specs) if Path(specs).is_dir() else Path(specs).parent
        name = Path(os.path.relpath(os.path.abspath(spec), os.path.abspath(base)))
        name = name.as_posix()  # type: ignore[assignment]
    if any(f.path == name for f in files):
        return files
    return [*files, SourceFile(str(name), got[0].text)]


def _write_drift_report(
    path: str, report: JoinReport | None, diags: Diagnostics
) -> None:
    """The drift report as JSON at ``path`` (an empty one, ``"joined": false``, when no join ran)."""
    from .join import JoinReport

    text = (report or JoinReport(joined=False)).to_json()
    try:
        write_text(Path(path), text)
    except OSError as exc:
        diags.error(
            path,
            1,
            f"cannot write the drift report: {exc.strerror or exc}",
            "join-report-write",
        )


def _sources(package: ir.Package, naming: Naming, opts: Options) -> dict[str, str]:
    """The input file each model's module and doc are made from (the indexes come from all)."""
    out = {}
    for m in package.models:
        names = naming[m.key]
        if "models" in opts.emit and opts.kind not in DCG_KINDS:
            out[f"{opts.package}/{names.module.replace('.', '/')}.py"] = m.source.file
        if opts.docs:
            out[f"docs/models/{names.doc_path}"] = m.source.file
    return out


def _check_templates(opts: Options, diags: Diagnostics) -> bool:
    """The user's template folder exists; a template in it that replaces none of the package's
    (a misspelt or misplaced file) is a warning, unless its name starts with ``_`` (a partial).
    """
    if opts.templates is None:
        return True
    from .render.environment import check_templates, package_templates

    shown = os.path.abspath(opts.templates)
    if not os.path.isdir(opts.templates):
        message = "templates folder not found (--templates / 'templates')"
        diags.error(shown, 1, message, "template-missing")
        return False
    known = set(package_templates())
    for dirpath, dirnames, filenames in os.walk(opts.templates):
        dirnames.sort()
        for name in sorted(filenames):
            rel = Path(dirpath, name).relative_to(opts.templates).as_posix()
            partial = name.startswith("_")
            if name.endswith(".jinja") and not partial and rel not in known:
                message = (
                    f"{rel!r} replaces no template of gen-models (they are "
                    "python/*.py.jinja and docs/*.md.jinja; see the README); "
                    "start a partial's name with '_'"
                )
                diags.warning(os.path.join(shown, rel), 1, message, "template-unknown")
    for exc in check_templates((opts.templates,)):
        diags.error(exc.file, exc.line, exc.message, exc.code, exc.col)
    return not diags.has_errors
