"""Time a cold run per stage: ``python benchmarks/bench.py SPECS [--repeat N]``.

Prints the wall time of each pipeline stage, the total, and the cost of ``import <package>`` in a
fresh interpreter. Timing goals live here, not in tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("specs")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--kind", default="pydantic")
    args = ap.parse_args()
    for run in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            result = generate(args.specs, tmp, kind=args.kind)
            total = time.perf_counter() - t0
            errors = sum(1 for d in result.diagnostics if d.severity.name == "ERROR")
            modules = sum(1 for p, _ in result.files if p.endswith(".py"))
            print(f"run {run + 1}: {modules} modules, {errors} errors")
            for stage, secs in result.timings.items():
                print(f"  {stage:>7}: {secs:7.2f} s")
            print(f"  {'total':>7}: {total:7.2f} s")
            code = "import time; t = time.perf_counter(); import models; print(time.perf_counter() - t)"
            for label in ("cold", "warm"):
                took = subprocess.run(
                    [sys.executable, "-c", code],
                    cwd=tmp,
                    capture_output=True,
                    text=True,
                )
                print(f"  import models ({label}): {float(took.stdout or 'nan'):.3f} s")


if __name__ == "__main__":
    main()
