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
_PROP = re.compile(r'^\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$]*)):\s*(.*?)\s*$')
ITEM = "[]"


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
            while "=" not in line:  # prettier wraps a long `let value:\n  Type =\n    {`
                line += " " + next(lines, "=").strip()
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
            here = path()
            if here and here[-1] == ITEM:
                found.append(here)
            continue
        m = _PROP.match(text)
        if not m:
            continue
        key, value = m.group(1) if m.group(1) is not None else m.group(2), m.group(3)
        if value == "null":
            found.append(path() + (key,))
        elif value == "{":
            frames.append((key,))
        elif value == "[":
            frames.append((key, ITEM))
    return found


def _target(t: ir.TypeExpr, by_key: dict[ir.ModelKey, ir.Model]) -> ir.Model | None:
    while isinstance(t, ir.Nullable):
        t = t.inner
    return by_key.get(t.key) if isinstance(t, ir.Ref) and t.key is not None else None


def _field_at(root: ir.TypeExpr, path: tuple[str, ...], by_key) -> tuple[ir.ModelKey, str] | None:
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
        model = _target(t, by_key)
        if isinstance(model, ir.UnionModel):
            objects = [o for o in (_target(m, by_key) for m in model.members) if isinstance(o, ir.ObjectModel)]
            holders = [o for o in objects if any(f.name == step for f in o.fields)]
            if len(holders) != 1:
                return None
            model = holders[0]
        if not isinstance(model, ir.ObjectModel):
            return None
        field = next((f for f in model.fields if f.name == step), None)
        if field is None:
            return None
        if i == len(path) - 1:
            return model.key, field.name
        t = field.type
    return None


def nullable_from_examples(models: list[ir.Model], examples: list[tuple[ir.TypeExpr, str]]) -> list[ir.Model]:
    """Make required fields nullable where an example (root type, code) sets them to null."""
    by_key = {m.key: m for m in models}
    marks: set[tuple[ir.ModelKey, str]] = set()
    for root, code in examples:
        for path in null_paths(code):
            hit = _field_at(root, path, by_key)
            if hit is not None:
                marks.add(hit)
    if not marks:
        return models
    out = []
    for m in models:
        if isinstance(m, ir.ObjectModel) and any((m.key, f.name) in marks for f in m.fields):
            fields = tuple(
                replace(f, type=ir.Nullable(f.type))
                if (m.key, f.name) in marks and f.required and not isinstance(f.type, ir.Nullable)
                else f
                for f in m.fields
            )
            m = replace(m, fields=fields)
        out.append(m)
    return out
