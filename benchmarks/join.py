"""The docs+spec join on a corpus: what it matched and took from the spec, the drift it found
(counts by kind, a few examples of each), and the time it adds.

    python benchmarks/join.py .cache/corpora/seed-ts/docs .cache/corpora/seed-ts/openapi.json [--examples 3]

Generates twice without writing (the docs alone, then joined with the spec) and prints the
seconds of each stage; "added" is the joined run's total minus the docs-only run's (the spec's
loading plus the join stage, and whatever the joined package costs later). Timings on a shared
machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator import generate  # noqa: E402
from generator.join import KINDS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", type=Path)
    ap.add_argument("spec", type=Path)
    ap.add_argument(
        "--examples", type=int, default=3, help="drift items shown per kind"
    )
    ap.add_argument("--json", type=Path, help="also write the drift report here")
    args = ap.parse_args(argv)
    runs = {}
    for label, kw in (("docs", {}), ("docs+spec", {"spec": str(args.spec)})):
        t = time.perf_counter()
        result = generate(args.docs, write=False, **kw)
        runs[label] = (time.perf_counter() - t, result)
        errors = sum(1 for d in result.diagnostics if d.severity.name == "ERROR")
        stages = ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items())
        print(f"{label:>10}: {runs[label][0]:6.2f} s ({stages}); {errors} error(s)")
    added = runs["docs+spec"][0] - runs["docs"][0]
    print(f"{'added':>10}: {added:6.2f} s")
    report = runs["docs+spec"][1].drift
    if report is None:
        print("nothing was joined")
        return 1
    print(json.dumps(report.summary(), indent=1))
    for kind in KINDS:
        items = [d for d in report.drift if d.kind == kind]
        if not items:
            continue
        print(f"== {kind}: {len(items)}")
        step = max(1, len(items) // max(args.examples, 1))
        for d in items[::step][: args.examples]:
            print(f"   {d.message}")
    if args.json:
        args.json.write_text(report.to_json(), encoding="utf-8")
    return 0 if runs["docs+spec"][1].ok else 2


if __name__ == "__main__":
    sys.exit(main())
