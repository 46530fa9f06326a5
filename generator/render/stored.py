"""The renderings a run leaves for the next, as the render memo stores them (``memo.RenderMemo``).

A ``Stored`` value is one base of flat lists (each rendering's outputs and reads, reads as single
strings, ``read_key``) with a reverse index from each read to the renderings that made it, so an
edit run finds the renderings a changed value reaches without looking at the others. ``Last``
is the base with the changes runs made since; the changes fold into a new base now and then.
A stored value of any other shape, or changes without their base, are ignored: the renderings
are then made again.
"""

from __future__ import annotations

import array
import hashlib
import itertools
import operator
from collections.abc import Mapping


def read_key(read: tuple[str, ...]) -> str:
    """A read as ``Stored`` keeps it: one string (equal reads give equal strings)."""
    return "\0".join(read)


def read_of(key: str) -> tuple[str, ...]:
    """The read ``read_key`` made ``key`` of: ``(tag, namespace, name)``, ``(tag,)``, ..."""
    return tuple(key.split("\0"))


class Last:
    """The renderings the last run left: a ``Stored`` ``base``, rewritten only now and then,
    and the entries stored since (``changes``: name -> ({path: digest}, [read, ...]), or None
    where the base's entry is gone), so an edit run stores the few renderings it made, not
    36,000 again. The changes name the base they go with (``Stored.token``): one without the
    other is nothing stored."""

    BASE, CHANGES = "base", "changes"  # the paths of the memo's table
    # at most this many changes (or an eighth of the base) before the base is written again
    CHANGES_KEPT = 512

    def __init__(
        self,
        base: Stored,
        changes: dict[str, tuple[dict[str, str], list[str]] | None],
        loaded: bool = True,
    ) -> None:
        self.base = base
        self.changes = changes
        self.loaded = loaded  # the base is the one stored

    @classmethod
    def load(cls, cache, table: str, salt: str) -> Last | None:
        """What the last run stored with ``salt``, or None (nothing, or values of another shape)."""
        base = Stored.load(cache.get(table, cls.BASE, salt))
        if base is None:
            return None
        changes = cache.get(table, cls.CHANGES, [salt, base.token])
        if not isinstance(changes, dict):
            return None
        try:
            for name, value in changes.items():
                if type(name) is not str:
                    return None
                if value is None:
                    continue
                outputs, deps = value
                if not (
                    type(outputs) is dict
                    and all(
                        type(p) is str and type(d) is str for p, d in outputs.items()
                    )
                    and type(deps) is list
                    and all(type(r) is str for r in deps)
                ):
                    return None
        except (TypeError, ValueError):
            return None
        return cls(base, changes)

    def entry(self, name: str) -> tuple[dict[str, str], list[str]] | None:
        """Entry ``name``: its outputs (path -> digest) and reads; None if none is stored."""
        if name in self.changes:
            return self.changes[name]
        j = self.base.index.get(name)
        return None if j is None else (self.base.outputs(j), self.base.deps(j))

    def readers(self, changed: set) -> tuple[set[int], set[str]]:
        """The base's entries that read any of ``changed`` (reads as ``encode`` gives them), and
        those reads as ``read_key`` gives them."""
        keys = {read_key(read) for read in changed}
        return self.base.readers(keys), keys

    def reading(self, changed: set) -> set[str]:
        """The names of the entries, as stored now (the changes over the base), that read any of
        ``changed`` (reads as ``encode`` gives them)."""
        hit, keys = self.readers(changed)
        names = self.base.names
        out = {names[j] for j in hit if names[j] not in self.changes}
        out.update(
            n
            for n, got in self.changes.items()
            if got is not None and not keys.isdisjoint(got[1])
        )
        return out

    def saved(
        self,
        salt: str,
        made: Mapping[str, tuple[dict[str, str], list[str]] | None],
        keep: set[str],
    ) -> dict[str, tuple[object, object]]:
        """What the cache keeps after a run that made ``made`` (None: made, but not to be
        stored) and has the entries ``keep``: path -> (key, value)."""
        base, index = self.base, self.base.index
        changes = {n: v for n, v in self.changes.items() if n in keep}
        changes.update(made)
        changes.update((n, None) for n in base.names if n not in keep)
        changes = {n: v for n, v in changes.items() if v is not None or n in index}
        if self.loaded and len(changes) <= max(self.CHANGES_KEPT, len(base.names) // 8):
            return {self.CHANGES: ((salt, base.token), changes)}
        entries = []
        for name in sorted(keep):
            got = changes[name] if name in changes else self.entry(name)
            if got is not None:
                entries.append((name, got[0], got[1]))
        value = Stored.dump(entries)
        return {
            self.BASE: (salt, value),
            self.CHANGES: ((salt, value["token"]), {}),
        }


class Stored:
    """Every rendering the cache keeps, as one value of few objects (the table of one entry per
    rendering took a quarter of a second to load on orq-node): entry ``j`` is named
    ``names[j]``, wrote ``outputs[out_at[j]:out_at[j + 1]]`` (None: the path is the name) with
    those ``digests``, and read ``reads[r]`` for each ``r`` of ``deps[dep_at[j]:dep_at[j + 1]]``;
    ``readers[read_at[r]:read_at[r + 1]]`` are the entries that read ``reads[r]``. Offsets and
    indexes are 4-byte unsigned integers as bytes (plain data the cache can hold)."""

    FORMAT = 1

    def __init__(self, value: dict) -> None:
        self.token: str = value["token"]
        self.names: list[str] = value["names"]
        self.paths: list[str | None] = value["outputs"]
        self.sums: list[str] = value["digests"]
        self.reads: list[str] = value["reads"]
        self.out_at = _ints(value["out_at"])
        self.dep_at = _ints(value["dep_at"])
        self.dep = _ints(value["deps"])
        self.read_at = _ints(value["read_at"])
        self.reader = _ints(value["readers"])
        n, r = len(self.names), len(self.reads)
        if not (
            value["format"] == self.FORMAT
            and type(self.token) is str
            and _all_of(self.names, str)
            and _all_of(self.reads, str)
            and _all_of(self.sums, str)
            and _all_of(self.paths, str, type(None))
            and len(self.sums) == len(self.paths)
            and _offsets(self.out_at, n, len(self.paths))
            and _offsets(self.dep_at, n, len(self.dep))
            and _offsets(self.read_at, r, len(self.reader))
            and (not self.dep or max(self.dep) < r)
            and (not self.reader or max(self.reader) < n)
        ):
            raise ValueError("not a stored memo")
        self.index = dict(zip(self.names, range(n)))
        if len(self.index) != n:
            raise ValueError("an entry stored twice")
        self._read_index: dict[str, int] | None = None

    @classmethod
    def load(cls, value: object) -> Stored | None:
        """The stored renderings, or None (none stored, or a value of another shape)."""
        if not isinstance(value, dict):
            return None
        try:
            return cls(value)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):
            return None

    @classmethod
    def dump(cls, entries: list[tuple[str, dict[str, str], list[str]]]) -> dict:
        """The value stored for ``entries``: (name, {path: digest}, [read, ...]); its ``token``
        is a digest of all of it."""
        names, paths, sums, reads = [], [], [], []  # type: ignore[var-annotated]
        out_at, dep_at, deps = [0], [0], []
        numbered: dict[str, int] = {}
        readers: list[list[int]] = []
        for j, (name, outputs, read) in enumerate(entries):
            names.append(name)
            for path, sha in outputs.items():
                paths.append(None if path == name else path)
                sums.append(sha)
            out_at.append(len(paths))
            for r in read:
                k = numbered.get(r)
                if k is None:
                    k = numbered[r] = len(reads)
                    reads.append(r)
                    readers.append([])
                deps.append(k)
                readers[k].append(j)
            dep_at.append(len(deps))
        read_at = [0]
        for row in readers:
            read_at.append(read_at[-1] + len(row))
        value: dict[str, object] = {
            "format": cls.FORMAT,
            "names": names,
            "outputs": paths,
            "digests": sums,
            "reads": reads,
            "out_at": _bytes(out_at),
            "dep_at": _bytes(dep_at),
            "deps": _bytes(deps),
            "read_at": _bytes(read_at),
            "readers": _bytes([j for row in readers for j in row]),
        }
        token = hashlib.sha256()
        for text in (names, [p or "" for p in paths], sums, reads):
            token.update("\0".join(text).encode("utf-8", "surrogatepass") + b"\1")
        for key in ("out_at", "dep_at", "deps"):
            token.update(value[key])  # type: ignore[arg-type]
        value["token"] = token.hexdigest()[:32]
        return value

    def outputs(self, j: int) -> dict[str, str]:
        """Entry ``j``'s outputs: path -> digest of the file it became."""
        a, b = self.out_at[j], self.out_at[j + 1]
        if b == a + 1:  # one file, mostly the entry itself
            return {self.paths[a] or self.names[j]: self.sums[a]}
        return {self.paths[k] or self.names[j]: self.sums[k] for k in range(a, b)}

    def deps(self, j: int) -> list[str]:
        reads = self.reads
        return [reads[r] for r in self.dep[self.dep_at[j] : self.dep_at[j + 1]]]

    def readers(self, keys: set[str]) -> set[int]:
        """The entries that read any of ``keys`` (reads as ``read_key`` gives them)."""
        if self._read_index is None:
            self._read_index = dict(zip(self.reads, range(len(self.reads))))
        at, read_at, reader = self._read_index.get, self.read_at, self.reader
        hit: set[int] = set()
        for key in keys:
            r = at(key)
            if r is not None:
                hit.update(reader[read_at[r] : read_at[r + 1]])
        return hit


def _bytes(ints: list[int]) -> bytes:
    return array.array("I", ints).tobytes()


def _ints(data: object) -> memoryview:
    """4-byte unsigned integers stored by ``_bytes``; ValueError for anything else."""
    if type(data) is not bytes or len(data) % 4:
        raise ValueError("not stored integers")
    return memoryview(data).cast("I")


def _offsets(at: memoryview, n: int, end: int) -> bool:
    """Whether ``at`` are the ``n + 1`` rising offsets of ``n`` runs that fill ``end`` items."""
    if len(at) != n + 1 or at[0] != 0 or at[n] != end:
        return False
    listed = at.tolist()
    return all(map(operator.le, listed, itertools.islice(listed, 1, None)))


def _all_of(items: list, *types: type) -> bool:
    """Whether ``items`` is a list of items of ``types`` (exactly: no subclass)."""
    return type(items) is list and set(map(type, items)) <= set(types)
