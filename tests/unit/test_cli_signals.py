"""Ctrl-C (SIGINT to the whole process group, as a terminal sends it) and SIGTERM end a run with one
line and exit 130 / 143: no traceback from the parent or from any worker, no folder left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from .helpers import ROOT, object_doc

CHECK = ":heavy_check_mark:"


@pytest.fixture(scope="module")
def many_docs(tmp_path_factory):
    root = tmp_path_factory.mktemp("many") / "docs" / "models" / "components"
    root.mkdir(parents=True)
    rows = [f"| `f{i}` | *string* | {CHECK} | Field {i}. |" for i in range(30)]
    for n in range(6000):
        (root / f"m{n}.md").write_text(object_doc(f"M{n}", *rows))
    return root.parent.parent


@pytest.mark.parametrize(("sig", "code", "line"), [(signal.SIGINT, 130, "gen-models: interrupted"), (signal.SIGTERM, 143, "gen-models: terminated")])
def test_a_signal_ends_the_run_with_one_line(many_docs, tmp_path, sig, code, line):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", str(many_docs), str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=dict(os.environ, GEN_MODELS_JOBS="2"),
    )
    time.sleep(1.0)
    assert proc.poll() is None, "the run finished before the signal; make the fixture bigger"
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # the terminal's Ctrl-C reaches the workers too
    else:
        proc.send_signal(sig)  # `kill PID` reaches the parent only
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.strip().splitlines() == [line], err
    assert not out.exists() or [p.name for p in out.iterdir()] in ([], [".gen-models"])
    if out.exists():
        assert [n for n in os.listdir(out / ".gen-models") if n.startswith("stage-")] == []
