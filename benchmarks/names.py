"""Model names from a spec against the Speakeasy docs generated from it:
``python benchmarks/names.py SPEC DOCS [--show N]``.

SPEC is an OpenAPI document (or a folder of them); DOCS a folder of Speakeasy model docs
(``docs/models/**``). Both go through their front-end only (no passes). The docs' models are
matched to the spec's schemas structurally, never by name: from the roots (components, request
and response bodies or, for a body that is an array, its items; ``{Op}Request`` bundles) both
sides name the same way, through fields by JSON name (the docs show SDK names: compared without
case and separators) and union members by position. A docs model is *reproduced* when the spec's
model at the same place has its name (and namespace). Prints the figure, then the misses grouped
by the kind of place (``union member``, ``property enum``, ...), each with the name the spec
gave; docs models no path reaches are ``unmatched``. Docs of Speakeasy's earlier generators
(``shared`` for ``components``) are compared as ``components``. Exit status 0; ``figure()`` is
what tests use.

*Union siblings*: the schemas at the same place below each member of one union (the ``role`` of
every message kind) usually want the same names, and whichever is named first takes the shortest
free one. The spec names them in the members' order. The benchmark counts the groups the docs
name in that order, in a *rotated* order (a later member first, then the rest in order, wrapping
around: 2, 3, 1) and in any other order; a miss inside a rotated group is its own kind. On
seed-ts and the orq docs every group out of order is a rotation, and one union's properties are
rotated by different amounts: the order that of a Go map's iteration, which starts at a random
slot, not anything the spec says.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import ir  # noqa: E402
from generator.diagnostics import Diagnostics  # noqa: E402
from generator.frontends import LoadOptions, load_all  # noqa: E402
from generator.frontends.openapi.finish import rekey  # noqa: E402
from generator.read import read  # noqa: E402


def package(path: Path, policy: str = "speakeasy") -> ir.Package:
    """The front-end's IR of ``path`` (a folder or one file), before any pass."""
    diags = Diagnostics()
    files = read(path, diags)
    root = path if path.is_dir() else path.parent
    return load_all(files, diags, LoadOptions(root=str(root), names=policy))


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _refs(t: ir.TypeExpr) -> list[ir.ModelKey]:
    return [r.key for r in ir.walk_refs(t)]


def _is_root(pointer: str) -> bool:
    parts = pointer.split("/")
    if len(parts) == 4 and parts[1] in ("components", "paths"):
        return True  # a component; an operation's {Op}Request
    if len(parts) == 6 and parts[4] == "responses":
        return True  # {Op}Response
    # /paths/P/M/requestBody/content/T/schema or /paths/P/M/responses/S/content/T/schema
    if len(parts) in (8, 9) and parts[1] == "paths" and parts[-1] == "schema":
        return True
    # the items of a body that is an array (the docs show no model for the array itself)
    return (
        len(parts) in (9, 10)
        and parts[1] == "paths"
        and parts[-2:] == ["schema", "items"]
    )


def align(spec: ir.Package, docs: ir.Package) -> dict[ir.ModelKey, ir.Model]:
    """Docs model key -> the spec model at the same place."""
    s_by, d_by = spec.by_key(), docs.by_key()
    todo: list[tuple[ir.ModelKey, ir.ModelKey]] = [
        (m.key, m.key)
        for m in spec.models
        if m.key in d_by and _is_root(m.source.pointer)
    ]
    pairs: dict[ir.ModelKey, ir.Model] = {}
    while todo:
        sk, dk = todo.pop(0)
        if dk in pairs or sk not in s_by or dk not in d_by:
            continue
        s, d = s_by[sk], d_by[dk]
        pairs[dk] = s
        if isinstance(s, ir.ObjectModel) and isinstance(d, ir.ObjectModel):
            fields = {_norm(f.name): f for f in d.fields}
            for f in s.fields:
                g = fields.get(_norm(f.name))
                if g is not None:
                    todo += zip(_refs(f.type), _refs(g.type))
        elif isinstance(s, ir.UnionModel) and isinstance(d, ir.UnionModel):
            a = [k for t in s.members for k in _refs(t)]
            b = [k for t in d.members for k in _refs(t)]
            todo += zip(a, b)
    return pairs


def kind_of(m: ir.Model) -> str:
    """The kind of place a spec model comes from, for grouping the misses."""
    p = m.source.pointer.split("/")
    if len(p) == 4 and p[1] == "paths":
        return "request bundle"
    if p[:2] == ["", "components"]:
        if len(p) == 4:
            return "component"
        where = "component inline"
    else:
        where = "operation"
    if _is_root(m.source.pointer):
        return "request body" if "requestBody" in p else "response body"
    if p[-2] in ("oneOf", "anyOf"):
        return f"{where}: union member"
    if "parameters" in p and "requestBody" not in p and "responses" not in p:
        return f"{where}: parameter"
    what = {ir.ObjectModel: "object", ir.EnumModel: "enum", ir.UnionModel: "union"}[
        type(m)
    ]
    return f"{where}: {'items' if p[-1] == 'items' else 'property'} {what}"


ROTATED = "union siblings named in a rotated order"
_MEMBER = re.compile(r"/(?:anyOf|oneOf)/(\d+)(?=/)")


def sibling_orders(
    spec: ir.Package, pairs: dict[ir.ModelKey, ir.Model]
) -> dict[str, list[list[tuple[str, str]]]]:
    """The union sibling groups (see the module docstring) whose every member the docs name, by
    the order the docs name them in: ``in order``, ``rotated`` or ``other``; each group as
    (docs name, spec name) pairs in the members' order."""

    def addr(m: ir.Model) -> str:
        return f"{m.source.file}#{m.source.pointer}"

    docs_of = {addr(s): dk for dk, s in pairs.items()}
    groups: dict[tuple[str, str, str], list[tuple[int, ir.Model]]] = defaultdict(list)
    for m in spec.models:
        pointer = m.source.pointer
        for hit in _MEMBER.finditer(pointer):
            place = (m.source.file, pointer[: hit.start(1)], pointer[hit.end(1) :])
            groups[place].append((int(hit.group(1)), m))
    out: dict[str, list[list[tuple[str, str]]]] = defaultdict(list)
    for _, members in sorted(groups.items()):
        if len(members) < 2 or any(addr(m) not in docs_of for _, m in members):
            continue
        members.sort(key=lambda im: im[0])
        docs_names = [docs_of[addr(m)] for _, m in members]
        spec_names = [m.key for _, m in members]
        if sorted(map(str, spec_names)) != sorted(map(str, docs_names)):
            continue  # not the same names between them: no order to read
        # the members in the order the docs named them: the spec's names are in claim order
        order = [docs_names.index(s) for s in spec_names]
        n = len(order)
        if order == list(range(n)):
            kind = "in order"
        elif order == [(order[0] + k) % n for k in range(n)]:
            kind = "rotated"
        else:
            kind = "other"
        out[kind].append([(str(d), str(s)) for d, s in zip(docs_names, spec_names)])
    return dict(out)


@dataclass
class Figure:
    total: int
    reproduced: int
    misses: dict[str, list[tuple[str, str]]]  # kind -> (docs name, spec name)
    same_names: int  # docs names the spec names anywhere (namespace and name)
    matched: int  # docs models the alignment found a schema for
    siblings: dict[str, int]  # union sibling groups by the docs' order (sibling_orders)

    def lines(self, show: int) -> list[str]:
        out = [
            f"reproduced: {self.reproduced}/{self.total} "
            f"({100 * self.reproduced / max(self.total, 1):.1f}%) docs model names, at the same schema",
            f"of matched: {self.reproduced}/{self.matched} "
            f"({100 * self.reproduced / max(self.matched, 1):.1f}%) of the docs models found in the spec",
            f"anywhere:   {self.same_names}/{self.total} docs model names exist among the spec's",
            "union sibling groups the docs name: "
            + ", ".join(
                f"{self.siblings.get(k, 0)} {k}"
                for k in ("in order", "rotated", "other")
            ),
        ]
        for kind in sorted(self.misses, key=lambda k: (-len(self.misses[k]), k)):
            items = self.misses[kind]
            out.append(f"  {kind}: {len(items)}")
            for d, s in items[:show]:
                out.append(f"    {d}  (spec: {s})")
        return out


def _era(docs: ir.Package) -> ir.Package:
    """Docs of Speakeasy's earlier generators call the components' folder ``shared``."""
    if not any(m.key.namespace == "shared" for m in docs.models):
        return docs
    keys = {
        m.key: (
            ir.ModelKey("components", m.key.name)
            if m.key.namespace == "shared"
            else m.key
        )
        for m in docs.models
    }
    return ir.Package(tuple(rekey(m, keys) for m in docs.models))


def figure(spec_path: Path, docs_path: Path, policy: str = "speakeasy") -> Figure:
    spec, docs = package(spec_path, policy), _era(package(docs_path))
    pairs = align(spec, docs)
    names = {m.key for m in spec.models}
    misses: dict[str, list[tuple[str, str]]] = defaultdict(list)
    orders = sibling_orders(spec, pairs)
    rotated = {d for group in orders.get("rotated", ()) for d, s in group if d != s}
    reproduced = 0
    for m in sorted(docs.models, key=lambda m: str(m.key)):
        s = pairs.get(m.key)
        if s is not None and s.key == m.key:
            reproduced += 1
        elif str(m.key) in rotated:
            misses[ROTATED].append((str(m.key), str(s.key) if s else "-"))
        elif s is None:
            misses[f"unmatched {m.kind}"].append((str(m.key), "-"))
        elif s.key.namespace == m.key.namespace and m.key.name == s.key.name + "T":
            # TypeScript's docs add T to names of its globals (Function, Object, File)
            misses["TypeScript global (docs add T)"].append((str(m.key), str(s.key)))
        else:
            misses[kind_of(s)].append((str(m.key), str(s.key)))
    same = sum(1 for m in docs.models if m.key in names)
    siblings = {k: len(v) for k, v in orders.items()}
    return Figure(
        len(docs.models), reproduced, dict(misses), same, len(pairs), siblings
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("spec", type=Path)
    ap.add_argument("docs", type=Path)
    ap.add_argument("--show", type=int, default=10, help="misses to print per kind")
    ap.add_argument(
        "--names",
        default="speakeasy",
        choices=("speakeasy", "stable"),
        help="the naming policy (default: speakeasy, the docs' own rule)",
    )
    args = ap.parse_args()
    print(f"names policy: {args.names}")
    print("\n".join(figure(args.spec, args.docs, args.names).lines(args.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
