"""The four timings of incremental runs on one corpus (wall seconds, each a fresh process):

    python benchmarks/incremental.py SPECS [--repeat 3]

1. cold: into an empty OUT;
2. nothing changed: the same run again;
3. one doc edited: a description changed in one doc (a copy of SPECS is edited);
4. one doc's field type edited: a ``*string*`` field of another doc made ``*number*``;
5. --check with nothing changed.

Prints the best of ``--repeat`` runs for each (wall seconds), and the CPU seconds of that run (user
+ system, workers included: on a machine shared with other work, wall time says more about the
other work). The goals (issue 7, on orq-node): 2 at most 1 s, 3 and 4 at most 2 s, 5 at most
1 s, 1 no slower than before. gen-models' modules are compiled to bytecode first, as an installed
package has them (``precompiled.py``).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from precompiled import creation_cost, precompile, scratch


def timed(*args: str) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the run and its workers) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *args, "-q"], capture_output=True, text=True
    )
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"gen-models {' '.join(args)} failed: {proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return took, cpu


def _string_field(docs: list[Path], start: int) -> tuple[Path, str]:
    """The first doc from ``start`` on with a ``*string*`` field row, and that row."""
    for k in range(len(docs)):
        doc = docs[(start + k) % len(docs)]
        for line in doc.read_text(encoding="utf-8").splitlines():
            if line.startswith("| `") and "| *string* " in line:
                return doc, line
    raise SystemExit("no doc has a *string* field")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--tmp",
        help="folder for the outputs (default: .cache/bench; see precompiled.scratch)",
    )
    args = ap.parse_args()
    print(precompile())
    print(creation_cost(scratch(args.tmp)))
    with tempfile.TemporaryDirectory(
        prefix="incremental-", dir=scratch(args.tmp)
    ) as tmp:
        specs = Path(tmp) / "specs"
        shutil.copytree(args.specs, specs)
        docs = sorted(p for p in specs.rglob("*.md") if "/models/" in p.as_posix())
        figures: dict[str, list[tuple[float, float]]] = {
            "cold": [],
            "nothing changed": [],
            "one doc edited": [],
            "a field's type edited": [],
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
            doc, row = _string_field(docs, i * 7919 + 1)
            text = doc.read_text(encoding="utf-8")
            doc.write_text(
                text.replace(row, row.replace("*string*", "*number*", 1), 1),
                encoding="utf-8",
            )
            figures["a field's type edited"].append(timed(str(specs), str(out)))
            figures["--check, nothing changed"].append(
                timed(str(specs), str(out), "--check")
            )
        for name, runs in figures.items():
            walls = [w for w, _ in runs]
            best = min(runs)
            print(
                f"{name:>26}: {best[0]:6.2f} s (best of {len(runs)}: "
                f"{', '.join(f'{w:.2f}' for w in walls)}; CPU {best[1]:.2f} s)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
