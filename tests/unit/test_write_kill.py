"""A run SIGKILLed at any step of its write leaves OUT as the old or the new generation, or the next
run says it repairs an interrupted run and does. Deterministic: the kill comes at the k-th file
system call of the write (rename or unlink), for every k."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from generator import generate

from .helpers import ROOT, object_doc, snapshot, write_docs

CHECK = ":heavy_check_mark:"
ROW = f"| `id` | *string* | {CHECK} | N/A |"
OLD = {
    "docs/models/components/a.md": object_doc("A", ROW),
    "docs/models/components/b.md": object_doc("B", ROW),
    "docs/models/extra/c.md": object_doc("C", ROW),
}
NEW = {
    "docs/models/components/a.md": object_doc(
        "A", ROW, f"| `x` | *number* | {CHECK} | N/A |"
    ),
    "docs/models/extra/c.md": object_doc("C", ROW),
    "docs/models/extra/d.md": object_doc("D", ROW),
}

# counts os.replace/os.unlink calls; SIGKILLs itself at call number K (never, if K is 0)
DRIVER = """
import os, signal, sys
from generator import generate
k = int(sys.argv[3])
calls = [0]
def counted(fn):
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == k:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)
    return call
os.replace = counted(os.replace)
os.unlink = counted(os.unlink)
result = generate(sys.argv[1], sys.argv[2])
assert result.ok, [str(d) for d in result.diagnostics]
print(calls[0])
"""


def _run(specs: Path, out: Path, k: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", DRIVER, str(specs), str(out), str(k)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def _user_view(out: Path) -> dict[str, bytes]:
    return {p: b for p, b in snapshot(out).items() if not p.startswith(".gen-models/")}


def test_kill_at_every_step_of_the_write(tmp_path):
    old_specs = write_docs(tmp_path / "old", OLD)
    new_specs = write_docs(tmp_path / "new", NEW)
    assert (
        generate(old_specs, tmp_path / "ref-old").ok
        and generate(new_specs, tmp_path / "ref-new").ok
    )
    old_view, new_view = _user_view(tmp_path / "ref-old"), _user_view(
        tmp_path / "ref-new"
    )
    assert old_view != new_view

    base = tmp_path / "base"
    assert generate(old_specs, base).ok
    probe = tmp_path / "probe"
    subprocess.run(["cp", "-a", str(base), str(probe)], check=True)
    counted = _run(new_specs, probe, 0)
    assert counted.returncode == 0, counted.stderr
    steps = int(counted.stdout)
    assert steps >= 8  # renames in, removals, journal and manifest

    outcomes = {"old": 0, "new": 0, "repaired": 0}
    for k in range(1, steps + 1):
        out = tmp_path / f"out{k}"
        subprocess.run(["cp", "-a", str(base), str(out)], check=True)
        killed = _run(new_specs, out, k)
        assert killed.returncode == -signal.SIGKILL, (k, killed.stderr)
        view = _user_view(out)
        pending = (out / ".gen-models/journal.json").exists()
        if not pending:
            assert view in (
                old_view,
                new_view,
            ), f"kill at step {k} left OUT mixed without a journal"
        check = generate(new_specs, out, check=True)
        if pending:
            assert check.exit_code == 1 and ".gen-models/journal.json" in check.stale
            assert any("interrupted run" in d.message for d in check.diagnostics)
        result = generate(new_specs, out)
        assert result.ok, [str(d) for d in result.diagnostics]
        repaired = [d for d in result.diagnostics if d.code == "write-repaired"]
        assert bool(repaired) == pending, k
        outcomes["repaired" if pending else ("old" if view == old_view else "new")] += 1
        assert _user_view(out) == new_view
        assert [
            n for n in os.listdir(out / ".gen-models") if n.startswith("stage-")
        ] == []
        assert generate(new_specs, out, check=True).stale == []
    assert outcomes["repaired"] > 0 and outcomes["old"] > 0, outcomes
