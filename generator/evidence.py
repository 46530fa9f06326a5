"""Part of the markdown front-end (``frontends/markdown/links.py``): nullability evidence from TypeScript examples.

TypeScript Type cells never say a field is nullable, but Speakeasy writes ``null`` in an example
only for a nullable property. Examples are prettier-formatted, one property a line, so a small line
scanner finds the paths set to ``null`` (``("modelInfo", "dbModel")``, ``("choices", "[]", "x")``);
following a path through the IR names the field that must accept null.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import ir

_DECL = re.compile(r"^\s*(?:let|const|var)\s+[\w$]+\s*:")
# the value (group 3) is stripped by the caller: ``(.*?)\s*$`` rescans a run of spaces inside it
# from each of its characters, quadratic in the run
_PROP = re.compile(r'^\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$]*)):(.*)$', re.S)
ITEM = "[]"
# paths deeper than this are not followed (real examples nest a handful of levels); each null found
# costs its depth, so an unbounded depth would make a deep example quadratic
MAX_DEPTH = 64


def null_paths(code: str) -> list[tuple[str, ...]]:
    """Paths an example block sets to ``null``: property names, ``[]`` for array items."""
    frames: list[tuple[str, ...]] = []  # what each open object/array adds to the path
    found: list[tuple[str, ...]] = []
    started = False

    def path() -> tuple[str, ...]:
        return tuple(step for frame in frames for step in frame)

    lines = iter(code.split("\n"))
    for line in lines:
        if not started:
            if not _DECL.match(line):
                continue
            if "=" not in line:  # prettier wraps a long `let value:\n  Type =\n    {`
                parts = [line]
                while "=" not in parts[-1]:
                    parts.append(next(lines, "=").strip())
                line = " ".join(parts)
            started = True
            rest = line.split("=", 1)[1].strip()
            if not rest:
                rest = next(lines, "").strip()
            if not rest.startswith(("{", "[")):
                return []
            frames.append((ITEM,) if rest.startswith("[") else ())
            continue
        text = line.strip().rstrip(",;")
        if not text:
            continue
        if text[0] in "}]":
            if frames:
                frames.pop()
            if not frames:
                break
            continue
        if text in ("{", "["):
            frames.append((ITEM,) if text == "[" else ())
            continue
        if text == "null":
            if len(frames) <= MAX_DEPTH:
                here = path()
                if here and here[-1] == ITEM:
                    found.append(here)
            continue
        m = _PROP.match(text)
        if not m:
            continue
        key, value = m.group(1) if m.group(1) is not None else m.group(2), m.group(
            3
        ).strip()
        if value == "null":
            if len(frames) <= MAX_DEPTH:
                found.append(path() + (key,))
        elif value == "{":
            frames.append((key,))
        elif value == "[":
            frames.append((key, ITEM))
    return found


class _Index:
    """Models by key, fields by name and union members by the fields they hold, each built once:
    scanning every field for every step of every path is quadratic in a model of many fields.
    """

    def __init__(self, models: list[ir.Model]):
        self.by_key = {m.key: m for m in models}
        self._fields: dict[ir.ModelKey, dict[str, ir.Field]] = {}
        self._holders: dict[ir.ModelKey, dict[str, ir.ObjectModel | None]] = {}

    def target(self, t: ir.TypeExpr) -> ir.Model | None:
        while isinstance(t, ir.Nullable):
            t = t.inner
        return (
            self.by_key.get(t.key)
            if isinstance(t, ir.Ref) and t.key is not None
            else None
        )

    def field(self, model: ir.ObjectModel, name: str) -> ir.Field | None:
        """The first field of ``model`` named ``name``."""
        fields = self._fields.get(model.key)
        if fields is None:
            fields = self._fields[model.key] = {}
            for f in model.fields:
                fields.setdefault(f.name, f)
        return fields.get(name)

    def holder(self, union: ir.UnionModel, name: str) -> ir.ObjectModel | None:
        """The one object member of ``union`` with a field ``name``; None if none or several."""
        holders = self._holders.get(union.key)
        if holders is None:
            holders = self._holders[union.key] = {}
            for o in (self.target(m) for m in union.members):
                if isinstance(o, ir.ObjectModel):
                    for field in {f.name for f in o.fields}:
                        holders[field] = None if field in holders else o
        return holders.get(name)


def _field_at(
    root: ir.TypeExpr, path: tuple[str, ...], index: _Index
) -> tuple[ir.ModelKey, str] | None:
    """The (object model, field name) a path ends at, if the IR says so unambiguously."""
    t = root
    for i, step in enumerate(path):
        while isinstance(t, ir.Nullable):
            t = t.inner
        if isinstance(t, ir.ListOf):
            if step != ITEM:
                return None
            t = t.item
            continue
        if isinstance(t, ir.DictOf):
            t = t.value  # any key
            continue
        model = index.target(t)
        if isinstance(model, ir.UnionModel):
            model = index.holder(model, step)
        if not isinstance(model, ir.ObjectModel):
            return None
        field = index.field(model, step)
        if field is None:
            return None
        if i == len(path) - 1:
            return model.key, field.name
        t = field.type
    return None


def nullable_from_examples(
    models: list[ir.Model], examples: list[tuple[ir.TypeExpr, str]]
) -> list[ir.Model]:
    """Make required fields nullable where an example (root type, code) sets them to null."""
    index = _Index(models)
    marks: set[tuple[ir.ModelKey, str]] = set()
    for root, code in examples:
        for path in null_paths(code):
            hit = _field_at(root, path, index)
            if hit is not None:
                marks.add(hit)
    if not marks:
        return models
    out = []
    for m in models:
        if isinstance(m, ir.ObjectModel) and any(
            (m.key, f.name) in marks for f in m.fields
        ):
            fields = tuple(
                (
                    replace(f, type=ir.Nullable(f.type))
                    if (m.key, f.name) in marks
                    and f.required
                    and not isinstance(f.type, ir.Nullable)
                    else f
                )
                for f in m.fields
            )
            m = replace(m, fields=fields)
        out.append(m)
    return out
