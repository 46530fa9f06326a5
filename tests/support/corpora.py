"""Locate the real-SDK corpora archives (``../shared/corpora`` next to the repo) and unpack them once.

    >>> docs = corpus_docs("seed-ts")        # Path to .../seed-ts/docs, or pytest.skip() if absent

The cache folder is ``$GEN_MODELS_CACHE`` or ``<repo>/.cache/corpora`` (git-ignored). An archive is
unpacked into a temporary folder and renamed into place, under a lock on the cache folder, so
concurrent runs (pytest-xdist's workers, two test sessions) never see half a corpus and never
replace one another is reading; a newer archive (by mtime and size) is unpacked again.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock (no parallel workers there)
    fcntl = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[2]
ARCHIVES = REPO.parent / "shared" / "corpora"

# corpus name -> candidate archive file names (the first that exists wins)
NAMES = {
    "seed-ts": ("seed-ts.tar.xz",),
    "orq-node": ("orq-node-docs.tar.xz", "orq-node.tar.xz"),
    "orq-python": ("orq-python-docs.tar.xz", "orq-python.tar.xz"),
}

BIG_CORPORA_ENV = "GEN_MODELS_BIG_CORPORA"


def cache_dir() -> Path:
    env = os.environ.get("GEN_MODELS_CACHE")
    return Path(env) if env else REPO / ".cache" / "corpora"


def archive_path(name: str) -> Path | None:
    """The archive of corpus ``name``, or None if it is not there."""
    for file_name in NAMES.get(name, (f"{name}.tar.xz", f"{name}-docs.tar.xz")):
        p = ARCHIVES / file_name
        if p.is_file():
            return p
    return None


def _stamp(archive: Path) -> str:
    st = archive.stat()
    return f"{archive.name} {st.st_size} {int(st.st_mtime)}\n"


@contextmanager
def _locked(name: str) -> Iterator[None]:
    """Hold an exclusive lock on ``name`` in the cache folder (waiting for another holder)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f".{name}.lock", "a") as fh:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_UN)


def unpack(name: str) -> Path | None:
    """Unpack corpus ``name`` into the cache (once) and return its folder, or None if no archive."""
    archive = archive_path(name)
    if archive is None:
        return None
    target = cache_dir() / name
    stamp_file = target / ".unpacked"
    stamp = _stamp(archive)
    if stamp_file.is_file() and stamp_file.read_text() == stamp:
        return target
    with _locked(name):
        # another worker may have unpacked it while this one waited
        if stamp_file.is_file() and stamp_file.read_text() == stamp:
            return target
        return _unpack(archive, target, stamp)


def _unpack(archive: Path, target: Path, stamp: str) -> Path:
    name, stamp_file = target.name, target / ".unpacked"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        with tarfile.open(archive, "r:xz") as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(tmp, filter="data")
            else:  # pragma: no cover - Python < 3.10.12
                tar.extractall(tmp)  # noqa: S202 - trusted local archive
        entries = [p for p in tmp.iterdir()]
        # archives hold one top folder (``seed-ts/``); use its content
        root = entries[0] if len(entries) == 1 and entries[0].is_dir() else tmp
        (root / ".unpacked").write_text(stamp)
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        try:
            root.rename(target)
        except OSError:
            # a concurrent run won the race; use its copy if it is complete
            if not (stamp_file.is_file() and stamp_file.read_text() == stamp):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def docs_root(name: str) -> Path | None:
    """The ``docs`` folder of corpus ``name`` (unpacking it if needed), or None if unavailable."""
    folder = unpack(name)
    if folder is None:
        return None
    docs = folder / "docs"
    return docs if docs.is_dir() else folder


def corpus_docs(name: str) -> Path:
    """Like :func:`docs_root`, but skip the calling test when the archive is missing."""
    import pytest

    docs = docs_root(name)
    if docs is None:
        pytest.skip(f"corpus archive for {name!r} not found in {ARCHIVES}")
    return docs


SEVEN_LANGUAGES = "gentests-7lang-2023"


def language_docs(language: str) -> Path:
    """The ``docs`` folder of one SDK language (``typescript``, ``python``, ``go``, ...) of
    Speakeasy's generator-test corpus (``gentests-7lang-2023``: one API, its docs in seven SDK
    languages), or skip the calling test when the archive or that language is missing.
    """
    import pytest

    folder = corpus_docs(SEVEN_LANGUAGES)
    docs = folder / language / "docs"
    if not docs.is_dir():
        pytest.skip(f"{SEVEN_LANGUAGES} has no {language}/docs")
    return docs


def big_corpora_enabled() -> bool:
    return os.environ.get(BIG_CORPORA_ENV, "") not in ("", "0", "false", "no")


# the slowest checks of the orq spec's output (mypy --strict over 5,000 modules in each kind,
# datamodel-code-generator's kinds and the differential run on it): minutes each, so CI, which must
# stay under 15 minutes, leaves them to this switch; benchmarks/ print the same figures
SLOW_CHECKS_ENV = "GEN_MODELS_SLOW_CHECKS"


def slow_checks_enabled() -> bool:
    return os.environ.get(SLOW_CHECKS_ENV, "") not in ("", "0", "false", "no")


def openapi_corpus(name: str) -> Path:
    """A folder holding the OpenAPI specs of corpus ``name`` (unpacked into the cache once), or
    skip the calling test: ``orq-openapi`` (the xz-compressed orq spec), ``gentests`` (its
    ``test.yaml`` and ``components.yaml``), ``seed-ts`` (its ``openapi.json``)."""
    import lzma

    import pytest

    target = cache_dir() / f"{name}-specs"
    if name == "orq-openapi":
        archive = ARCHIVES / "orq-openapi-20260818.yaml.xz"
        if not archive.is_file():
            pytest.skip(f"{archive.name} not found in {ARCHIVES}")
        spec, stamp_file = target / "orq.yaml", target / ".unpacked"

        def fresh() -> bool:
            return (
                spec.is_file()
                and stamp_file.is_file()
                and stamp_file.read_text() == _stamp(archive)
            )

        if not fresh():
            with _locked(target.name):
                if not fresh():
                    target.mkdir(parents=True, exist_ok=True)
                    tmp = target / ".orq.yaml.tmp"
                    tmp.write_bytes(lzma.decompress(archive.read_bytes()))
                    tmp.replace(spec)
                    stamp_file.write_text(_stamp(archive))
        return target
    folder = unpack("gentests-7lang-2023" if name == "gentests" else name)
    if folder is None:
        pytest.skip(f"corpus archive for {name!r} not found in {ARCHIVES}")
    src = folder / "gentests" if (folder / "gentests").is_dir() else folder
    wanted = (
        ("test.yaml", "components.yaml") if name == "gentests" else ("openapi.json",)
    )
    target.mkdir(parents=True, exist_ok=True)
    for f in wanted:
        if not (target / f).is_file():
            shutil.copyfile(src / f, target / f)
    return target
