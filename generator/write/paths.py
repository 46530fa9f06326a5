"""Where write may touch: relative paths that stay inside OUT, real folders below OUT, and no
overlap between SPECS and OUT."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath


class WriteRefused(ValueError):
    """Write will not run: nothing in OUT was changed. ``code`` is the diagnostic code."""

    code = "write-refused"


class UnsafePath(WriteRefused):
    code = "write-unsafe-path"


class NotOwned(WriteRefused):
    """OUT holds something gen-models did not write where it would write or remove."""

    code = "write-not-owned"


def safe(rel: str) -> str:
    """``rel`` as a normalized posix path that stays inside OUT, or UnsafePath."""
    parts = rel.split("/") if isinstance(rel, str) else []
    if (
        not parts
        or "" in parts
        or "." in parts
        or ".." in parts
        or "\\" in rel
        or ":" in rel
        or "\x00" in rel
    ):
        raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
    return rel


def overlap(specs: str | os.PathLike, out: str | os.PathLike) -> str | None:
    """Why SPECS and OUT must not be used together (one is, or holds, the other), or None."""
    s = Path(os.path.realpath(specs))
    o = Path(os.path.realpath(out))
    if s == o:
        return f"OUT {str(out)!r} is SPECS {str(specs)!r}: writing there would replace the input docs"
    if s in o.parents:
        return f"OUT {str(out)!r} is inside SPECS {str(specs)!r}: the output would be read back as input"
    if o in s.parents:
        return f"SPECS {str(specs)!r} is inside OUT {str(out)!r}: writing there could replace the input docs"
    return None


def check_parents(out: Path, rel: str, seen: set[str] | None = None) -> None:
    """Every existing folder on the way from OUT to ``rel`` must be a real folder: never follow a
    symlink out of OUT, never replace a user's file with a folder. ``seen``: folders (relative)
    already checked in this pass, skipped (and added to)."""
    if seen is not None:
        folder = rel.rpartition("/")[0]
        if folder in seen:
            return
        check_parents(out, rel)
        seen.add(folder)
        return
    here = out
    for part in PurePosixPath(rel).parts[:-1]:
        here = here / part
        try:
            st = os.lstat(here)
        except FileNotFoundError:
            return
        if stat.S_ISLNK(st.st_mode):
            raise NotOwned(
                f"{here.relative_to(out).as_posix()} is a symlink; gen-models does not write through it"
            )
        if not stat.S_ISDIR(st.st_mode):
            raise NotOwned(
                f"{here.relative_to(out).as_posix()} is a file gen-models did not write, where it needs a folder"
            )
