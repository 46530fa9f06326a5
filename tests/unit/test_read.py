"""The read stage (generator/read.py): only regular files, at most MAX_BYTES each, every skip said."""

from __future__ import annotations

import os
import socket
import stat
import sys
import threading
from pathlib import Path

import pytest

from generator import generate
from generator import read as read_module
from generator.diagnostics import Diagnostics
from generator.read import MAX_BYTES, read

from .helpers import object_doc, run_cli, write_docs

GOOD = object_doc("Good", "| `id` | *string* | :heavy_check_mark: | N/A |")
NS = "docs/models/components"
posix_only = pytest.mark.skipif(
    sys.platform == "win32",
    reason="FIFOs, sockets, devices and byte file names are POSIX",
)


def _specs(tmp_path: Path) -> Path:
    return write_docs(tmp_path / "specs", {f"{NS}/good.md": GOOD})


def _read(specs: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    """(paths read, (severity, file, code) of each diagnostic)."""
    diags = Diagnostics()
    files = read(specs, diags)
    return [f.path for f in files], [
        (str(d.severity), d.file, d.code) for d in diags.sorted()
    ]


def _finishes(func, seconds: float = 20.0):
    """``func()``'s result, or a failure if it has not returned within ``seconds`` (a hang)."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(func()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    return result[0]


@posix_only
def test_a_fifo_named_md_is_skipped_not_waited_on(tmp_path):
    specs = _specs(tmp_path)
    os.mkfifo(specs / NS / "pipe.md")
    paths, diags = _finishes(lambda: _read(specs))
    assert paths == [f"{NS}/good.md"]
    assert diags == [("warning", f"{NS}/pipe.md", "read-not-regular")]


@posix_only
def test_a_symlink_to_a_device_is_skipped_not_read_to_the_end(tmp_path):
    specs = _specs(tmp_path)
    (specs / NS / "zero.md").symlink_to("/dev/zero")
    paths, diags = _finishes(lambda: _read(specs))
    assert paths == [f"{NS}/good.md"]
    assert diags == [("warning", f"{NS}/zero.md", "read-not-regular")]
    result = generate(specs, write=False)
    [d] = [d for d in result.diagnostics if d.code == "read-not-regular"]
    assert "symbolic link to a character device" in d.message and result.ok


@posix_only
def test_a_socket_and_a_symlinked_fifo_are_skipped(tmp_path, monkeypatch):
    specs = _specs(tmp_path)
    os.mkfifo(tmp_path / "fifo")
    (specs / NS / "linked.md").symlink_to(tmp_path / "fifo")
    sock = socket.socket(socket.AF_UNIX)
    with monkeypatch.context() as m:
        m.chdir(specs / NS)  # AF_UNIX paths are short: bind relative to the folder
        sock.bind("sock.md")
    try:
        paths, diags = _finishes(lambda: _read(specs))
    finally:
        sock.close()
    assert paths == [f"{NS}/good.md"]
    assert diags == [
        ("warning", f"{NS}/linked.md", "read-not-regular"),
        ("warning", f"{NS}/sock.md", "read-not-regular"),
    ]


@posix_only
def test_specs_that_is_a_device_is_an_error_not_a_hang():
    paths, diags = _finishes(lambda: _read(Path("/dev/zero")))
    assert paths == [] and diags == [("error", "/dev/zero", "read-not-regular")]


def test_a_doc_over_the_size_cap_is_an_error(tmp_path):
    specs = _specs(tmp_path)
    with open(specs / NS / "huge.md", "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: the size alone decides, nothing is read
    paths, diags = _read(specs)
    assert paths == [f"{NS}/good.md"]
    assert diags == [("error", f"{NS}/huge.md", "read-too-large")]
    result = generate(specs, write=False)
    assert result.exit_code == 2
    [d] = [d for d in result.diagnostics if d.code == "read-too-large"]
    assert f"{MAX_BYTES + 1:,} bytes" in d.message and "8 MiB" in d.message


def test_a_doc_at_the_size_cap_is_read(tmp_path):
    specs = _specs(tmp_path)
    (specs / NS / "big.md").write_bytes(
        GOOD.replace("Good", "Big").encode() + b" " * (MAX_BYTES - len(GOOD))
    )
    paths, diags = _read(specs)
    assert paths == [f"{NS}/big.md", f"{NS}/good.md"] and diags == []


def test_no_more_than_the_cap_is_read_whatever_the_size_says(tmp_path, monkeypatch):
    """A file that grows after the check, or reports size 0 (as /proc files do), is read up to the cap."""
    specs = _specs(tmp_path)
    (specs / NS / "growing.md").write_bytes(b"x" * 2000)
    monkeypatch.setattr(read_module, "MAX_BYTES", 1000)
    monkeypatch.setattr(read_module, "_stat", lambda path: (stat.S_IFREG, 0))
    real_fstat = os.fstat

    def fstat(fd):
        fields = list(real_fstat(fd))[:10]
        fields[stat.ST_SIZE] = 0
        return os.stat_result(fields)

    monkeypatch.setattr(read_module.os, "fstat", fstat)
    reads: list[int] = []
    real_fdopen = os.fdopen

    def fdopen(fd, mode):
        fh = real_fdopen(fd, mode)
        real_read = fh.read
        fh.read = lambda n=-1: reads.append(n) or real_read(n)  # type: ignore[method-assign]
        return fh

    monkeypatch.setattr(read_module.os, "fdopen", fdopen)
    paths, diags = _read(specs)
    assert paths == [f"{NS}/good.md"]
    assert diags == [("error", f"{NS}/growing.md", "read-too-large")]
    assert reads and all(0 < n <= 1001 for n in reads)


@posix_only
def test_symlinked_folders_are_not_followed_so_a_loop_ends(tmp_path):
    specs = _specs(tmp_path)
    (specs / NS / "loop").symlink_to(".")
    (specs / "docs" / "up").symlink_to("..")
    paths, diags = _finishes(lambda: _read(specs))
    assert paths == [f"{NS}/good.md"]
    assert diags == [
        ("warning", f"{NS}/loop", "read-symlink"),
        ("warning", "docs/up", "read-symlink"),
    ]


def test_files_come_in_the_order_pathlib_sorts_their_paths(tmp_path):
    """One walk gives the order (no sort of every path after it): a folder's files where its
    name sorts among its siblings, whatever their kinds and the order the OS lists them in.
    """
    names = [
        "a.md",
        "a/b.md",
        "a/a/z.md",
        "a-b.md",
        "a b/c.md",
        "a.b/c.yaml",
        "B.md",
        "b/a.json",
        "b.md",
        "z/y/x/w.md",
        "\u00e9.md",
        ".hidden.md",
    ]
    specs = write_docs(tmp_path / "specs", {n: GOOD for n in reversed(names)})
    (specs / ".git").mkdir()
    (specs / ".git" / "skipped.md").write_text(GOOD)
    (specs / "a" / "notes.txt").write_text("not an input")
    paths, diags = _read(specs)
    assert paths == [p.as_posix() for p in sorted(Path(n) for n in names)]
    assert diags == []


def test_an_unlistable_folder_is_an_error(tmp_path, monkeypatch):
    specs = write_docs(
        tmp_path / "specs",
        {
            f"{NS}/good.md": GOOD,
            "docs/models/operations/op.md": GOOD.replace("Good", "Op"),
        },
    )
    locked = specs / "docs" / "models" / "operations"
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == os.fspath(
            locked
        ):  # as chmod 000 would, for anyone but root
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    paths, diags = _read(specs)
    assert paths == [f"{NS}/good.md"]
    assert diags == [("error", "docs/models/operations", "read-unreadable")]
    result = generate(specs, write=False)
    [d] = [d for d in result.diagnostics if d.code == "read-unreadable"]
    assert result.exit_code == 2 and "Permission denied" in d.message


@posix_only
def test_a_file_name_that_is_not_utf8_is_a_located_error(tmp_path):
    specs = _specs(tmp_path)
    bad = os.path.join(os.fsencode(specs / NS), b"bad\xff\x1b.md")
    try:
        with open(bad, "wb") as fh:
            fh.write(GOOD.replace("Good", "Bad").encode())
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    paths, diags = _read(specs)
    assert paths == [f"{NS}/good.md"]
    assert diags == [("error", f"{NS}/bad\udcff\x1b.md", "read-file-name")]
    [d] = [
        d
        for d in generate(specs, write=False).diagnostics
        if d.code == "read-file-name"
    ]
    assert (
        str(d)
        == f"{NS}/bad\\xff\\x1b.md:1:1: error: file name is not valid UTF-8; rename the file [read-file-name]"
    )
    # printed by the CLI: located, escaped, whatever the terminal's encoding
    for encoding in ("utf-8", "ascii"):
        proc = run_cli(
            specs, tmp_path / "out", env={"PYTHONIOENCODING": f"{encoding}:strict"}
        )
        assert proc.returncode == 2, proc.stderr
        assert (
            f"{NS}/bad\\xff\\x1b.md:1:1: error: file name is not valid UTF-8"
            in proc.stderr
        )
        assert (
            "Traceback" not in proc.stderr
            and "gen-models: error:" not in proc.stderr
            and "\x1b" not in proc.stderr
        )


def test_in_memory_input_is_held_to_the_same_rules(monkeypatch):
    monkeypatch.setattr(read_module, "MAX_BYTES", 100)
    good = "# Ok\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n"
    diags = Diagnostics()
    files = read_module.read_mapping(
        {
            "models/c/a\udcff.md": good,
            "models/c/b.md": "# B\n\nx\ud800y\n",
            "models/c/big.md": "x" * 101,
            "models/c/ok.md": good,
        },
        diags,
    )
    assert [f.path for f in files] == ["models/c/ok.md"]
    assert [(d.file, d.line, d.code) for d in diags.sorted()] == [
        ("models/c/a\udcff.md", 1, "read-file-name"),
        ("models/c/b.md", 3, "read-encoding"),
        ("models/c/big.md", 1, "read-too-large"),
    ]


# ---------------------------------------------------------------- the stat cache


class Stats(dict):
    def put(self, rel, seen):
        self[rel] = seen


def test_an_unchanged_file_is_not_read_again(tmp_path):
    specs = write_docs(
        tmp_path / "specs", {f"{NS}/a.md": GOOD, f"{NS}/b.md": GOOD, "api.yaml": "{}"}
    )
    old = 1_000_000_000 * 1_000_000  # long before the first read: not racy
    for p in specs.rglob("*.*"):
        os.utime(p, ns=(old, old))
    stats = Stats()
    first = read(specs, Diagnostics(), stats)
    assert all(isinstance(f, read_module.SourceFile) for f in first)
    assert sorted(stats) == ["api.yaml", f"{NS}/a.md", f"{NS}/b.md"]
    again = read(specs, Diagnostics(), stats)
    kinds = {f.path: type(f).__name__ for f in again}
    # markdown files come with their digest only; other inputs are always read
    assert kinds == {
        f"{NS}/a.md": "UnreadFile",
        f"{NS}/b.md": "UnreadFile",
        "api.yaml": "SourceFile",
    }
    assert [f.digest for f in again] == [f.digest for f in first]
    md = [f for f in again if f.path.endswith(".md")]
    assert md[0].text == first[1].text  # read when asked for
    # the same size, another content, a new mtime: read again
    (specs / NS / "a.md").write_text(GOOD.replace("Good", "Gooe"), encoding="utf-8")
    os.utime(specs / NS / "a.md", ns=(old + 10**9, old + 10**9))
    third = {f.path: f for f in read(specs, Diagnostics(), stats)}
    changed = third[f"{NS}/a.md"]
    assert isinstance(changed, read_module.SourceFile) and "Gooe" in changed.text
    assert changed.digest != first[1].digest


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path):
    specs = _specs(tmp_path)  # written now: its mtime is within a tick of the read
    stats = Stats()
    read(specs, Diagnostics(), stats)
    again = read(specs, Diagnostics(), stats)
    assert isinstance(again[0], read_module.SourceFile)
