"""What dialect detection costs and decides: ``python benchmarks/detect.py SPECS [--repeat N]``.

For every markdown doc under SPECS: how its dialect was found (a code fence, the scores, or not
from its own text), the CPU time of each dialect's ``score`` over the docs no fence decides, and
the dialect ``parse_all`` finally reads each doc in. Run it on a corpus before and after adding a
dialect: its score must stay cheap, and no doc of another language may change dialect.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.frontends.markdown import parse_all  # noqa: E402
from generator.parse import document  # noqa: E402
from generator.parse.dialects import DIALECTS  # noqa: E402
from generator.read import read  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("specs")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = [f for f in read(Path(args.specs), Diagnostics()) if f.path.endswith(".md")]
    evidence = []

    def detect(
        fences, make
    ):  # records how each doc was decided, then decides as detection does
        fences = list(fences)
        if any(
            f.lower() in d.fence_languages for f in fences for d in DIALECTS.values()
        ):
            how["fence"] += 1
        else:
            evidence.append(make())
        return real(fences, make)

    how: Counter[str] = Counter()
    real, document.detect = document.detect, detect
    try:
        for f in files:
            document.parse_document(f, Diagnostics())
    finally:
        document.detect = real
    print(
        f"{len(files)} docs: {how['fence']} decided by a code fence, {len(evidence)} scored"
    )
    for name, d in DIALECTS.items():
        best = min(
            _seconds(lambda: [d.score(e) for e in evidence]) for _ in range(args.repeat)
        )
        print(
            f"  score {name:>12}: {best * 1000:8.1f} ms CPU ({best * 1e6 / max(len(evidence), 1):.1f} us a doc)"
        )
    docs = parse_all(files, Diagnostics())
    found = Counter(d.dialect for d in docs)
    print("read as: " + ", ".join(f"{n} {c}" for n, c in found.most_common()))


def _seconds(func) -> float:
    t = time.process_time()
    func()
    return time.process_time() - t


if __name__ == "__main__":
    main()
