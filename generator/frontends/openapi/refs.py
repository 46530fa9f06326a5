"""Documents and ``$ref``: JSON pointers, located nodes, and references within a file, to sibling
files (loaded on first use, never outside the input root) and in cycles (the caller keeps the
set of references it is following; resolution itself is one step).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

from ...diagnostics import Diagnostics
from ...read import _load
from .load import Loaded, Pos, YList, YMap, load


class Loc(NamedTuple):
    """A node of a loaded document: its file, JSON pointer and value. ``pos``: its line and
    column as ``Documents.position`` gives them, known when it was reached from a document's
    root by ``child`` (None: ``position`` finds it by the pointer). A tuple: the builder makes
    one per schema and keyword it reads (a frozen dataclass cost three times as much).
    """

    file: str
    pointer: str
    node: object
    pos: Pos | None = None

    @property
    def addr(self) -> str:
        return f"{self.file}#{self.pointer}"

    def child(self, *keys: str | int) -> Loc | None:
        """The node below this one at ``keys`` (None if it is not there)."""
        node, pointer, pos = self.node, self.pointer, self.pos
        for k in keys:
            if isinstance(node, dict) and isinstance(k, str) and k in node:
                if pos is not None and isinstance(node, YMap):
                    pos = node.key_pos.get(k, pos)
                node = node[k]
            elif isinstance(node, list) and isinstance(k, int) and 0 <= k < len(node):
                if pos is not None and isinstance(node, YList):
                    pos = node.item_pos[k]
                node = node[k]
            else:
                return None
            pointer += "/" + escape(str(k))
        return Loc(self.file, pointer, node, pos)


def escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def split_pointer(pointer: str) -> list[str]:
    return [unescape(s) for s in pointer.split("/")[1:]] if pointer else []


class Documents:
    """Every document of the input by path (posix, relative to the input root), loaded once.

    ``texts`` are the files the input holds; ``read`` reads one more (a sibling a ``$ref`` names)
    or returns None. Load problems are reported through ``report(file, problems)``.
    """

    def __init__(
        self,
        texts: dict[str, str],
        read: Callable[[str], str | None],
        report: Callable[[str, Loaded], None],
    ) -> None:
        self.texts = texts
        self.read = read
        self.report = report
        self.loaded: dict[str, Loaded] = {}
        # (file, pointer) -> (node, position): see _located
        self._positions: dict[tuple[str, str], tuple[object, Pos] | None] = {}

    def get(self, file: str) -> Loaded | None:
        if file in self.loaded:
            return self.loaded[file]
        text = self.texts.get(file)
        if text is None:
            text = self.read(file)
        if text is None:
            return None
        result = self.loaded[file] = load(text, file)
        self.report(file, result)
        return result

    def root(self, file: str) -> Loc | None:
        doc = self.get(file)
        if doc is None or doc.root is None:
            return None
        return Loc(file, "", doc.root, getattr(doc.root, "pos", (1, 1)))

    def resolve(self, here: str, ref: str) -> tuple[Loc | None, str]:
        """The node ``ref`` names from file ``here``, or (None, why not)."""
        target, _, fragment = ref.partition("#")
        if target:
            if "://" in target or target.startswith("/"):
                return (
                    None,
                    "only references to files beside the spec are read (not URLs or absolute paths)",
                )
            file = posixpath.normpath(
                posixpath.join(posixpath.dirname(here), unquote(target))
            )
            if file.startswith("../") or file == "..":
                return None, f"'{target}' is outside the input folder"
        else:
            file = here
        root = self.root(file)
        if root is None:
            return None, (
                f"file '{file}' cannot be read"
                if file != here
                else "the document is empty"
            )
        fragment = unquote(fragment)
        if fragment and not fragment.startswith("/"):
            return None, "only JSON-pointer fragments are supported (not anchors)"
        loc: Loc | None = root
        for seg in split_pointer(fragment):
            assert loc is not None
            node = loc.node
            key: str | int = seg
            if isinstance(node, list):
                key = int(seg) if seg.isdigit() else -1
            loc = loc.child(key)
            if loc is None:
                return None, f"'{fragment}' is not in '{file}'"
        return loc, ""

    def position(self, loc: Loc) -> Pos:
        """The line and column of ``loc``: its key (or item) in the container that holds it."""
        if loc.pos is not None:
            return loc.pos
        found = self._located(loc.file, loc.pointer)
        return found[1] if found is not None else (1, 1)

    def _located(self, file: str, pointer: str) -> tuple[object, Pos] | None:
        """The node at ``pointer`` and its position, or the nearest one above it when the
        pointer leaves the document; memoized per (file, pointer), so a position costs one step
        from its parent's."""
        key = (file, pointer)
        if key in self._positions:
            return self._positions[key]
        if not pointer:
            doc = self.loaded.get(file)
            if doc is None or doc.root is None:
                return None  # not loaded (yet): not remembered
            found: tuple[object, Pos] | None = (
                doc.root,
                getattr(doc.root, "pos", (1, 1)),
            )
        else:
            parent, _, seg = pointer.rpartition("/")
            found = self._located(file, parent)
            if found is None:
                return None
            else:
                node, pos = found
                seg = unescape(seg)
                if isinstance(node, YMap) and seg in node:
                    found = (node[seg], node.key_pos.get(seg, pos))
                elif isinstance(node, YList) and seg.isdigit() and int(seg) < len(node):
                    found = (node[int(seg)], node.item_pos[int(seg)])
                else:
                    found = (_OUTSIDE, pos)
        self._positions[key] = found
        return found


_OUTSIDE = (
    object()
)  # a pointer below a node that is not there: positions stay at the last one


def reader(root: Path | None) -> Callable[[str], str | None]:
    """Reads files below ``root`` (None: reads nothing) by the read stage's rules: regular files
    only (never blocking on a FIFO or reading a device), at most ``read.MAX_BYTES``, UTF-8.
    """

    def read(file: str) -> str | None:
        if root is None:
            return None
        try:
            path = (root / file).resolve()
            path.relative_to(root.resolve())
        except (OSError, RuntimeError, ValueError):
            return None
        data = _load(
            path, file, Diagnostics()
        )  # None when it is not a regular file or too large
        if data is None:
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    return read
