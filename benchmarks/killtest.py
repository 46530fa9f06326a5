"""SIGKILL ``gen-models SPECS OUT`` at random moments while OUT holds the previous generation.

    python benchmarks/killtest.py SPECS [--kills 10] [--seed 1]

Each round generates into OUT the other output kind than it holds (pydantic <-> dataclasses, so
every file changes) and kills the run at a random moment: half of the kills anywhere in the run,
half in its write stage (from the moment its staging folder appears). After each kill OUT must be the old or the new generation, or hold the
journal of an interrupted run, which ``--check`` must report and the next run must repair (it
says so). The repairing run brings OUT to the new generation; no staging folder survives it.
Prints one line per kill and a summary; exits 1 on any violation.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("pydantic", "dataclasses")


def fingerprint(out: Path) -> dict[str, str]:
    """path -> sha256 of every file of OUT but gen-models' own folder."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(out):
        dirnames[:] = [d for d in dirnames if d not in (".gen-models", "__pycache__")]
        for name in filenames:
            p = Path(dirpath) / name
            found[p.relative_to(out).as_posix()] = hashlib.sha256(
                p.read_bytes()
            ).hexdigest()
    return found


def cli(specs: Path, out: Path, kind: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "generator",
        str(specs),
        str(out),
        "--kind",
        kind,
        *extra,
    ]


def timed_run(specs: Path, out: Path, kind: str) -> tuple[float, float]:
    """(total seconds, seconds spent in write) of an uninterrupted run."""
    start = time.perf_counter()
    proc = subprocess.run(cli(specs, out, kind, "-v"), capture_output=True, text=True)
    total = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"run failed: {proc.stderr[-2000:]}")
    write = next(
        float(line.split()[1])
        for line in proc.stderr.splitlines()
        if line.strip().startswith("write:")
    )
    return total, write


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the run's workers)."""
    found = []
    for entry in _names(Path("/proc")):
        if entry.isdigit():
            try:
                stat = (Path("/proc") / entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(") ", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running a moment later (zombies waiting for init to reap them are not)."""
    time.sleep(0.5)
    found = []
    for p in pids:
        try:
            state = Path(f"/proc/{p}/stat").read_text().rsplit(") ", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state not in ("Z", "X"):
            found.append(p)
    return found


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def run(
    specs: Path, kills: int = 10, seed: int = 1, work: Path | None = None
) -> dict[str, int]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        out = Path(tmp) / "out"
        refs = {}
        for kind in KINDS:
            timed_run(specs, Path(tmp) / kind, kind)
            refs[kind] = fingerprint(Path(tmp) / kind)
        timed_run(specs, out, KINDS[1])  # OUT holds the dataclasses generation
        total, write = timed_run(
            specs, out, KINDS[0]
        )  # every file changes: the longest write
        timed_run(specs, out, KINDS[1])
        held = KINDS[1]
        outcomes = {"old": 0, "new": 0, "repaired": 0, "violations": 0}
        for i in range(kills):
            target = KINDS[0] if held == KINDS[1] else KINDS[1]
            proc = subprocess.Popen(
                cli(specs, out, target),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            start = time.perf_counter()
            if i % 2 == 0:  # anywhere in the run
                time.sleep(rng.uniform(0.2, total))
            else:  # in the write stage: from the moment staging starts
                while proc.poll() is None and not any(
                    n.startswith("stage-") for n in _names(out / ".gen-models")
                ):
                    time.sleep(0.005)
                time.sleep(rng.uniform(0, write))
            at = time.perf_counter() - start
            workers = children(proc.pid)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            left = alive(workers)
            state = fingerprint(out)
            pending = (out / ".gen-models" / "journal.json").exists()
            if state == refs[held]:
                what = "old"
            elif state == refs[target]:
                what = "new"
            elif pending:
                what = "repaired"
            else:
                what = "MIXED"
            check = subprocess.run(
                cli(specs, out, target, "--check"), capture_output=True, text=True
            )
            fixed = subprocess.run(
                cli(specs, out, target), capture_output=True, text=True
            )
            ok = fixed.returncode == 0 and fingerprint(out) == refs[target]
            ok = ok and not [
                n for n in os.listdir(out / ".gen-models") if n.startswith("stage-")
            ]
            ok = ok and not left
            if pending:
                ok = ok and check.returncode == 1 and "interrupted run" in check.stderr
                ok = ok and "repaired an interrupted run" in fixed.stderr
            if what == "MIXED" or not ok:
                outcomes["violations"] += 1
            else:
                outcomes[what] += 1
            note = (
                ""
                if ok
                else (
                    f" (FAILED: {len(left)} worker(s) outlived the run)"
                    if left
                    else " (repair FAILED)"
                )
            )
            print(
                f"kill {i + 1:2}: at {at:6.2f} s of {total:.2f} s -> OUT {what}{note}",
                flush=True,
            )
            if note and not left:
                print(
                    f"  check: exit {check.returncode}: {check.stderr[-800:]}\n  repair: exit {fixed.returncode}: {fixed.stderr[-800:]}",
                    flush=True,
                )
            held = target
        return outcomes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", type=Path)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    outcomes = run(args.specs, args.kills, args.seed)
    print(
        f"{args.kills} kills: OUT old {outcomes['old']}, new {outcomes['new']}, "
        f"interrupted and repaired {outcomes['repaired']}, violations {outcomes['violations']}"
    )
    return 1 if outcomes["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
