"""The pipeline, as one library call: read -> front-ends (parse, link) -> IR -> passes -> naming ->
render -> format -> write."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

from . import ir, passes
from .diagnostics import Diagnostic, Diagnostics
from .format import format_files
from .frontends import LoadOptions, load_all
from .read import read
from .render import render
from .render.naming import IMPORTED_MODULES, Naming, is_identifier, name_package
from .render.package import KINDS, RenderOptions
from .render.environment import templates_digest
from .version import VERSION
from .write import Change, Stamp, WriteRefused, overlap, up_to_date
from .write import check as check_out
from .write import write as write_out
from .write.manifest import digest


@dataclass(frozen=True)
class Options:
    package: str = "models"
    kind: str = "pydantic"
    docs: bool = True
    allow_missing: bool = False
    format: bool = True

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            want = bool if f.type in (bool, "bool") else str
            if not isinstance(value, want):
                raise TypeError(f"option {f.name!r} must be a {want.__name__}, not {type(value).__name__} ({value!r})")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if not is_identifier(self.package) or self.package.startswith("_"):
            raise ValueError(f"package must be a public Python identifier, not {self.package!r}")
        if self.package in IMPORTED_MODULES:
            raise ValueError(f"package {self.package!r} would shadow the module of that name the generated code imports")
        if self.package == "docs" and self.docs:
            raise ValueError("package 'docs' would collide with the docs folder; choose another name or --no-docs")


@dataclass
class Result:
    files: list[tuple[str, str]] = field(default_factory=list)  # (path relative to OUT, text)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    package: ir.Package | None = None  # the IR, after the passes
    naming: Naming | None = None  # the Python names of the output kind (None when there were errors)
    timings: dict[str, float] = field(default_factory=dict)
    written: bool = False
    stale: list[str] = field(default_factory=list)  # with check=True: files that differ
    changed: list[str] = field(default_factory=list)  # files the write added, replaced or removed
    changes: list[Change] = field(default_factory=list)  # with check=True: what would change, and why
    unchanged: bool = False  # OUT was known to be up to date without generating (files is empty then)

    @property
    def ok(self) -> bool:
        return not any(d.severity.name == "ERROR" for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        if not self.ok:
            return 2
        return 1 if self.stale else 0


def generate(specs, out=None, *, write: bool = True, check: bool = False, **options) -> Result:
    """Generate models from the docs under ``specs``. With ``out`` and ``write``, write them there
    (only when there are no errors); with ``check``, only compare with what ``out`` holds.

    Bad arguments raise ``TypeError`` or ``ValueError`` naming the argument; bad input never
    raises: it is in ``result.diagnostics``."""
    if not isinstance(specs, (str, os.PathLike)):
        raise TypeError(f"specs must be a path (str or os.PathLike), not {type(specs).__name__}")
    if out is not None and not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"out must be a path (str or os.PathLike) or None, not {type(out).__name__}")
    for name, value in (("write", write), ("check", check)):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
    unknown = sorted(set(options) - {f.name for f in fields(Options)})
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(map(repr, unknown))}; options are {', '.join(f.name for f in fields(Options))}")
    opts = Options(**options)
    diags = Diagnostics()
    result = Result()
    t = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal t
        now = time.perf_counter()
        result.timings[stage] = now - t
        t = now

    if out is not None:
        clash = overlap(specs, out)
        if clash is not None:
            diags.error(str(out), 1, clash, "write-overlap")
            result.diagnostics = diags.sorted()
            return result
    files = read(Path(specs), diags)
    stamp = Stamp(
        VERSION,
        {"kind": opts.kind, "package": opts.package, "docs": opts.docs, "allow_missing": opts.allow_missing},
        templates_digest(),
        {f.path: digest(f.text.encode("utf-8", "surrogatepass")) for f in files},
    )
    lap("read")
    if out is not None and (write or check) and files and not diags.has_errors and up_to_date(out, stamp):
        result.unchanged = True  # same inputs, options, templates and version; OUT untouched since
        result.diagnostics = diags.sorted()
        return result
    package = load_all(files, diags, LoadOptions(allow_missing=opts.allow_missing))
    lap("load")
    if files and not package.models and not diags.has_errors:
        diags.error(str(specs), 1, "no model docs found (nothing with '## Fields', '## Values' or '## Supported Types'); OUT left as it was", "read-no-models")
    elif not files and not diags.has_errors:
        diags.error(str(specs), 1, "no markdown files found; OUT left as it was", "read-no-models")
    package = passes.run(package, diags)
    result.package = package
    lap("passes")
    if not diags.has_errors:
        naming = result.naming = name_package(package, opts.kind)
        lap("naming")
        rendered = render(package, naming, RenderOptions(package=opts.package, kind=opts.kind, docs=opts.docs))
        lap("render")
        result.files = format_files(rendered) if opts.format else rendered
        lap("format")
        sources = _sources(package, naming, opts)
        try:
            if out is not None and check:
                result.changes = check_out(Path(out), result.files, diags, stamp, sources)
                result.stale = [c.path for c in result.changes]
            elif out is not None and write:
                result.changed = list(write_out(Path(out), result.files, diags, stamp, sources).changed)
                result.written = True
        except WriteRefused as exc:  # a path outside OUT, a file gen-models does not own: nothing was written
            diags.error(str(out), 1, str(exc), exc.code)
        except OSError as exc:  # OUT not writable, disk full, ...: OUT as it was, or a journal the next run finishes
            diags.error(str(out), 1, f"cannot write the output: {exc.strerror or exc}", "write-failed")
        lap("write")
    result.diagnostics = diags.sorted()
    return result


def _sources(package: ir.Package, naming: Naming, opts: Options) -> dict[str, str]:
    """The input file each model's module and doc are made from (the indexes come from all)."""
    out = {}
    for m in package.models:
        names = naming[m.key]
        out[f"{opts.package}/{names.module.replace('.', '/')}.py"] = m.source.file
        if opts.docs:
            out[f"docs/models/{names.doc_path}"] = m.source.file
    return out
