"""YAML/JSON text to a plain tree with a line:col for every node: safe and bounded.

The text is composed into YAML nodes (libyaml's C composer where present) and converted here:
no Python object is ever constructed from a tag, plain scalars are read by YAML 1.2's core schema
(the JSON-compatible one OpenAPI means), not YAML 1.1's: ``yes``/``no``/``on``/``off`` and
``2024-01-01`` stay strings, ``12:30`` is no sexagesimal number, ``0777`` is 777, ``1e5`` is a number,
``.inf``/``.nan`` (not JSON) stay text; mapping keys are strings as written, aliases are shared (never copied) and the
size of the tree they would expand to is bounded, so a billion-laughs file is an error, not a hang.

``load(text, file)`` gives a ``Loaded``: ``root`` (``YMap``/``YList``/scalars) or None, and the
problems found. ``YMap.pos`` / ``YList.pos`` is the node's (line, col); ``YMap.key_pos[k]`` the
position of key ``k`` and ``YList.item_pos[i]`` that of item ``i``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import cast

import yaml

try:  # the C composer is many times faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

# nodes the expanded tree may hold, at most: aliases multiply nodes, this bounds the product
MAX_EXPANDED = 5_000_000
MAX_DEPTH = 1000

Pos = tuple[int, int]


class YMap(dict):
    """A mapping with string keys, its position and its keys' positions."""

    __slots__ = ("key_pos", "pos")

    def __init__(self, pos: Pos = (1, 1)) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}


class YList(list):
    """A sequence, its position and its items' positions."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos = (1, 1)) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


@dataclass
class Problem:
    line: int
    col: int
    message: str
    code: str
    severity: str = "error"


@dataclass
class Loaded:
    root: object = None
    problems: list[Problem] = field(default_factory=list)


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = {_INT, _FLOAT, _BOOL, _NULL}
# tags YAML 1.1 gives plain scalars; a plain scalar with one of them is read by the 1.2 core schema
_PLAIN_TAGS = {_INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _STR}
_constructor = yaml.constructor.SafeConstructor()

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_CORE_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_CORE_BOOL = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_OCT = re.compile(r"0o[0-7]+")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


class _Loader(_SafeLoader):
    """The safe loader, telling only the tags the conversion reads: a plain scalar is read by
    the core schema there (``_core``), so YAML 1.1's resolution of its type (a regex match per
    scalar, called back from the composer) would be thrown away; only a plain ``<<`` (a merge
    key) and a plain empty or ``~`` key (null) are told apart. No path resolvers."""

    def resolve(self, kind, value, implicit):  # noqa: D102
        if kind is yaml.ScalarNode:
            if implicit[0]:  # plain
                if value == "<<":
                    return _MERGE
                if value == "" or value == "~":
                    return _NULL
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):  # noqa: D102
        return None

    def ascend_resolver(self):  # noqa: D102
        return None


def _pos(node: yaml.Node) -> Pos:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def load(text: str, file: str = "") -> Loaded:
    """The tree of ``text`` (YAML 1.1 or JSON). Never raises on bad input."""
    out = Loaded()
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if file.lower().endswith(".json"):
            return _load_json(text, out, (line, col, exc.problem or str(exc)))
        out.problems.append(
            Problem(
                line, col, f"not valid YAML: {exc.problem or exc}", "openapi-syntax"
            )
        )
        return out
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        out.problems.append(Problem(1, 1, f"not valid YAML: {exc}", "openapi-syntax"))
        return out
    if node is None:
        return out
    conv = _Converter(out.problems)
    try:
        root = conv.convert(node, 0)
        # aliases share nodes (converted once); only then can the expanded tree be huge
        if conv.shared and conv.size(node) > MAX_EXPANDED:
            out.problems.append(
                Problem(
                    *_pos(node),
                    f"the document expands to more than {MAX_EXPANDED:,} nodes through aliases; not read",
                    "openapi-alias-bomb",
                )
            )
            return out
        out.root = root
    except _Cycle as exc:
        out.problems.append(
            Problem(
                *exc.pos,
                "an alias refers to a node that contains it (a cycle); not read",
                "openapi-alias-cycle",
            )
        )
    except RecursionError:
        out.problems.append(
            Problem(
                1, 1, "the document is nested too deeply; not read", "openapi-too-deep"
            )
        )
    return out


def _load_json(text: str, out: Loaded, yaml_problem: tuple[int, int, str]) -> Loaded:
    """JSON that YAML 1.1 does not read (rare escapes): positions are then line 1."""
    try:
        out.root = json.loads(
            text, object_pairs_hook=_json_map, parse_constant=lambda c: None
        )
    except (ValueError, RecursionError) as exc:
        line, col, _ = yaml_problem
        out.problems.append(
            Problem(
                getattr(exc, "lineno", line),
                getattr(exc, "colno", col),
                f"not valid JSON: {exc}",
                "openapi-syntax",
            )
        )
    return out


def _json_map(pairs):
    m = YMap()
    for k, v in pairs:
        m[k] = v
        m.key_pos[k] = (1, 1)
    return m


class _Cycle(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


class _Converter:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.done: dict[int, object] = {}
        self.active: set[int] = set()
        self.sizes: dict[int, int] = {}
        self.shared = False  # a node was reached twice (through an alias)

    def size(self, root: yaml.Node) -> int:
        """Nodes of the tree with every alias expanded (memoized, iterative; capped)."""
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        onstack: set[int] = set()
        while stack:
            node, ready = stack.pop()
            key = id(node)
            if key in self.sizes:
                continue
            kids = _children(node)
            if not ready:
                if key in onstack:
                    raise _Cycle(_pos(node))
                onstack.add(key)
                stack.append((node, True))
                for k in kids:
                    if id(k) in onstack and id(k) not in self.sizes:
                        raise _Cycle(_pos(k))
                    stack.append((k, False))
            else:
                onstack.discard(key)
                total = 1 + sum(self.sizes[id(k)] for k in kids)
                self.sizes[key] = min(total, MAX_EXPANDED + 1)
        return self.sizes[id(root)]

    def convert(self, node: yaml.Node, depth: int) -> object:
        key = id(node)
        if key in self.done:
            self.shared = True
            return self.done[key]
        if key in self.active:
            raise _Cycle(_pos(node))
        if depth > MAX_DEPTH:
            raise RecursionError
        cls = type(node)
        if cls is yaml.ScalarNode:
            scalar = cast(yaml.ScalarNode, node)
            # a quoted string is its text; plain scalars are read by the core schema
            value = (
                scalar.value
                if scalar.style and scalar.tag == _STR
                else self.scalar(scalar)
            )
            self.done[key] = value
            return value
        self.active.add(key)
        if cls is yaml.SequenceNode:
            seq = YList(_pos(node))
            positions = seq.item_pos
            for item in node.value:
                mark = item.start_mark
                positions.append((mark.line + 1, mark.column + 1))
                seq.append(self.convert(item, depth + 1))
            value = seq
        else:
            m = YMap(_pos(node))
            key_pos = m.key_pos
            for k, v in node.value:
                if k.tag == _MERGE:
                    self.problems.append(
                        Problem(
                            *_pos(k),
                            "YAML merge keys ('<<') are not read",
                            "openapi-merge-key",
                            "warning",
                        )
                    )
                    continue
                name = (
                    k.value
                    if type(k) is yaml.ScalarNode
                    else str(self.convert(k, depth + 1))
                )
                if k.tag == _NULL and k.value in ("", "~"):
                    name = "null" if k.value == "" else k.value
                mark = k.start_mark
                if name in m:
                    self.problems.append(
                        Problem(
                            mark.line + 1,
                            mark.column + 1,
                            f"key {name!r} repeats (first at line {key_pos[name][0]}); the last one is read",
                            "openapi-duplicate-key",
                            "warning",
                        )
                    )
                key_pos[name] = (mark.line + 1, mark.column + 1)
                m[name] = self.convert(v, depth + 1)
            value = m
        self.active.discard(key)
        self.done[key] = value
        return value

    def scalar(self, node: yaml.ScalarNode) -> object:
        if not node.style and node.tag in _PLAIN_TAGS:  # plain: None (C composer: "")
            return _core(node.value)
        if node.tag in _SCALAR_TAGS:  # an explicit tag on a quoted scalar: '!!int "3"'
            try:
                value = _constructor.construct_object(node)
            except (yaml.YAMLError, ValueError, OverflowError):
                return node.value
            if isinstance(value, float) and not math.isfinite(value):
                return node.value  # .nan, .inf: not JSON; keep the text
            return value
        # strings, timestamps, binary and unknown tags: the text as written
        return node.value


def _core(text: str) -> object:
    """A plain scalar by the YAML 1.2 core schema; what is no JSON value stays text."""
    if text in _CORE_NULL:
        return None
    if text in _CORE_BOOL:
        return _CORE_BOOL[text]
    try:
        if _CORE_INT.fullmatch(text):
            return int(text)
        if _CORE_OCT.fullmatch(text):
            return int(text[2:], 8)
        if _CORE_HEX.fullmatch(text):
            return int(text[2:], 16)
    except ValueError:  # more digits than Python converts: keep the text
        return text
    if _CORE_FLOAT.fullmatch(text):
        value = float(text)
        return value if math.isfinite(value) else text  # 1e999: not a JSON double
    return text


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for kv in node.value for n in kv]
    return []
