"""Ctrl-C (SIGINT to the whole process group, as a terminal sends it) and SIGTERM end a run with one
line and exit 130 / 143: no traceback from the parent or from any worker, no folder left behind.
"""

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


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("sig", "code", "line"),
    [
        (signal.SIGINT, 130, "gen-models: interrupted"),
        (signal.SIGTERM, 143, "gen-models: terminated"),
    ],
)
def test_a_signal_ends_the_run_with_one_line(many_docs, tmp_path, sig, code, line):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", str(many_docs), str(out), "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # a shell without job control starts background jobs with SIGINT ignored, and Python
        # keeps an ignored SIGINT ignored (rightly: nohup and `cmd &` ask for that); the user
        # at a terminal this test stands for has it at its default
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    while (
        proc.poll() is None and not _children(proc.pid) and time.monotonic() < deadline
    ):
        time.sleep(
            0.01
        )  # until the workers run: the run is then surely in the middle of its work
    assert (
        proc.poll() is None
    ), "the run finished before the signal; make the fixture bigger"
    status = _status(proc.pid)
    err = ""
    for _ in range(
        5
    ):  # a user whose first Ctrl-C seems lost presses it again (see the closing note)
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # the terminal's Ctrl-C reaches the workers too
        else:
            proc.send_signal(sig)  # `kill PID` reaches the parent only
        try:
            _, err = proc.communicate(timeout=3)
            break
        except subprocess.TimeoutExpired:
            continue
    else:
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, (err, status)
    assert err.strip().splitlines() == [line], err
    assert not out.exists() or [p.name for p in out.iterdir()] in ([], [".gen-models"])
    if out.exists():
        assert [
            n for n in os.listdir(out / ".gen-models") if n.startswith("stage-")
        ] == []


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            if int(stat.rsplit(") ", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_workers_end_with_a_killed_parent(many_docs, tmp_path):
    """SIGKILL cannot be caught: the workers must notice by themselves, not wait for work forever."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            str(many_docs),
            str(tmp_path / "out"),
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert workers, "no worker processes seen"
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        os.path.exists(f"/proc/{w}") for w in workers
    ):
        time.sleep(0.1)
    for (
        w
    ) in (
        workers
    ):  # reap: a zombie child of ours still has a /proc entry, so look at its state
        if os.path.exists(f"/proc/{w}"):
            state = open(f"/proc/{w}/stat").read().rsplit(") ", 1)[1].split()[0]
            assert (
                state == "Z"
            ), f"worker {w} outlived its killed parent (state {state})"


def _status(pid: int) -> str:
    try:
        lines = open(f"/proc/{pid}/status").read().splitlines()
    except OSError:
        return ""
    return " ".join(
        x
        for x in lines
        if x.startswith(("SigBlk", "SigIgn", "SigCgt", "SigPnd", "ShdPnd", "Threads"))
    )
