"""Random edits of model docs, each followed by an incremental run checked against a cold run:
``python benchmarks/patch_fuzz.py SPECS [--edits 60] [--seed 1] [--per 1] [--tmp DIR]``.

SPECS is a folder of TypeScript-style model docs (a copy is edited, never SPECS itself). Each step
edits ``--per`` random docs: a field's type, a field added or removed, required toggled, a field
made a constant, an enum value renamed, a ``null`` put in (or taken out of) an example. Then
gen-models runs into the same OUT, and again into a fresh folder; the two must hold the same
bytes and say the same diagnostics. Prints each step (``patched`` or ``full``), then per kind of
edit how many steps there were, how many were patch runs and how many differed from the cold
run (the last must be 0). A step that makes the docs invalid is undone. Exit status 1 on any
difference. On orq-node's 820 ``components`` docs a step takes about a second.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import generate  # noqa: E402

TYPES = ("*string*", "*number*", "*boolean*", "*any*", "*Date*")
ROW = re.compile(
    r"^\| `[^`]+` +\| (.*?) +\| (:heavy_check_mark:|:heavy_minus_sign:) +\|.*$", re.M
)
EXAMPLE_LINE = re.compile(r"^( +\w+: )(.*),$", re.M)


def _view(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".gen-models" not in p.parts
    }


def _edit(text: str, rng: random.Random) -> tuple[str, str] | None:
    """``text`` with one random edit, and the kind of edit (None: none applies)."""
    rows = list(ROW.finditer(text))
    kinds = ["add"]
    if rows:
        kinds += ["type", "remove", "required", "const"]
    if re.search(r'^"\w+"', text, re.M):
        kinds.append("enum")
    if EXAMPLE_LINE.search(text):
        kinds += ["null", "null"]
    kind = rng.choice(kinds)
    if kind == "type":
        m = rng.choice(rows)
        new = rng.choice([t for t in TYPES if t != m.group(1)])
        return text[: m.start(1)] + new + text[m.end(1) :], kind
    if kind == "add":
        at = text.find("| ----")
        end = text.find("\n", at) + 1
        if at < 0 or end == 0:
            return None
        req = rng.choice([":heavy_check_mark:", ":heavy_minus_sign:"])
        row = f"| `fz{rng.randrange(99)}` | {rng.choice(TYPES)} | {req} | Fuzz. |\n"
        return text[:end] + row + text[end:], kind
    if kind == "remove":
        m = rng.choice(rows)
        return text[: m.start()] + text[m.end() + 1 :], kind
    if kind == "required":
        m = rng.choice(rows)
        other = (
            ":heavy_minus_sign:"
            if m.group(2) == ":heavy_check_mark:"
            else ":heavy_check_mark:"
        )
        return text[: m.start(2)] + other + text[m.end(2) :], kind
    if kind == "const":
        m = rng.choice(rows)
        return text[: m.start(1)] + f'*"c{rng.randrange(3)}"*' + text[m.end(1) :], kind
    if kind == "enum":
        m = rng.choice(list(re.finditer(r'"(\w+)"', text)))
        return text[: m.start(1)] + m.group(1) + "x" + text[m.end(1) :], kind
    m = rng.choice(list(EXAMPLE_LINE.finditer(text)))
    new = '"<value>"' if m.group(2) == "null" else "null"
    return text[: m.start(2)] + new + text[m.end(2) :], kind


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", type=Path)
    ap.add_argument("--edits", type=int, default=60, help="steps (default 60)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per", type=int, default=1, help="docs edited per step")
    ap.add_argument("--tmp", help="folder for the copies (default: the system's)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="patch-fuzz-", dir=args.tmp) as tmp:
        specs, out, cold = Path(tmp) / "specs", Path(tmp) / "out", Path(tmp) / "cold"
        shutil.copytree(args.specs, specs)
        if not generate(specs, out).ok:
            raise SystemExit("SPECS does not generate without errors")
        docs = sorted(p for p in specs.rglob("*.md") if "/models/" in p.as_posix())
        stats: dict[str, list[int]] = {}
        bad = 0
        for step in range(args.edits):
            kinds = []
            for doc in rng.sample(docs, min(args.per, len(docs))):
                got = _edit(doc.read_text(encoding="utf-8"), rng)
                if got is not None:
                    doc.write_text(got[0], encoding="utf-8")
                    kinds.append(got[1])
            if not kinds:
                continue
            kind = "+".join(sorted(kinds))
            warm = generate(specs, out)
            shutil.rmtree(cold, ignore_errors=True)
            fresh = generate(specs, cold)
            same = (not fresh.ok or _view(out) == _view(cold)) and [
                str(d) for d in warm.diagnostics
            ] == [str(d) for d in fresh.diagnostics]
            counts = stats.setdefault(kind, [0, 0, 0])
            counts[0] += 1
            counts[1] += bool(warm.patched)
            counts[2] += not same
            bad += not same
            print(
                f"{step} {kind}: {'patched' if warm.patched else 'full'}"
                + ("" if same else "  DIFFERS FROM A COLD RUN")
            )
            if not fresh.ok:  # undo: every doc as in SPECS again
                for doc in docs:
                    shutil.copy(args.specs / doc.relative_to(specs), doc)
                generate(specs, out)
        print("kind: steps, patch runs, differing from a cold run")
        for kind, (n, patched, differ) in sorted(stats.items()):
            print(f"  {kind}: {n}, {patched}, {differ}")
        print(f"differing: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
