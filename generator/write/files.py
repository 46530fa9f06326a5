"""What write, check and the look at OUT read and encode the same way: the outputs as bytes
(with their paths made safe), the head of a file in OUT, and modules of gen-models 0.1.
"""

from __future__ import annotations

from pathlib import Path

from .manifest import META
from .paths import UnsafePath, WriteRefused, safe


def encode_outputs(files: list[tuple[str, str]]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for rel, text in files:
        r = safe(rel)
        if r.split("/")[0] == META:
            raise UnsafePath(f"refusing to write into gen-models' own folder: {rel!r}")
        if r in out:
            raise WriteRefused(f"two outputs have the same path: {r!r}")
        try:
            out[r] = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise WriteRefused(
                f"{r}: text has a character UTF-8 cannot encode ({exc.object[exc.start]!a})"
            ) from None
    folders = {
        "/".join(r.split("/")[:i]) for r in out for i in range(1, r.count("/") + 1)
    }
    both = sorted(folders & out.keys())
    if both:
        raise WriteRefused(f"an output path is both a file and a folder: {both[0]!r}")
    return out


def read_head(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file (None if missing); at most ``limit`` + 1 bytes."""
    try:
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None


def is_legacy(path: Path) -> bool:
    """A module written by gen-models 0.1, before manifests: its header says so."""
    head = read_head(path, 400) or b""
    return path.suffix == ".py" and b"by gen-models" in head and b"Do not edit" in head
