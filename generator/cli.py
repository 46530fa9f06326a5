"""``gen-models SPECS OUT``: the command line. Exit 0 ok, 1 stale (with --check), 2 errors, 3 internal error."""

from __future__ import annotations

import argparse
import gc
import json
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path

from . import config
from .config import (
    DIAGNOSTICS_FORMATS,
    DIALECTS,
    KEYS,
    KINDS,
    NAMES,
    TARGET_ONLY,
    Target,
    find_pyproject,
    override,
)
from .diagnostics import Diagnostic, Diagnostics, Severity
from .options import OptionError
from .pipeline import generate
from .progress import TerminalProgress
from .unsafe import printable
from .version import VERSION

DIFF_FILES = 5  # with --check, files whose diff is shown (all with --diff)
DIFF_LINES = 20  # lines of each shown diff


class Terminated(BaseException):
    """SIGTERM, raised where the run is, so it unwinds (staging folders removed) like Ctrl-C."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def _on_sigterm(handler):
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        return handler


def _parser() -> argparse.ArgumentParser:
    keys = "\n".join(
        f"  {key:<14} {help_}"
        for key, (_, _, _, help_) in {**KEYS, **TARGET_ONLY}.items()
    )
    ap = argparse.ArgumentParser(
        prog="gen-models",
        description="Generate Python models (pydantic v2 or dataclasses) and docs from Speakeasy markdown model docs.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "Without SPECS and OUT, the targets of [tool.gen-models] in the nearest pyproject.toml run\n"
            "(found upward from the working directory); flags override its keys. Keys:\n"
            f"{keys}\n"
            "  targets        array of tables, each with a name and any of the keys above\n\n"
            "Exit status: 0 done, 1 with --check when OUT is out of date, 2 errors (nothing written),\n"
            "3 internal error, 130/143 interrupted by Ctrl-C/SIGTERM."
        ),
    )
    ap.add_argument(
        "specs", nargs="?", help="folder of markdown model docs (or one doc)"
    )
    ap.add_argument(
        "out", nargs="?", help="output folder; gets <package>/, docs/ and .gen-models/"
    )
    ap.add_argument("--target", help="run only this target of [tool.gen-models]")
    ap.add_argument(
        "--config",
        type=Path,
        help="the pyproject.toml to read (default: the nearest one)",
    )
    ap.add_argument(
        "--kind",
        choices=KINDS,
        help="pydantic models (default), stdlib dataclasses, msgspec Structs or TypedDicts "
        "(the last two through datamodel-code-generator: pip install 'gen-models[msgspec]')",
    )
    ap.add_argument(
        "--emit",
        metavar="LIST",
        action="append",
        help="what to write, comma-separated: models, docs, jsonschema (OUT/<package>.schema.json); "
        "default: models,docs",
    )
    ap.add_argument("--package", help="name of the generated package (default: models)")
    ap.add_argument(
        "--no-docs",
        dest="docs",
        action="store_const",
        const=False,
        help="do not write markdown docs",
    )
    ap.add_argument(
        "--templates",
        metavar="DIR",
        help="folder of templates replacing the package's by name (see the README)",
    )
    ap.add_argument(
        "--names",
        choices=NAMES,
        help="OpenAPI model names: stable (default: a schema's name depends only on its own "
        "component or operation) or speakeasy (Speakeasy's shortest free names, as in its docs)",
    )
    ap.add_argument(
        "--spec",
        metavar="FILE",
        help="the OpenAPI spec the docs were made from: join it with them (see the README)",
    )
    ap.add_argument(
        "--drift-report",
        metavar="FILE",
        help="write the docs+spec join's drift report to FILE as JSON",
    )
    ap.add_argument(
        "--allow-missing",
        action="store_const",
        const=True,
        help="type unresolved references as Any (a warning) instead of failing",
    )
    ap.add_argument(
        "--dialect",
        choices=DIALECTS,
        help="read every doc in this SDK language (default: each doc's own, detected)",
    )
    ap.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes for parse, render and format (default 0: one per core)",
    )
    ap.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if OUT is not up to date",
    )
    ap.add_argument(
        "--diff",
        action="store_true",
        help="with --check: show the whole diff of every file (default: the first lines of a few)",
    )
    ap.add_argument(
        "--fail-on-change",
        action="store_true",
        help="exit 1 when the run changed files in OUT (the pre-commit hook)",
    )
    ap.add_argument(
        "--diagnostics-format",
        choices=DIAGNOSTICS_FORMATS,
        default="text",
        help="text: file:line:col: severity: message [code] (default); github: Actions annotations; json: one object a line",
    )
    ap.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print errors only (and no progress line on a terminal)",
    )
    ap.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print info diagnostics and stage timings too",
    )
    ap.add_argument("--version", action="version", version=f"gen-models {VERSION}")
    return ap


def _jobs(text: str) -> int:
    """``--jobs``: a count of processes, 0 for one per core."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            f"a number of processes (0 or more), not {text!r}"
        )
    return int(text)


def targets(
    args: argparse.Namespace, cwd: Path
) -> tuple[list[Target], list[Diagnostic]]:
    """What to run: SPECS and OUT from the command line, else the configured targets; flags over both."""
    diags = Diagnostics()
    flags = dict(
        kind=args.kind,
        package=args.package,
        docs=args.docs,
        allow_missing=args.allow_missing,
        templates=args.templates,
        names=args.names,
        spec=args.spec,
        drift_report=args.drift_report,
        emit=(
            None
            if args.emit is None
            else tuple(x.strip() for a in args.emit for x in a.split(",") if x.strip())
        ),
        dialect=args.dialect,
        jobs=args.jobs,
    )
    path = args.config if args.config is not None else find_pyproject(cwd)
    if args.config is not None and not args.config.is_file():
        diags.error(os.fspath(args.config), 1, "no such file", "config-read")
        return [], diags.items
    configured = config.load(path, diags) if path is not None else []
    if diags.has_errors:
        return [], diags.items
    if args.specs is not None:
        if args.out is None:
            diags.error(
                args.specs, 1, "give OUT too: gen-models SPECS OUT", "config-missing"
            )
            return [], diags.items
        base = (
            configured[0]
            if len(configured) == 1 and not configured[0].name
            else Target()
        )
        return [override(base, specs=args.specs, out=args.out, **flags)], diags.items
    if not configured:
        diags.error(
            "gen-models",
            1,
            "no SPECS and OUT given, and no [tool.gen-models] in a pyproject.toml here or above",
            "config-missing",
        )
        return [], diags.items
    assert path is not None  # the targets were read from it
    if args.target is not None:
        chosen = [t for t in configured if t.name == args.target]
        if not chosen:
            names = ", ".join(repr(t.name) for t in configured if t.name) or "none"
            diags.error(
                os.fspath(path),
                1,
                f"no target named {args.target!r} (targets: {names})",
                "config-target",
            )
            return [], diags.items
        configured = chosen
    out = []
    for t in configured:
        for key in ("specs", "out"):
            if getattr(t, key) is None:
                diags.error(
                    os.fspath(path),
                    1,
                    f"target {t.name or '[tool.gen-models]'!r} has no {key!r}",
                    "config-missing",
                )
        shown = {
            k: os.path.relpath(v, cwd)
            for k in ("specs", "out")
            if (v := getattr(t, k)) is not None
        }
        out.append(override(t, **flags, **shown))
    return ([] if diags.has_errors else out), diags.items


def entry() -> None:
    """The ``gen-models`` command: ``main``, then exit without tearing down the run's objects
    one by one (millions of them after a big corpus: a tenth of a second; as mypy does).
    The cyclic garbage collector stays off for the whole process, not only while ``generate``
    runs (it pauses it): once it was back on, the first collection walked every object the run
    had made, half a second of an edit run's five on orq-node. A run's objects go with the
    process; what reference counting does not free is a few cycles per run."""
    gc.disable()
    keep: list[object] = []
    code = main(keep=keep)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None, keep: list[object] | None = None) -> int:
    """Run the command line; ``keep`` gets each run's result (so the caller decides when it goes)."""
    args = _parser().parse_args(argv)
    try:
        todo, problems = targets(args, Path.cwd())
    except Exception as exc:  # a bug of ours
        if os.environ.get("GEN_MODELS_DEBUG"):
            raise
        print(
            f"gen-models: internal error: {type(exc).__name__}: {exc} (GEN_MODELS_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 3
    printer = Printer(args.diagnostics_format, quiet=args.quiet, verbose=args.verbose)
    if not todo:
        printer.diagnostics(problems, None, None)
        return 2
    printer.diagnostics(problems, None, None)
    code = 0
    for t in todo:
        code = max(code, run(t, args, printer, keep))
        if code >= 3:
            break
    return code


def run(
    t: Target,
    args: argparse.Namespace,
    printer: Printer,
    keep: list[object] | None = None,
) -> int:
    assert t.specs is not None  # targets() gives only targets with specs and out
    previous = _on_sigterm(_terminate)
    # one updating line per stage, on a terminal only (and only once a run takes a second)
    progress = (
        TerminalProgress(sys.stderr) if not args.quiet and sys.stderr.isatty() else None
    )
    try:
        try:
            result = generate(
                t.specs,
                t.out,
                check=args.check,
                progress=progress,
                **t.options(),
            )
        finally:
            if progress is not None:
                progress.close()  # before anything else is printed
    except KeyboardInterrupt:
        print("gen-models: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("gen-models: terminated", file=sys.stderr)
        return 143
    except OptionError as exc:  # a bad option value
        print(f"gen-models: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug of ours: say so in one line, not a traceback
        if os.environ.get("GEN_MODELS_DEBUG"):
            raise
        print(
            f"gen-models: internal error: {type(exc).__name__}: {exc} (GEN_MODELS_DEBUG=1 shows the traceback; "
            f"please report it); {t.out} left untouched",
            file=sys.stderr,
        )
        return 3
    finally:
        _on_sigterm(previous)
    if keep is not None:
        keep.append(result)
    printer.diagnostics(result.diagnostics, t.specs, t.out)
    counts = {
        s: sum(1 for d in result.diagnostics if d.severity is s) for s in Severity
    }
    if args.verbose:
        for stage, secs in result.timings.items():
            print(f"{stage:>8}: {secs:7.3f} s", file=sys.stderr)
    if not result.ok:
        print(
            f"gen-models: {counts[Severity.ERROR]} error(s); {t.out} left untouched",
            file=sys.stderr,
        )
    elif args.check:
        shown = 0
        for change in result.changes:
            print(f"{t.out}/{change}", file=sys.stderr)
            if change.diff and (args.diff or shown < DIFF_FILES):
                lines = change.diff if args.diff else change.diff[:DIFF_LINES]
                print("\n".join(printable(line) for line in lines), file=sys.stderr)
                if len(lines) < len(change.diff):
                    print(
                        f"... {len(change.diff) - len(lines)} more diff line(s); --diff shows all",
                        file=sys.stderr,
                    )
                shown += 1
        if not args.quiet:
            if result.stale:
                more = len([c for c in result.changes if c.diff]) - shown
                tail = (
                    f"; {more} more diff(s) not shown (--diff)"
                    if more > 0 and not args.diff
                    else ""
                )
                print(
                    f"gen-models: {len(result.stale)} file(s) out of date{tail}",
                    file=sys.stderr,
                )
            else:
                print("gen-models: up to date", file=sys.stderr)
    else:
        if not args.quiet and result.unchanged:
            # nothing generated: the file count of the run would be 0, not OUT's
            print(
                f"gen-models: {t.out} up to date, nothing changed "
                f"({counts[Severity.WARNING]} warning(s))",
                file=sys.stderr,
            )
        elif not args.quiet:
            n = sum(1 for p in _paths(result.files) if p.endswith(".py"))
            print(
                f"gen-models: {n} modules in {t.out}, {len(result.changed)} file(s) changed "
                f"({counts[Severity.WARNING]} warning(s))",
                file=sys.stderr,
            )
        if args.fail_on_change and result.changed:
            for path in result.changed:
                print(f"{t.out}/{path}: regenerated", file=sys.stderr)
            return 1
    return result.exit_code


class Printer:
    """Diagnostics as the user asked: text on stderr, GitHub annotations or JSON lines on stdout."""

    def __init__(self, fmt: str, quiet: bool, verbose: bool):
        self.fmt = fmt
        self.least = (
            Severity.ERROR
            if quiet
            else (Severity.INFO if verbose else Severity.WARNING)
        )

    def diagnostics(
        self, items: list[Diagnostic], specs: str | None, out: str | None
    ) -> None:
        for d in items:
            if d.severity < self.least:
                continue
            d = replace(d, file=shown_path(d.file, specs, out))
            if self.fmt == "json":
                print(
                    json.dumps(
                        {
                            "file": d.file,
                            "line": d.line,
                            "col": d.col,
                            "severity": str(d.severity),
                            "message": d.message,
                            "code": d.code,
                        },
                        ensure_ascii=True,
                    )
                )
            elif self.fmt == "github":
                level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(
                    d.severity, "notice"
                )
                print(
                    f"::{level} file={_gh(d.file, True)},line={d.line},col={d.col},title={_gh(d.code, True)}::{_gh(d.message, False)}"
                )
            else:
                print(d, file=sys.stderr)


def shown_path(file: str, specs: str | None, out: str | None) -> str:
    """A diagnostic's file as the user can open it: input files below SPECS as typed; paths the
    pipeline already gave as typed (SPECS, OUT, below OUT, absolute) as they are."""
    if (
        specs is None
        or os.path.isabs(file)
        or file in (specs, out)
        or (out and file.startswith(out.rstrip("/") + "/"))
    ):
        return file
    base = specs if os.path.isdir(specs) else os.path.dirname(specs)
    return os.path.normpath(os.path.join(base, file)) if base else file


def _gh(text: str, prop: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def _paths(files) -> list[str]:
    """The paths of a run's files, without reading the ones it left as they were."""
    paths = getattr(files, "paths", None)
    return list(paths) if paths is not None else [p for p, _ in files]
