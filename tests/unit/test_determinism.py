"""Same input, same bytes: across runs, hash seeds and output kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import ROOT, run_cli
from .helpers import snapshot as snapshot_all

GOLDEN = ROOT / "tests" / "golden"
LOCAL = {
    ".gen-models/state.json",
    ".gen-models/lock",
}  # this machine's bookkeeping (mtimes), never committed


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p: b
        for p, b in snapshot_all(out).items()
        if p not in LOCAL and not p.startswith(".gen-models/cache/")
    }


@pytest.mark.parametrize(
    "case,kind",
    [("ts_v2", "pydantic"), ("py_v2_flat", "dataclasses"), ("ts_cycles", "pydantic")],
)
def test_hash_seed_does_not_change_output(case, kind, tmp_path: Path):
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out-{seed}"
        proc = run_cli(
            GOLDEN / case / "input", out, "--kind", kind, env={"PYTHONHASHSEED": seed}
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(snapshot(out))
    assert outs[0] and outs[0] == outs[1]


def test_rerun_into_the_same_out_is_stable(tmp_path: Path):
    specs = GOLDEN / "py_v1_namespaced" / "input"
    out = tmp_path / "out"
    assert run_cli(specs, out).returncode == 0
    first = snapshot(out)
    assert run_cli(specs, out, env={"PYTHONHASHSEED": "7"}).returncode == 0
    assert snapshot(out) == first
    assert run_cli(specs, out, "--check").returncode == 0
