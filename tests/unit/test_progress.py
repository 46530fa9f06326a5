"""Progress: one updating line per stage on a terminal, after a second; nothing elsewhere."""

from __future__ import annotations

import io
import os
import pty
import sys

import pytest

from generator import cli, generate
from generator.progress import TerminalProgress

from .helpers import object_doc, write_docs

ROW = "| `id` | *string* | :heavy_check_mark: | N/A |"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_line_waits_a_second_then_updates_in_place_and_goes():
    out, clock = io.StringIO(), Clock()
    p = TerminalProgress(out, clock=clock)
    p.stage("read")
    p.stage("parse", 100)
    p.advance(50)
    assert out.getvalue() == ""  # a run shorter than a second prints nothing
    clock.now = 1.5
    p.advance(10)
    assert out.getvalue() == "\rgen-models: parse 60/100 (2 s)\x1b[K"
    clock.now = 1.55
    p.advance(10)  # within the interval: not redrawn
    clock.now = 1.7
    p.stage("render", 2000)
    p.advance(1234)
    clock.now = 1.9
    p.advance(1)
    assert out.getvalue().endswith("\rgen-models: render 1,235/2,000 (2 s)\x1b[K")
    assert "\n" not in out.getvalue()
    p.close()
    assert out.getvalue().endswith("\r\x1b[K")


def test_close_prints_nothing_when_nothing_was_shown():
    out = io.StringIO()
    p = TerminalProgress(out, clock=Clock())
    p.stage("read")
    p.close()
    assert out.getvalue() == ""


def _specs(tmp_path):
    return write_docs(
        tmp_path / "specs",
        {f"docs/models/components/m{i}.md": object_doc(f"M{i}", ROW) for i in range(5)},
    )


def _run_on_a_pty(argv, monkeypatch) -> tuple[int, str]:
    """``gen-models argv`` in this process with stderr on a pseudo-terminal: exit code, what
    the terminal got."""
    master, slave = pty.openpty()
    terminal = os.fdopen(slave, "w", encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", terminal)
    try:
        code = cli.main(argv)
        terminal.flush()
    finally:
        terminal.close()
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the other end is closed: all read
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8")


def test_a_terminal_sees_each_stage(tmp_path, monkeypatch):
    monkeypatch.setattr(TerminalProgress, "DELAY", 0.0)
    monkeypatch.setattr(TerminalProgress, "INTERVAL", 0.0)
    code, seen = _run_on_a_pty(
        [str(_specs(tmp_path)), str(tmp_path / "out")], monkeypatch
    )
    assert code == 0
    for stage in (
        "read",
        "parse",
        "link",
        "passes",
        "naming",
        "render",
        "format",
        "write",
    ):
        assert f"\rgen-models: {stage}" in seen, stage
    # the line is taken away before the summary is printed
    before, summary = seen.rsplit("\r\x1b[K", 1)
    assert (
        summary.startswith("gen-models: 8 modules in") and "\r" not in summary.rstrip()
    )


def test_quiet_shows_no_progress_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(TerminalProgress, "DELAY", 0.0)
    code, seen = _run_on_a_pty(
        [str(_specs(tmp_path)), str(tmp_path / "out"), "-q"], monkeypatch
    )
    assert code == 0 and seen == ""


def test_a_run_shorter_than_a_second_shows_none(tmp_path, monkeypatch):
    # "shorter than the delay" made certain on a loaded machine: the delay is an hour here, and
    # the documented one second below
    assert TerminalProgress.DELAY == 1.0
    monkeypatch.setattr(TerminalProgress, "DELAY", 3600.0)
    code, seen = _run_on_a_pty(
        [str(_specs(tmp_path)), str(tmp_path / "out")], monkeypatch
    )
    assert code == 0 and "\x1b[K" not in seen and "gen-models: 8 modules" in seen


@pytest.mark.parametrize("quiet", [[], ["-q"]])
def test_no_terminal_no_progress(tmp_path, monkeypatch, capsys, quiet):
    monkeypatch.setattr(TerminalProgress, "DELAY", 0.0)
    assert cli.main([str(_specs(tmp_path)), str(tmp_path / "out"), *quiet]) == 0
    err = capsys.readouterr().err
    assert "\x1b[K" not in err and "\r" not in err


def test_the_library_prints_nothing(tmp_path, capfd):
    assert generate(_specs(tmp_path), tmp_path / "out").ok
    assert capfd.readouterr() == ("", "")
