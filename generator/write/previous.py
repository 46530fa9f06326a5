"""OUT as the last run left it (``Previous``), as a run looks at it before generating: whether it
is up to date, and which outputs are still as written (reused, not rendered again)."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from . import manifest, transaction
from .cache import code_digest
from .files import read_head
from .manifest import META, Stamp


def up_to_date(out: str | os.PathLike, stamp: Stamp) -> bool:
    """Whether OUT holds exactly what a run with ``stamp`` writes, known without generating:
    the manifest has the same stamp, no killed run left anything, no file was touched since.
    """
    return Previous(out).up_to_date(stamp)


class Stale(Exception):
    """OUT changed between a run's look at it (``Previous``) and its write: the run must render
    what it meant to reuse."""


class Previous:
    """OUT as the last run left it: its manifest and the local record of each file's size and
    mtime as written (``state.json``), read once, without the lock. A run reuses an output
    (does not render it again) only if OUT still holds, untouched, what the manifest says it
    wrote there; ``write`` checks under the lock that nothing changed since."""

    def __init__(self, out: str | os.PathLike):
        self.out = Path(out)
        self._base = os.fspath(self.out)
        meta = self.out / META
        self.manifest_bytes = self._bytes(meta / manifest.MANIFEST)
        self.state_bytes = self._bytes(meta / manifest.STATE)
        self.leftovers = transaction.leftovers(self.out)
        self.record = (
            manifest.loads(self.manifest_bytes)
            if self.manifest_bytes is not None
            else None
        )
        # the files as written, and the digest of the generator's code that wrote them
        self.state, self.code = (
            manifest.load_state(self.state_bytes, self.manifest_bytes)
            if self.state_bytes is not None and self.manifest_bytes is not None
            else ({}, "")
        )
        self.stats: dict[str, list[int]] = {}  # outputs found as written: their state

    @staticmethod
    def _bytes(path: Path) -> bytes | None:
        try:
            return read_head(path, 1 << 30)
        except OSError:
            return None

    def up_to_date(self, stamp: Stamp, code: str | None = None) -> bool:
        """Whether OUT holds what a run with ``stamp`` writes, by the generator whose code has
        the digest ``code`` (by default this one's: an edited checkout with the same version
        number may write other files)."""
        return (
            self.record is not None
            and not self.leftovers
            and self.record.stamp == stamp
            and self.code == (code if code is not None else code_digest())
            and bool(self.state)
            and self.state.keys()
            == self.record.files.keys()  # paths the manifest made safe
            and all(self._intact(rel) for rel in self.state)
        )

    def reusable(self, rel: str, sha: str) -> bool:
        """Whether OUT holds at ``rel`` the file of digest ``sha`` the last run wrote, untouched."""
        return self.all_reusable({rel: sha})

    def all_reusable(self, outputs: Mapping[str, str]) -> bool:
        """``reusable`` of each (path, digest) of ``outputs``: one call for many files (an edit
        run on orq-node asks once for 36,000: a stat of each, and no more)."""
        if self.record is None or self.leftovers:
            return False
        files, state, stats = self.record.files, self.state, self.stats
        lstat, regular, base = os.lstat, stat.S_ISREG, self._base + "/"
        found = []
        for rel, sha in outputs.items():
            want = state.get(rel)
            if want is None or files.get(rel) != sha:
                return False
            try:
                st = lstat(base + rel)
            except (OSError, ValueError):
                return False
            if (
                st.st_size != want[0]
                or st.st_mtime_ns != want[1]
                or not regular(st.st_mode)
            ):
                return False
            found.append((rel, want))
        stats.update(found)
        return True

    def _intact(self, rel: str) -> bool:
        want = self.state.get(rel)
        if want is None:
            return False
        try:
            st = os.lstat(f"{self._base}/{rel}")
        except (OSError, ValueError):
            return False
        if not stat.S_ISREG(st.st_mode) or [st.st_size, st.st_mtime_ns] != want:
            return False
        self.stats[rel] = want
        return True

    def unchanged(self) -> bool:
        """Whether the manifest and state are still what this object read, and no killed run
        left anything since (call with the lock held)."""
        meta = self.out / META
        return (
            not transaction.leftovers(self.out)
            and self._bytes(meta / manifest.MANIFEST) == self.manifest_bytes
            and self._bytes(meta / manifest.STATE) == self.state_bytes
        )
