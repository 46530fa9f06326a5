"""The markdown front-end's link step: key every doc by (namespace, name), resolve its references
to keys, and build the IR models (JSON names and enum member names by each doc's dialect); then
take nullability from the examples (the ``null``s each dialect finds, followed by ``evidence``).

References resolve by link target (relative to the citing file, then by file base name) or by
qualified name (``components.TextPart``, ``models.X``, bare ``X``). Docs with one name in several
namespaces stay distinct.
"""

from __future__ import annotations

import posixpath

from ... import ir
from ...diagnostics import Diagnostics
from ...evidence import nullable_from_examples
from ...parse import RawDoc
from ...parse.dialects import DIALECTS
from ...parse.types import SKIP, RawRef


def namespace_of(path: str, model_roots: list[str]) -> str:
    """The doc's directory below its ``models`` dir (or below the docs root for ``docs/errors``)."""
    parts = path.split("/")[:-1]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() == "models":
            return "/".join(parts[i + 1 :])
    d = "/".join(parts)
    for root in model_roots:  # roots are the parents of models dirs, e.g. "docs"
        if root == "" or d == root or d.startswith(root + "/"):
            return d[len(root) :].strip("/") if root else d
    return d


class _Index:
    def __init__(self, docs: list[RawDoc], keys: dict[str, ir.ModelKey]):
        self.by_path = {d.path: keys[d.path] for d in docs}
        self.by_stem: dict[str, list[ir.ModelKey]] = {}
        self.by_name: dict[str, list[ir.ModelKey]] = {}
        for d in docs:
            k = keys[d.path]
            stem = posixpath.basename(d.path)[:-3].lower()
            self.by_stem.setdefault(stem, []).append(k)
            self.by_name.setdefault(k.name.lower(), []).append(k)

    def _pick(
        self, cands: list[ir.ModelKey], ns_hint: str, here: str
    ) -> ir.ModelKey | list[ir.ModelKey]:
        if len(cands) == 1:
            return cands[0]
        for want in (ns_hint, here):
            hit = [
                c
                for c in cands
                if c.namespace == want or (want and c.namespace.split("/")[-1] == want)
            ]
            if len(hit) == 1:
                return hit[0]
        return cands

    def resolve(self, ref: RawRef, citing: str, here: str) -> ir.ModelKey | None:
        found = self.lookup(ref, citing, here)
        return found if isinstance(found, ir.ModelKey) else None

    def lookup(
        self, ref: RawRef, citing: str, here: str
    ) -> ir.ModelKey | list[ir.ModelKey]:
        """The model a reference means, or the candidates (none, or several) if it means no one model."""
        if ref.target:
            path = ref.target.split("#", 1)[0]
            norm = posixpath.normpath(posixpath.join(posixpath.dirname(citing), path))
            if norm in self.by_path:
                return self.by_path[norm]
            stem = posixpath.basename(path)[:-3].lower()
            hint = posixpath.basename(posixpath.dirname(path))
            hint = "" if hint.lower() == "models" else hint
            return self._pick(self.by_stem.get(stem, []), hint, here)
        text = ref.text
        ns, _, name = text.rpartition(".")
        ns = ns.split(".")[-1] if ns else ""
        ns = "" if ns == "models" else ns
        low = name.lower()
        cands = (
            self.by_name.get(low, [])
            or self.by_stem.get(low, [])
            or self.by_stem.get(low + "_", [])
        )
        if ns:
            hit = [
                c
                for c in cands
                if c.namespace.split("/")[-1] == ns or (ns == "" and c.namespace == "")
            ]
            if len(hit) == 1:
                return hit[0]
        return self._pick(cands, ns, here)


def link(
    docs: list[RawDoc], diags: Diagnostics, allow_missing: bool = False
) -> list[ir.Model]:
    """The IR models of ``docs``, in doc order; duplicates and unresolved references are diagnostics."""
    roots = sorted(
        {
            "/".join(d.path.split("/")[: _models_at(d.path)])
            for d in docs
            if _models_at(d.path) >= 0
        }
    )
    keys: dict[str, ir.ModelKey] = {}
    seen: dict[ir.ModelKey, str] = {}
    kept: list[RawDoc] = []
    for d in docs:
        key = ir.ModelKey(namespace_of(d.path, roots), d.name)
        if key in seen:
            diags.error(
                d.path,
                d.line,
                f"model '{key}' is also defined in {seen[key]}",
                "link-duplicate",
                3,
            )
            continue
        seen[key] = d.path
        keys[d.path] = key
        kept.append(d)
    index = _Index(kept, keys)

    def resolve(t, d: RawDoc, line: int, col: int):
        """``t`` with every RawRef resolved to an ir.Ref; unresolved ones become Any (with
        allow_missing) or errors (then None)."""

        def one(r):
            if not isinstance(r, RawRef):
                return r
            found = index.lookup(r, d.path, keys[d.path].namespace)
            if isinstance(found, ir.ModelKey):
                return ir.Ref(found)
            what = f"unresolved reference '{r.text}'" + (
                f" ({r.target})" if r.target else ""
            )
            if found:
                shown = ", ".join(seen[k] for k in found[:4]) + (
                    ", ..." if len(found) > 4 else ""
                )
                what = f"ambiguous reference '{r.text}': it could mean {shown}"
            if allow_missing:
                diags.warning(
                    d.path, line, what + "; typed as Any", "link-unresolved", col
                )
                return ir.ANY
            diags.error(d.path, line, what, "link-unresolved", col)
            return None

        return ir.map_leaves(t, one)

    models: list[ir.Model] = []
    for d in kept:
        key = keys[d.path]
        dialect = DIALECTS[d.dialect]
        common = dict(
            key=key,
            description=d.description,
            deprecated=d.deprecated,
            source=ir.Source(d.path, d.line),
            path_hint=posixpath.basename(d.path)[:-3],
        )
        if d.kind == "enum":
            members = tuple(
                ir.EnumMember(
                    v.value,
                    ir.Source(d.path, v.line),
                    name_hint=dialect.member_name(d.name, v.name) if v.name else "",
                )
                for v in d.values
            )
            models.append(ir.EnumModel(members=members, open=d.open, **common))
        elif d.kind == "union":
            ms = []
            for m in d.members:
                if m.type is SKIP:
                    diags.info(
                        d.path,
                        m.line,
                        "event-stream member is not a JSON type; left out of the union",
                        "link-stream",
                    )
                    continue
                t = resolve(m.type, d, m.line, 5)
                if t is not None and t not in ms:
                    ms.append(t)
            if not d.members_known:
                diags.warning(
                    d.path,
                    d.line,
                    f"union '{d.name}' lists no members; typed as Any",
                    "link-union-unknown",
                    3,
                )
            models.append(
                ir.UnionModel(
                    members=tuple(ms), known=d.members_known and bool(ms), **common
                )
            )
        else:
            fields, extra, extra_name = [], None, ""
            for f in d.fields:
                if f.type is SKIP:
                    continue
                t = resolve(f.type, d, f.line, f.type_col)
                if t is None:
                    continue
                if f.name in dialect.extra_fields and isinstance(t, ir.DictOf):
                    extra, extra_name = t.value, dialect.json_name(f.name)
                    continue
                if (
                    f.json_name
                ):  # our own docs: the Field cell is the attribute, a column the JSON name
                    name, hint = f.json_name, f.name
                else:
                    name, hint = dialect.json_name(f.name), ""
                source = ir.Source(d.path, f.line, f.type_col)
                example = ir.Example(f.example) if f.example else None
                fields.append(
                    ir.Field(
                        name,
                        t,
                        f.required,
                        source,
                        f.description,
                        f.deprecated,
                        hint,
                        example,
                    )
                )
            models.append(
                ir.ObjectModel(
                    fields=tuple(fields), extra=extra, extra_name=extra_name, **common
                )
            )
    return nullable_from_examples(models, _null_paths(kept, keys, index))


def _null_paths(
    docs: list[RawDoc], keys: dict[str, ir.ModelKey], index: _Index
) -> list[tuple[ir.TypeExpr, list[tuple[str, ...]]]]:
    """(root type, paths set to null) of every example: Example Usage blocks of objects and union
    member blocks, each read by its doc's dialect."""
    out: list[tuple[ir.TypeExpr, list[tuple[str, ...]]]] = []
    for d in docs:
        dialect = DIALECTS[d.dialect]
        key = keys[d.path]
        if d.example and d.kind == "object":
            paths = dialect.null_paths(d.example)
            if paths:
                out.append((ir.Ref(key), paths))
        for m in d.members:
            if m.example and m.type is not SKIP:
                paths = dialect.null_paths(m.example)
                if not paths:
                    continue
                root = ir.map_leaves(
                    m.type,
                    lambda r: (
                        _resolved(r, index.resolve(r, d.path, key.namespace))
                        if isinstance(r, RawRef)
                        else r
                    ),
                )
                if root is not None:
                    out.append((root, paths))
    return out


def _resolved(r: RawRef, key: ir.ModelKey | None) -> ir.Ref | None:
    return None if key is None else ir.Ref(key)


def _models_at(path: str) -> int:
    parts = path.split("/")[:-1]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() == "models":
            return i
    return -1
