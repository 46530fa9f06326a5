"""The pipeline, as one library call: read -> front-ends (parse, link) -> join -> IR -> passes ->
naming -> render -> format -> write."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostics
from .gcpause import paused as gc_paused
from .incremental import (
    LastRun,
    OutputFiles,
    diagnostics_key,
    recall_diagnostics,
    remember_diagnostics,
    salt,
    save_cache,
    stamp,
)
from .options import Options
from .read import MEMORY, SourceFile, read, read_mapping, with_spec
from .render.dcg import DCG_KINDS, DcgFailure
from .result import Result
from .write import Previous, Stale, Stamp, WriteRefused, overlap
from .write import check as check_out
from .write import write as write_out
from .write.cache import Cache
from .write.manifest import digest

if TYPE_CHECKING:
    from . import ir
    from .progress import Progress
    from .render.naming import Naming

# The stages after read are imported when a run needs them: a run that finds OUT up to date
# imports neither the parsers nor black.


@gc_paused()
def generate(
    specs: str | os.PathLike[str] | Mapping[str, str],
    out: str | os.PathLike[str] | None = None,
    *,
    write: bool = True,
    check: bool = False,
    options: Options | None = None,
    progress: Progress | None = None,
    **keywords: Any,
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
    if isinstance(specs, Mapping):  # in_memory
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
    run = _Run(specs, out, write, check, opts, in_memory, progress)
    try:
        run.stages()
    finally:
        run.result.diagnostics = run.diags.sorted()
    return run.result


class _Run:
    """One run, stage by stage: ``read`` (and the up-to-date check), ``models`` (load, join,
    passes, naming), ``output`` (render, format, then write or check). Each stage adds its
    diagnostics to ``diags`` and its time to ``result.timings``; a stage after errors does not
    start."""

    def __init__(
        self,
        specs,
        out,
        write: bool,
        check: bool,
        opts: Options,
        in_memory: bool,
        progress: Progress | None,
    ):
        self.specs, self.out, self.opts = specs, out, opts
        self.write, self.check, self.in_memory = write, check, in_memory
        self.progress = progress
        self.diags = Diagnostics()
        self.result = Result()
        self.shown_specs = MEMORY if in_memory else str(specs)
        # set by read: what the last run into OUT left, and what this run is made from
        self.previous: Previous | None = None
        self.cache: Cache | None = None
        self.made_from = Stamp()
        self.code = ""  # set by read: the digest of this generator's code
        # set by make: the SHA-256 of each file it made (with a cache), for write
        self.digests: dict[str, str] | None = None
        self._t = time.perf_counter()

    def _diagnostics_key(self) -> str:
        return diagnostics_key(self.made_from, self.shown_specs, os.fspath(self.out))

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.result.timings[stage] = now - self._t
        self._t = now

    def stage(self, name: str) -> None:
        if self.progress is not None:
            self.progress.stage(name)

    def stages(self) -> None:
        if self.out is not None and not self.in_memory:
            clash = overlap(self.specs, self.out)
            if clash is not None:
                self.diags.error(str(self.out), 1, clash, "write-overlap")
                return
        if not _user_templates_ok(self.opts.templates, self.diags):
            return
        files = self.read()
        if files is None or self.patch(files):
            return
        made = self.models(files)
        if made is not None:
            self.output(*made)

    # ------------------------------------------------------------ read

    def read(self) -> list[SourceFile] | None:
        """The inputs; None when OUT is known to be up to date without generating."""
        opts, specs, result = self.opts, self.specs, self.result
        self.stage("read")
        # what the last run into OUT left: its manifest, and gen-models' cache (only where OUT
        # is written or checked: a run that only returns files neither reads nor writes OUT)
        last = LastRun(
            self.out if self.write or self.check else None, specs, self.in_memory
        )
        self.previous, self.cache, self.code = last.previous, last.cache, last.code
        if self.in_memory:
            files = read_mapping(specs, self.diags)
        else:
            files = read(Path(specs), self.diags, last.stats)
        last.read(files)
        if opts.spec is not None:
            shown = None if self.in_memory else specs
            files = with_spec(files, opts.spec, shown, self.diags)
        self.made_from = stamp(opts, files)
        self.lap("read")
        if (
            self.previous is not None
            and files
            and not self.diags.has_errors
            and opts.drift_report is None  # the report needs the join to run
            and self.previous.up_to_date(self.made_from, last.code)
        ):
            # same inputs, options, templates and version; OUT untouched since: what the
            # run that wrote OUT said of these inputs still holds (this run's read stage has
            # said its part again)
            result.unchanged = True
            if self.cache is not None:
                said = set(self.diags.items)
                self.diags.extend(
                    [
                        d
                        for d in recall_diagnostics(self.cache, self._diagnostics_key())
                        if d not in said
                    ]
                )
            if self.write and self.cache is not None and self.cache.dirty:
                save_cache(
                    Path(self.out), self.cache
                )  # the inputs' stats, for next time
            return None
        return files

    def patch(self, files: list[SourceFile]) -> bool:
        """Whether OUT was patched from the last run's snapshot (``generator.patch``: only
        descriptions changed, in a few docs); if not, the full run follows."""
        if (
            not self.write
            or self.check
            or self.in_memory
            or self.cache is None
            or self.previous is None
            or self.diags.has_errors
        ):
            return False
        from .patch import patch

        shown = (self.shown_specs, os.fspath(self.out))
        got = patch(
            files,
            self.opts,
            self.previous,
            self.cache,
            self.made_from,
            shown,
            self.code,
        )
        if got is None:
            return False
        self.lap("patch")
        before = list(self.diags.items)
        said = set(before)
        self.diags.extend([d for d in got.diagnostics if d not in said])
        result = self.result
        self.stage("write")
        if not self.written(got.files, got.reused, got.sources):
            self.diags.items[:] = (
                before  # another run changed OUT meanwhile: the full run
            )
            return False
        result.files = OutputFiles(got.files, got.reused, self.out)
        result.reused = sorted(got.reused)
        result.patched = True
        self.lap("write")
        return True

    # ------------------------------------------------------------ load, join, passes, naming

    def models(self, files: list[SourceFile]) -> tuple[ir.Package, Naming] | None:
        """The IR after the passes, and its names for the output kind; None after errors."""
        from . import passes
        from .frontends import LoadOptions, load_each
        from .join import join_loaded
        from .render.naming import name_package

        opts, diags, result = self.opts, self.diags, self.result
        # the folder a spec's $ref may name sibling files below; input from memory has none
        specs = Path(self.specs) if not self.in_memory else None
        root = None if specs is None else str(specs if specs.is_dir() else specs.parent)
        load_options = LoadOptions(
            allow_missing=opts.allow_missing,
            root=root,
            names=opts.names,
            dialect=opts.dialect,
            jobs=opts.jobs,
            cache=self.cache,
            inputs=self.made_from.inputs_digest,
            progress=self.progress,
        )
        loaded = load_each(files, diags, load_options)
        self.lap("load")
        self.stage("join")
        package, result.drift = join_loaded(loaded, diags)
        self.lap("join")
        if opts.drift_report is not None and self.write:
            from .join.report import write_report

            write_report(opts.drift_report, result.drift, diags)
        if not diags.has_errors and not package.models:
            found = (
                "no model docs found (nothing with '## Fields', '## Values' or "
                "'## Supported Types')"
                if files
                else "no markdown or OpenAPI files found (*.md, *.yaml, *.yml, *.json)"
            )
            diags.error(
                self.shown_specs, 1, f"{found}; OUT left as it was", "read-no-models"
            )
        self.stage("passes")
        package = result.package = passes.run(package, diags)
        self.lap("passes")
        if diags.has_errors:
            return None
        self.stage("naming")
        naming = result.naming = name_package(package, opts.kind)
        self.lap("naming")
        return package, naming

    # ------------------------------------------------------------ render, format, write

    def output(self, package: ir.Package, naming: Naming) -> None:
        """Render and format what changed, then write it (or check OUT against it). Should
        another run change OUT meanwhile, everything is rendered again and written."""
        result, out = self.result, self.out
        for attempt in ("reuse", "all"):
            made = self.make(package, naming, reusing=attempt == "reuse")
            self.lap("render")  # render and format
            if made is None:
                return
            files, reused = made
            # a list, unless some files were left as they were: then read from OUT when asked
            result.files = OutputFiles(files, reused, out) if reused else files
            result.reused = sorted(reused)
            self.stage("write")
            if self.written(files, reused, _sources(package, naming, self.opts)):
                break
            # another run changed OUT meanwhile: render what was to be reused
        self.lap("write")

    def written(
        self,
        files: list[tuple[str, str]],
        reused: dict[str, str],
        sources: dict[str, str],
    ) -> bool:
        """``write_or_check``, its failures as diagnostics; False when another run changed OUT
        meanwhile (``Stale``: nothing written, ``previous`` read again)."""
        out = self.out
        try:
            self.write_or_check(files, reused, sources)
        except Stale:
            self.previous = Previous(out)
            return False
        except WriteRefused as exc:
            # a path outside OUT, a file gen-models does not own: nothing was written
            self.diags.error(str(out), 1, str(exc), exc.code)
        except OSError as exc:
            # OUT not writable, disk full, ...: OUT as it was, or a journal the next run
            # finishes
            message = f"cannot write the output: {exc.strerror or exc}"
            self.diags.error(str(out), 1, message, "write-failed")
        return True

    def write_or_check(
        self,
        files: list[tuple[str, str]],
        reused: dict[str, str],
        sources: dict[str, str],
    ) -> None:
        if self.out is None:
            return
        out, result = Path(self.out), self.result
        if self.check:
            result.changes = check_out(
                out, files, self.diags, self.made_from, sources, reused, self.previous
            )
            result.stale = [c.path for c in result.changes]
        elif self.write:
            if (
                self.cache is not None
            ):  # saved with the write, for runs that find OUT up to date
                remember_diagnostics(
                    self.cache, self._diagnostics_key(), self.diags.items
                )
            written = write_out(
                out,
                files,
                self.diags,
                self.made_from,
                sources,
                reused,
                self.previous,
                self.cache,
                self.digests,
            )
            result.changed = list(written.changed)
            result.written = True

    def make(
        self, package: ir.Package, naming: Naming, reusing: bool
    ) -> tuple[list[tuple[str, str]], dict[str, str]] | None:
        """Render and format: the files made, and those OUT holds already as they would be
        made (by digest; with ``reusing``). None after an error (diagnostics say which).
        """
        from .format import format_files
        from .render import render
        from .render.environment import TemplateFailure
        from .render.memo import RenderMemo
        from .render.package import RenderOptions

        opts, diags, cache, previous = self.opts, self.diags, self.cache, self.previous
        memo = (
            RenderMemo(
                cache,
                salt(self.made_from, opts),
                previous.all_reusable,
                packed=opts.docs and "docs" in opts.emitted,
            )
            if reusing and cache is not None and previous is not None
            else None
        )
        render_options = RenderOptions(
            package=opts.package,
            kind=opts.kind,
            docs=opts.docs,
            templates=opts.templates,
            emit=opts.emitted,
            jobs=opts.jobs,
        )
        try:
            files = render(package, naming, render_options, memo, self.progress)
        except TemplateFailure as exc:  # a user's template: where and what went wrong
            diags.error(exc.file, exc.line, exc.message, exc.code, exc.col)
            return None
        except DcgFailure as exc:  # --kind msgspec / typeddict
            diags.error(self.shown_specs, 1, str(exc), "render-dcg")
            return None
        if opts.format:
            files = format_files(
                files,
                # black on every Python file when a user's template may have laid any out
                everything=opts.templates is not None,
                by_blocks=opts.kind in DCG_KINDS,
                diags=diags,
                root="" if self.out is None else os.fspath(self.out),
                cache=cache,
                progress=self.progress,
                jobs=opts.jobs,
            )
        if diags.has_errors:
            return None
        reused = dict(memo.reused) if memo is not None else {}
        if cache is not None:
            made = {p: digest(t.encode("utf-8", "surrogatepass")) for p, t in files}
            self.digests = made  # write takes them as they are: each file hashed once
            if memo is not None:
                from .render import snapshot

                memo.save(made, memo.names)
                inputs = self.made_from.inputs_digest
                snapshot.save(cache, memo.salt, memo.worlds, inputs)
            cache.prune("format", set(made) | set(reused))
        return files, reused


def _sources(package: ir.Package, naming: Naming, opts: Options) -> dict[str, str]:
    """The input file each model's module and doc are made from (the indexes come from all)."""
    out = {}
    for m in package.models:
        names = naming[m.key]
        if "models" in opts.emitted and opts.kind not in DCG_KINDS:
            out[f"{opts.package}/{names.module.replace('.', '/')}.py"] = m.source.file
        if opts.docs:
            out[f"docs/models/{names.doc_path}"] = m.source.file
    return out


def _user_templates_ok(folder: str | None, diags: Diagnostics) -> bool:
    """``render.environment.check_user_templates`` (jinja is imported only when there is one)."""
    if folder is None:
        return True
    from .render.environment import check_user_templates

    return check_user_templates(folder, diags)
