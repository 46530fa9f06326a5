"""Check the format stage's fast path on a corpus: ``python benchmarks/format_check.py SPECS [--kind K]``.

Render writes black's layout itself and the format stage runs black only on files with lines it
could not lay out (``format.needs_black``). This runs black on every other file too and prints how
many it would change (must be 0), with the first differences. Exits 1 on any.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import generate  # noqa: E402
from generator.format import format_python, needs_black  # noqa: E402


def _changed(item: tuple[str, str]) -> tuple[str, str, str] | None:
    path, text = item
    formatted = format_python(text)
    return (path, text, formatted) if formatted != text else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("specs")
    ap.add_argument("--kind", default="pydantic")
    ap.add_argument("--show", type=int, default=3)
    args = ap.parse_args()
    result = generate(args.specs, write=False, format=False, kind=args.kind)
    files = [(p, t) for p, t in result.files if p.endswith(".py")]
    fast = [f for f in files if not needs_black(f[1])]
    with Pool() as pool:
        bad = [x for x in pool.map(_changed, fast, chunksize=200) if x]
    print(
        f"{len(files)} modules; {len(files) - len(fast)} go through black; {len(bad)} of the rest black would change"
    )
    for path, text, formatted in bad[: args.show]:
        sys.stdout.writelines(
            difflib.unified_diff(
                text.splitlines(True), formatted.splitlines(True), path, path, n=1
            )
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
