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
    ``.cache/bench`` (git-ignored), beside where a user's OUT would be."""
    folder = (
        Path(given)
        if given
        else Path(__file__).resolve().parents[1] / ".cache" / "bench"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def creation_cost(folder: Path, n: int = 300) -> str:
    """A line saying what creating a file costs below ``folder`` now. On ext4 (here: without a
    journal) creating files where many were just deleted (a test suite's temp folders, a
    benchmark's last outputs) cost up to 0.9 ms a file for minutes, 15-25 times the usual:
    gen-models writes one file per model, datamodel-codegen one in all, so a comparison would
    time the file system's bookkeeping. Pick another ``--tmp`` then."""
    import shutil
    import tempfile
    import time

    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=folder))
    start = time.perf_counter()
    for i in range(n):
        (probe / f"f{i}.py").write_bytes(b"")
    each = (time.perf_counter() - start) / n * 1e6
    shutil.rmtree(probe, ignore_errors=True)
    verdict = "slow: results inflated; try another --tmp" if each > 200 else "normal"
    return f"file creation below {folder}: {each:.0f} us a file ({verdict})"
