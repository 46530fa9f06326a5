"""Compile gen-models' own modules to bytecode before a benchmark times fresh processes.

An installed wheel carries its ``.pyc`` files, and an editable install writes them on its first
import, unless ``PYTHONDONTWRITEBYTECODE`` is set (it is on some CI machines and sandboxes): then
every timed process would compile about 150 modules again (0.1-0.2 s), a cost no user's install
pays, while the tool compared with (installed from a wheel) pays none. ``compileall`` writes the
``.pyc`` files whatever that variable says.
"""

from __future__ import annotations

import compileall
import importlib.util
from pathlib import Path


def precompile(package: str = "generator") -> str:
    """Compile ``package`` (as the timed processes import it) to bytecode; a line saying so."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return f"bytecode: {package} not found; not compiled"
    folder = Path(spec.origin).parent
    ok = compileall.compile_dir(str(folder), quiet=1)
    return f"bytecode: {package} compiled{'' if ok else ' (with errors)'}, as an install has it"


def scratch(given: str | None) -> Path:
    """The folder a benchmark writes its outputs below: ``given``, else the repository's
    ``.cache/bench`` (git-ignored), beside where a user's OUT would be. Not the system temp
    folder: there a test suite creates and deletes ~1 GB every run (pytest keeps its last three
    base folders), and on ext4 file creation right where many inodes were freed costs up to
    0.75 ms a file (measured here: 2,000 files, 1.5 s in a new folder below /tmp, 0.1 s below
    /work or ~): gen-models writes one file per model, datamodel-codegen one in all, so the
    comparison would time the file system's bookkeeping."""
    folder = (
        Path(given)
        if given
        else Path(__file__).resolve().parents[1] / ".cache" / "bench"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder
