"""``gen-models SPECS OUT``: the command line. Exit 0 ok, 1 stale (with --check), 2 errors, 3 internal error."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from dataclasses import replace

from .diagnostics import Severity
from .pipeline import generate
from .render.package import KINDS


class Terminated(BaseException):
    """SIGTERM, raised where the run is, so it unwinds (staging folders removed) like Ctrl-C."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def _on_sigterm(handler):
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        return handler


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="gen-models", description="Generate Python models from Speakeasy markdown model docs.")
    ap.add_argument("specs", help="folder of markdown model docs (or one doc)")
    ap.add_argument("out", help="output folder; gets <package>/ and docs/")
    ap.add_argument("--kind", choices=KINDS, default="pydantic", help="pydantic models (default) or stdlib dataclasses")
    ap.add_argument("--package", default="models", help="name of the generated package (default: models)")
    ap.add_argument("--no-docs", action="store_true", help="do not write markdown docs")
    ap.add_argument("--allow-missing", action="store_true", help="type unresolved references as Any (a warning) instead of failing")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if OUT is not up to date")
    ap.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    ap.add_argument("-v", "--verbose", action="store_true", help="print info diagnostics and stage timings too")
    args = ap.parse_args(argv)
    previous = _on_sigterm(_terminate)
    try:
        result = generate(
            args.specs, args.out, check=args.check, kind=args.kind, package=args.package,
            docs=not args.no_docs, allow_missing=args.allow_missing,
        )
    except KeyboardInterrupt:
        print("gen-models: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("gen-models: terminated", file=sys.stderr)
        return 143
    except ValueError as exc:  # a bad option value
        print(f"gen-models: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug of ours: say so in one line, not a traceback
        if os.environ.get("GEN_MODELS_DEBUG"):
            raise
        print(f"gen-models: internal error: {type(exc).__name__}: {exc} (GEN_MODELS_DEBUG=1 shows the traceback; "
              f"please report it); {args.out} left untouched", file=sys.stderr)
        return 3
    finally:
        _on_sigterm(previous)
    # paths as the user can open them: below SPECS as they typed it
    base = args.specs if os.path.isdir(args.specs) else os.path.dirname(args.specs)
    least = Severity.ERROR if args.quiet else (Severity.INFO if args.verbose else Severity.WARNING)
    for d in result.diagnostics:
        if d.severity >= least:
            print(replace(d, file=os.path.normpath(os.path.join(base, d.file))) if base else d, file=sys.stderr)
    counts = {s: sum(1 for d in result.diagnostics if d.severity is s) for s in Severity}
    if args.verbose:
        for stage, secs in result.timings.items():
            print(f"{stage:>8}: {secs:7.3f} s", file=sys.stderr)
    if not result.ok:
        print(f"gen-models: {counts[Severity.ERROR]} error(s); {args.out} left untouched", file=sys.stderr)
    elif args.check:
        for path in result.stale:
            print(f"{args.out}/{path}: out of date", file=sys.stderr)
        if not args.quiet:
            print(f"gen-models: {len(result.stale)} file(s) out of date" if result.stale else "gen-models: up to date", file=sys.stderr)
    elif not args.quiet:
        n = sum(1 for p, _ in result.files if p.endswith(".py"))
        print(f"gen-models: wrote {n} modules to {args.out} ({counts[Severity.WARNING]} warning(s))", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
