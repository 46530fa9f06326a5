"""The four timings of incremental runs on one corpus (wall seconds, each a fresh process):

    python benchmarks/incremental.py SPECS [--repeat 3]

1. cold: into an empty OUT;
2. nothing changed: the same run again;
3. one doc edited: a description changed in one doc (a copy of SPECS is edited);
4. --check with nothing changed.

Prints the best of ``--repeat`` runs for each. The goals (issue 7, on orq-node): 2 at most 1 s,
3 at most 2 s, 4 at most 1 s, 1 no slower than before.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(*args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *args, "-q"], capture_output=True, text=True
    )
    took = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"gen-models {' '.join(args)} failed: {proc.stderr[-2000:]}")
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        specs = Path(tmp) / "specs"
        shutil.copytree(args.specs, specs)
        docs = sorted(p for p in specs.rglob("*.md") if "/models/" in p.as_posix())
        figures: dict[str, list[float]] = {
            "cold": [],
            "nothing changed": [],
            "one doc edited": [],
            "--check, nothing changed": [],
        }
        for i in range(args.repeat):
            out = Path(tmp) / f"out{i}"
            figures["cold"].append(timed(str(specs), str(out)))
            figures["nothing changed"].append(timed(str(specs), str(out)))
            doc = docs[(i * 7919) % len(docs)]
            text = doc.read_text(encoding="utf-8")
            doc.write_text(
                text.replace("\n\n", f"\n\nEdited {i}.\n\n", 1), encoding="utf-8"
            )
            figures["one doc edited"].append(timed(str(specs), str(out)))
            figures["--check, nothing changed"].append(
                timed(str(specs), str(out), "--check")
            )
        for name, secs in figures.items():
            print(
                f"{name:>26}: {min(secs):6.2f} s (best of {len(secs)}: {', '.join(f'{s:.2f}' for s in secs)})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
