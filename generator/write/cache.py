"""What a run keeps in ``OUT/.gen-models/cache/`` for the next one: the stages' results, by what
they were made from, so a run after a small edit redoes only what the edit reaches.

Entries live in tables, one entry per input or output path: ``get(table, path, key)`` gives the
value stored for ``path`` only if it was stored under the same ``key`` (content hashes and
everything else the value was made from), so an old entry is a miss, never a wrong answer.

Nothing here is trusted blindly. Each file starts with a header line naming the cache format, what
made it (the generator's version and a digest of its own code, Python's version, the versions of
the libraries whose output it holds) and the SHA-256 of the rest; a file whose header or digest
does not match is ignored: a cold run, never an error. Tables are pickles in shards, read only
when a run asks for them, by an unpickler that makes plain data (dicts, lists, strings, numbers)
and, in the object tables (parsed docs, linked models), gen-models' own frozen dataclasses and
enums: it cannot name any other class or any function, so loading cannot run code. (A file
made by hand to pass these checks could at worst make a wrong value: whoever can write
``OUT/.gen-models`` can write OUT's modules too.)

The folder is local bookkeeping (``.gen-models/.gitignore`` keeps it out of commits); only
``write`` saves it, under OUT's lock, after the output is in place, and only the files that changed.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import io
import json
import os
import pickle
import sys
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from ..version import VERSION

FOLDER = "cache"
FORMAT = 1
SHARDS = (
    16  # object tables are split so an edit rewrites one shard, not the whole table
)
MAGIC = b"gen-models-cache "
OBJECT_TABLES = ("parse", "link", "evidence")
_MISSING = object()


def code_digest() -> str:
    """SHA-256 of the generator's own source and templates: a changed generator (an edited
    checkout, another release with the same version number) never reuses another's results.
    """
    here = Path(__file__).resolve().parent.parent
    roots = [here, here / "templates", here.parent / "templates"]
    h = hashlib.sha256()
    for root in roots:
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
            for name in sorted(filenames):
                if name.endswith((".py", ".jinja")):
                    path = os.path.join(dirpath, name)
                    with open(path, "rb") as fh:
                        data = fh.read()
                    rel = os.path.relpath(path, root).replace(os.sep, "/")
                    h.update(f"{rel}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def library_version(module: str) -> str:
    """The installed version of a library, from its ``*.dist-info`` folder name, without importing
    it (importing black alone costs a tenth of a second); else where it is and when it changed.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return "missing"
    if spec is None or not spec.origin:
        return "missing"
    origin = Path(spec.origin)
    package_dir = origin.parent if spec.submodule_search_locations else origin
    site = package_dir.parent
    dist = {"yaml": "PyYAML", "markdown_it": "markdown_it_py"}.get(module, module)
    try:
        names = os.listdir(site)
    except OSError:
        names = []
    for name in sorted(names):
        stem, _, ext = name.partition("-")
        if ext.endswith(".dist-info") and stem.lower() == dist.lower():
            return ext[: -len(".dist-info")]
    try:
        return f"{origin}@{os.stat(origin).st_mtime_ns}"
    except OSError:
        return str(origin)


def made_by(code: str | None = None) -> dict[str, str]:
    """What a cache file must have been made by to be used."""
    return {
        "gen-models": VERSION,
        "code": code if code is not None else code_digest(),
        "python": sys.version,
        "markdown-it-py": library_version("markdown_it"),
        "jinja2": library_version("jinja2"),
        "black": library_version("black"),
    }


# ---------------------------------------------------------------- safe unpickling


class _Unpickler(pickle.Unpickler):
    """Makes plain data (dicts, lists, tuples, strings, numbers, bytes: what pickle writes with
    opcodes of its own) and, in object tables, gen-models' own dataclasses, named tuples, enums and named
    singletons (``parse.types.SKIP``) of modules already imported: nothing else can be named, so
    a damaged or hostile file cannot make an object that runs code."""

    def __init__(self, file, objects: bool):
        super().__init__(file)
        self.objects = objects

    def find_class(self, module: str, name: str) -> object:
        obj = (
            getattr(sys.modules.get(module), name, None)
            if self.objects and _ours(module)
            else None
        )
        if obj is not None and _allowed(obj, name):
            return obj
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


# the modules whose values the cache holds: the IR, what the parsers and front-ends make of a
# doc, diagnostics
_DATA_MODULES = (
    "generator.ir",
    "generator.diagnostics",
    "generator.parse",
    "generator.frontends",
)


def _ours(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in _DATA_MODULES)


def _allowed(obj: object, name: str) -> bool:
    if isinstance(obj, type):
        frozen = dataclasses.is_dataclass(obj) and obj.__dataclass_params__.frozen  # type: ignore[attr-defined]
        named_tuple = issubclass(obj, tuple) and "_fields" in vars(obj)
        return (
            (frozen and "__setstate__" not in vars(obj))
            or named_tuple  # made by tuple.__new__: no code of the class runs
            or issubclass(obj, enum.Enum)
        )
    reduce = getattr(type(obj), "__reduce__", None)
    return (
        _ours(type(obj).__module__)
        and reduce is not object.__reduce__
        and obj.__reduce__() == name
    )


def _loads(data: bytes, objects: bool) -> object:
    return _Unpickler(io.BytesIO(data), objects).load()


# ---------------------------------------------------------------- digests


class Digests:
    """Digests of IR values (models, their names), by value: the SHA-256 of the value's pickle
    (without memo), which only an equal value has. Remembered per object for the run (objects
    the cache gave come with theirs), so each is computed at most once. Were two equal values to
    pickle differently, their digests would differ and a run would redo work, never less.
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, bytes]] = (
            {}
        )  # id -> (object kept alive, digest)
        # id -> the pickle a digest was made from this run (``pickled``: the render snapshot
        # stores them, so a run that hashed a model stores it without pickling it again)
        self._pickles: dict[int, bytes] = {}
        self._packed: dict[int, bytes] = {}

    def remember(self, obj: object, digest: bytes, packed: bytes | None = None) -> None:
        """``obj``'s digest, known already; ``packed``: its pickle, compressed (``packed``)."""
        self._known[id(obj)] = (obj, digest)
        if packed is not None:
            self._packed[id(obj)] = packed

    def known(self, obj: object) -> bool:
        got = self._known.get(id(obj))
        return got is not None and got[0] is obj

    def packed(self, obj: object) -> bytes | None:
        """``obj``'s pickle compressed (zlib), if a worker handed it over (``remember``)."""
        return self._packed.get(id(obj)) if self.known(obj) else None

    def of(self, obj: object) -> bytes:
        if obj is None:
            return b"-"
        known = self._known.get(id(obj))
        if known is not None and known[0] is obj:
            return known[1]
        data = value_pickle(obj)
        digest = hashlib.sha256(data).digest()[:16]
        self._known[id(obj)] = (obj, digest)
        self._pickles[id(obj)] = data
        return digest

    def pickled(self, obj: object) -> bytes | None:
        """The pickle ``of(obj)`` hashed, if it pickled ``obj`` this run (``pickle_digest`` of
        it is the digest); None if the digest came with the object."""
        known = self._known.get(id(obj))
        if known is None or known[0] is not obj:
            return None
        return self._pickles.get(id(obj))


def value_pickle(obj: object) -> bytes:
    """``obj``'s pickle as ``Digests`` hashes it: without memo, an object met twice is written
    twice, so the bytes depend on the value alone, not on which of its parts happen to be one
    shared object (the IR has no cycles)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(obj)
    return buffer.getvalue()


def pickle_digest(data: bytes) -> bytes:
    """The digest ``Digests.of`` gives the value whose pickle is ``data``."""
    return hashlib.sha256(data).digest()[:16]


# ---------------------------------------------------------------- files


def _pack(header: dict[str, object], payload: bytes) -> bytes:
    head = dict(header, sha256=hashlib.sha256(payload).hexdigest())
    return MAGIC + json.dumps(head, sort_keys=True).encode("ascii") + b"\n" + payload


def _unpack(data: bytes, header: dict[str, object]) -> bytes | None:
    """The payload, if the file is one of ours, made by what is running now, and undamaged."""
    if not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", 0, 1 << 16)
    if end < 0:
        return None
    try:
        head = json.loads(data[len(MAGIC) : end])
    except ValueError:
        return None
    payload = data[end + 1 :]
    if (
        not isinstance(head, dict)
        or head.pop("sha256", None) != hashlib.sha256(payload).hexdigest()
    ):
        return None
    return payload if head == header else None


class Cache:
    """The tables of one OUT (an empty cache for a new OUT or a damaged folder). ``get`` and ``put``
    by path and key; ``prune`` drops paths a run no longer has; ``save`` writes what changed (and removes the
    shards other code made).

    Every table is split in ``SHARDS`` files by its paths' CRC, written only if one of their
    entries changed: an edit costs a few files. A shard is read when a path of it is first asked
    for: a table asked only for the edited docs' paths (``parse``) reads a few shards.
    """

    def __init__(self, meta: Path | None, made: dict[str, str]):
        self.digests = Digests()
        self.folder = None if meta is None else meta / FOLDER
        self.header = {"format": FORMAT, "made_by": made}
        self._shards: dict[tuple[str, int], dict[str, object]] = {}
        self._dirty: set[tuple[str, int]] = set()

    @staticmethod
    def _name(table: str, n: int) -> str:
        return f"{table}-{n:02d}.pickle"

    def _shard(self, table: str, n: int) -> dict[str, object]:
        """Path -> entry: ``(key, value)`` in object tables, ``[key, value]`` in plain ones."""
        found = self._shards.get((table, n))
        if found is None:
            found = {}
            payload = None
            if self.folder is not None:
                try:
                    with open(self.folder / self._name(table, n), "rb") as fh:
                        payload = _unpack(fh.read(), self.header)
                except OSError:
                    payload = None
            if payload is not None:
                try:
                    doc = _loads(payload, objects=table in OBJECT_TABLES)
                    # every entry a (key, value) pair, as put makes them: tested in C, at once
                    if (
                        type(doc) is dict
                        and set(map(type, doc.values())) <= {list, tuple}
                        and set(map(len, doc.values())) <= {2}
                    ):
                        found = doc
                except Exception:  # any damage: a miss, never an error
                    found = {}
            self._shards[(table, n)] = found
        return found

    def _of(self, table: str, path: str) -> dict[str, object]:
        """The shard of ``table`` that holds ``path`` (only that one is read)."""
        return self._shard(table, _shard_of(path))

    def get(self, table: str, path: str, key: object) -> object:
        """The value stored for ``path`` under exactly ``key``, else None."""
        entry = self._of(table, path).get(path)
        if entry is None:
            return None
        want = key if table in OBJECT_TABLES else _plain(key)
        return entry[1] if entry[0] == want else None  # type: ignore[index]

    def get_many(
        self, table: str, wanted: Iterable[tuple[str, object]]
    ) -> list[object]:
        """``get`` of each (path, key) of ``wanted``, in order: one call for every doc of a
        run (18,000 on orq-node), each shard found once."""
        objects = table in OBJECT_TABLES
        merged = self.table(table)
        out: list[object] = []
        for path, key in wanted:
            entry = merged.get(path)
            if entry is None:
                out.append(None)
                continue
            want = key if objects else _plain(key)
            out.append(entry[1] if entry[0] == want else None)  # type: ignore[index]
        return out

    def entry(self, table: str, path: str) -> tuple[object, object] | None:
        """(key, value) stored for ``path``, whatever the key."""
        entry = self._of(table, path).get(path)
        return None if entry is None else (entry[0], entry[1])  # type: ignore[index]

    def table(self, table: str) -> Mapping[str, object]:
        """Path -> stored entry (``[key, value]``, ``(key, value)`` in object tables) of every
        shard of ``table``, to look many paths up at once; read only, and as the table was
        when asked for."""
        merged: dict[str, object] = {}
        for n in range(SHARDS):
            merged.update(self._shard(table, n))
        return MappingProxyType(merged)

    def paths(self, table: str) -> list[str]:
        """Every path ``table`` holds."""
        return [p for n in range(SHARDS) for p in self._shard(table, n)]

    def put(self, table: str, path: str, key: object, value: object) -> None:
        n = _shard_of(path)
        shard = self._shard(table, n)
        new = (key, value) if table in OBJECT_TABLES else [_plain(key), value]
        old = shard.get(path, _MISSING)
        if old is _MISSING or old != new:
            shard[path] = new
            self._dirty.add((table, n))

    def prune(self, table: str, keep: Iterable[str]) -> None:
        """Forget every path of ``table`` not in ``keep``."""
        keep = keep if isinstance(keep, (set, frozenset, dict)) else set(keep)
        self.forget(table, [p for p in self.paths(table) if p not in keep])

    def forget(self, table: str, paths: Iterable[str]) -> None:
        """Forget ``paths`` (reading only the shards that hold them)."""
        for path in paths:
            n = _shard_of(path)
            if self._shard(table, n).pop(path, None) is not None:
                self._dirty.add((table, n))

    @property
    def dirty(self) -> bool:
        return bool(self._dirty)

    def save(self, meta: Path) -> None:
        """Write the shards that changed (each atomically; no fsync: a torn file fails its digest
        next time and is a miss). Call with OUT's lock held."""
        folder = meta / FOLDER
        folder.mkdir(exist_ok=True)
        for table, n in sorted(self._dirty):
            entries = dict(sorted(self._shards[(table, n)].items()))
            payload = pickle.dumps(entries, protocol=5)
            name = self._name(table, n)
            tmp = folder / (name + ".tmp")
            with open(tmp, "wb") as fh:
                fh.write(_pack(self.header, payload))
            os.replace(tmp, folder / name)
        self._dirty.clear()
        self._remove_foreign(folder)

    def _remove_foreign(self, folder: Path) -> None:
        """Remove the shards another generator made (another code, format or Python): this one
        never reads them, and those of a table the running code no longer has (the render
        table before the memo's base form: 13 MB on orq-node) would otherwise stay for good.
        Shards read or written by this run are ours; any other file named as a shard is
        looked at by its header, and only one of gen-models' cache files is removed."""
        header = json.dumps(self.header, sort_keys=True)
        ours = {self._name(t, n) for (t, n), found in self._shards.items() if found}
        try:
            names = [e.name for e in os.scandir(folder) if _is_shard_name(e.name)]
        except OSError:
            return
        for name in sorted(set(names) - ours):
            try:
                with open(folder / name, "rb") as fh:
                    head = fh.read(1 << 12)
                if not head.startswith(MAGIC) or _made(head) == header:
                    continue
                os.unlink(folder / name)
            except OSError:
                continue  # another run's, or gone: left as it is


_TABLE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz_")


def _is_shard_name(name: str) -> bool:
    """Whether ``name`` is a shard's file name as ``Cache._name`` makes them (``heads-07.pickle``)."""
    table, dash, rest = name.rpartition("-")
    return (
        bool(dash and table)
        and set(table) <= _TABLE_CHARS
        and len(rest) == 9
        and rest[:2].isascii()
        and rest[:2].isdigit()
        and rest.endswith(".pickle")
    )


def _made(head: bytes) -> str | None:
    """The header of a cache file as ``Cache.header`` dumps (without its digest), or None."""
    end = head.find(b"\n")
    try:
        found = json.loads(head[len(MAGIC) : end if end >= 0 else None])
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    found.pop("sha256", None)
    return json.dumps(found, sort_keys=True)


def _shard_of(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogatepass")) % SHARDS


def _plain(key: object) -> object:
    """A key as JSON gives it back (tuples as lists)."""
    if isinstance(key, tuple):
        return [_plain(k) for k in key]
    return key
