"""Round-trip rate: ``python benchmarks/roundtrip.py SPECS [--kind dataclasses]``.

Generates from SPECS, then generates again from the docs that run wrote (``OUT/docs``), and
compares the two packages file by file. Prints the rate of identical modules and the first few
differences; exits 1 if any module differs.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import generate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("specs")
    ap.add_argument("--kind", default="pydantic")
    ap.add_argument("--show", type=int, default=3, help="differences to print")
    args = ap.parse_args()
    first = generate(args.specs, write=False, kind=args.kind)
    if not first.ok:
        print(
            "first run failed:",
            *[str(d) for d in first.diagnostics if d.severity.name == "ERROR"][:10],
            sep="\n",
        )
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        generate(args.specs, tmp, kind=args.kind)
        second = generate(Path(tmp) / "docs", write=False, kind=args.kind)
    if not second.ok:
        print(
            "second run failed:",
            *[str(d) for d in second.diagnostics if d.severity.name == "ERROR"][:10],
            sep="\n",
        )
        return 2
    a = {p: t for p, t in first.files if not p.startswith("docs/")}
    b = {p: t for p, t in second.files if not p.startswith("docs/")}
    modules = sorted(p for p in a if p.endswith(".py"))
    same = [p for p in modules if b.get(p) == a[p]]
    differ = [p for p in sorted(set(a) | set(b)) if a.get(p) != b.get(p)]
    docs_a = {p: t for p, t in first.files if p.startswith("docs/")}
    docs_b = {p: t for p, t in second.files if p.startswith("docs/")}
    docs_same = sum(1 for p in docs_a if docs_b.get(p) == docs_a[p])
    print(
        f"modules identical: {len(same)}/{len(modules)} ({100 * len(same) / max(len(modules), 1):.2f}%)"
    )
    print(f"docs identical:    {docs_same}/{len(docs_a)}")
    print(f"files differing:   {len(differ)}")
    for p in differ[: args.show]:
        diff = difflib.unified_diff(
            a.get(p, "").splitlines(True), b.get(p, "").splitlines(True), p, p, n=1
        )
        sys.stdout.writelines(list(diff)[:30])
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
