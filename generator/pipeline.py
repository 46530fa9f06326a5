"""The pipeline: read -> parse -> link -> IR -> render -> format -> write, as one library call."""

from __future__ import annotations

import keyword
import time
from functools import partial
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import ir
from .diagnostics import Diagnostic, Diagnostics
from .format import format_files
from .link import link
from .parallel import map_chunks
from .parse import RawDoc, parse_document
from .parse.dialects import detect
from .read import read
from .render import render
from .render.package import KINDS, RenderOptions
from .write import WriteRefused, overlap
from .write import check as check_out
from .write import write as write_out


@dataclass(frozen=True)
class Options:
    package: str = "models"
    kind: str = "pydantic"
    docs: bool = True
    allow_missing: bool = False
    format: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if not self.package.isidentifier() or keyword.iskeyword(self.package):
            raise ValueError(f"package must be a Python identifier, not {self.package!r}")
        if self.package == "docs" and self.docs:
            raise ValueError("package 'docs' would collide with the docs folder; choose another name or --no-docs")


@dataclass
class Result:
    files: list[tuple[str, str]] = field(default_factory=list)  # (path relative to OUT, text)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    package: ir.Package | None = None
    timings: dict[str, float] = field(default_factory=dict)
    written: bool = False
    stale: list[str] = field(default_factory=list)  # with check=True: files that differ
    changed: list[str] = field(default_factory=list)  # files the write added, replaced or removed

    @property
    def ok(self) -> bool:
        return not any(d.severity.name == "ERROR" for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        if not self.ok:
            return 2
        return 1 if self.stale else 0


def parse_all(files, diags: Diagnostics) -> list[RawDoc]:
    """Parse every file; docs whose dialect has no evidence of its own take the corpus majority."""
    votes = Counter(detect(f.text, []) for f in files[:2000])
    votes.pop("", None)
    default = votes.most_common(1)[0][0] if votes else "typescript"
    results = map_chunks(partial(_parse_chunk, default=default), files)
    docs = []
    for doc, found in results:
        diags.extend(found)
        if doc is not None:
            docs.append(doc)
    return docs


def _parse_chunk(files, default: str) -> list[tuple[RawDoc | None, list[Diagnostic]]]:
    out = []
    for f in files:
        d = Diagnostics()
        out.append((parse_document(f, d, default), d.items))
    return out


def generate(specs, out=None, *, write: bool = True, check: bool = False, **options) -> Result:
    """Generate models from the docs under ``specs``. With ``out`` and ``write``, write them there
    (only when there are no errors); with ``check``, only compare with what ``out`` holds."""
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
    lap("read")
    docs = parse_all(files, diags)
    lap("parse")
    if files and not docs and not diags.has_errors:
        diags.error(str(specs), 1, "no model docs found (nothing with '## Fields', '## Values' or '## Supported Types'); OUT left as it was", "read-no-models")
    elif not files and not diags.has_errors:
        diags.error(str(specs), 1, "no markdown files found; OUT left as it was", "read-no-models")
    package = link(docs, diags, allow_missing=opts.allow_missing)
    result.package = package
    lap("link")
    if not diags.has_errors:
        rendered = render(package, RenderOptions(package=opts.package, kind=opts.kind, docs=opts.docs))
        lap("render")
        result.files = format_files(rendered) if opts.format else rendered
        lap("format")
        try:
            if out is not None and check:
                result.stale = check_out(Path(out), result.files, diags)
            elif out is not None and write:
                result.changed = list(write_out(Path(out), result.files, diags).changed)
                result.written = True
        except WriteRefused as exc:  # a path outside OUT, a file gen-models does not own: nothing was written
            diags.error(str(out), 1, str(exc), exc.code)
        except OSError as exc:  # OUT not writable, disk full, ...: OUT as it was, or a journal the next run finishes
            diags.error(str(out), 1, f"cannot write the output: {exc.strerror or exc}", "write-failed")
        lap("write")
    result.diagnostics = diags.sorted()
    return result
