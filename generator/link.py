"""Stage 3, link: key every doc by (namespace, name), resolve references, and build the IR.

References resolve by link target (relative to the citing file, then by file base name) or by
qualified name (``components.TextPart``, ``models.X``, bare ``X``). Docs with one name in several
namespaces stay distinct.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace

from . import ir, names
from .diagnostics import Diagnostics
from .evidence import nullable_from_examples
from .parse import RawDoc
from .parse.types import SKIP

EXTRA_FIELDS = ("additionalProperties", "__pydantic_extra__")

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

    def _pick(self, cands: list[ir.ModelKey], ns_hint: str, here: str) -> ir.ModelKey | list[ir.ModelKey]:
        if len(cands) == 1:
            return cands[0]
        for want in (ns_hint, here):
            hit = [c for c in cands if c.namespace == want or (want and c.namespace.split("/")[-1] == want)]
            if len(hit) == 1:
                return hit[0]
        return cands

    def resolve(self, ref: ir.Ref, citing: str, here: str) -> ir.ModelKey | None:
        found = self.lookup(ref, citing, here)
        return found if isinstance(found, ir.ModelKey) else None

    def lookup(self, ref: ir.Ref, citing: str, here: str) -> ir.ModelKey | list[ir.ModelKey]:
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
        cands = self.by_name.get(low, []) or self.by_stem.get(low, []) or self.by_stem.get(low + "_", [])
        if ns:
            hit = [c for c in cands if c.namespace.split("/")[-1] == ns or (ns == "" and c.namespace == "")]
            if len(hit) == 1:
                return hit[0]
        return self._pick(cands, ns, here)


def link(docs: list[RawDoc], diags: Diagnostics, allow_missing: bool = False) -> ir.Package:
    roots = sorted({"/".join(d.path.split("/")[: _models_at(d.path)]) for d in docs if _models_at(d.path) >= 0})
    keys: dict[str, ir.ModelKey] = {}
    seen: dict[ir.ModelKey, str] = {}
    kept: list[RawDoc] = []
    for d in docs:
        key = ir.ModelKey(namespace_of(d.path, roots), d.name)
        if key in seen:
            diags.error(d.path, d.line, f"model '{key}' is also defined in {seen[key]}", "link-duplicate", 3)
            continue
        seen[key] = d.path
        keys[d.path] = key
        kept.append(d)
    modules = _module_paths(kept, keys)
    index = _Index(kept, keys)
    class_names = {keys[d.path]: names.safe_class(d.name) for d in kept}

    def resolve(t, d: RawDoc, line: int, col: int):
        """Fill in Ref.key everywhere in t; unresolved refs become Any (with allow_missing) or errors."""

        def one(r: ir.Ref):
            found = index.lookup(r, d.path, keys[d.path].namespace)
            if isinstance(found, ir.ModelKey):
                return replace(r, key=found)
            what = f"unresolved reference '{r.text}'" + (f" ({r.target})" if r.target else "")
            if found:
                shown = ", ".join(seen[k] for k in found[:4]) + (", ..." if len(found) > 4 else "")
                what = f"ambiguous reference '{r.text}': it could mean {shown}"
            if allow_missing:
                diags.warning(d.path, line, what + "; typed as Any", "link-unresolved", col)
                return ir.ANY
            diags.error(d.path, line, what, "link-unresolved", col)
            return None

        return ir.map_refs(t, one)

    models: list[ir.Model] = []
    for d in kept:
        key = keys[d.path]
        common = dict(
            key=key,
            class_name=class_names[key],
            module=modules[key],
            description=d.description,
            deprecated=d.deprecated,
            source=ir.Source(d.path, d.line),
        )
        if d.kind == "enum":
            taken: set[str] = set()
            members = tuple(ir.EnumMember(names.enum_member(v.value, v.name, taken), v.value, ir.Source(d.path, v.line)) for v in d.values)
            models.append(ir.EnumModel(members=members, open=d.open, **common))
        elif d.kind == "union":
            ms = []
            for m in d.members:
                if m.type is SKIP:
                    diags.info(d.path, m.line, "event-stream member is not a JSON type; left out of the union", "link-stream")
                    continue
                t = resolve(m.type, d, m.line, 5)
                if t is not None and t not in ms:
                    ms.append(t)
            if not d.members_known:
                diags.warning(d.path, d.line, f"union '{d.name}' lists no members; typed as Any", "link-union-unknown", 3)
            models.append(ir.UnionModel(members=tuple(ms), discriminator=None, known=d.members_known and bool(ms), **common))
        else:
            fields, extra, extra_name = [], None, ""
            taken = set()
            for f in d.fields:
                if f.type is SKIP:
                    continue
                t = resolve(f.type, d, f.line, f.type_col)
                if t is None:
                    continue
                if f.name in EXTRA_FIELDS and isinstance(t, ir.DictOf):
                    extra, extra_name = t.value, f.name
                    continue
                if f.json_name:
                    documented = f.json_name
                    attr = f.name if f.name.isidentifier() and f.name not in names.RESERVED_ATTRS and f.name not in taken else names.safe_attr(f.name, taken)
                else:
                    documented = names.json_name_of_python_field(f.name) if d.dialect == "python" else f.name
                    attr = names.safe_attr(documented, taken)
                taken.add(attr)
                fields.append(ir.Field(documented, attr, t, f.required, f.description, f.deprecated, f.example, ir.Source(d.path, f.line, f.type_col)))
            models.append(ir.ObjectModel(fields=tuple(fields), extra=extra, extra_name=extra_name, **common))
    models = nullable_from_examples(models, _ts_examples(kept, keys, index))
    by_key = {m.key: m for m in models}
    models = [_literal_consts(m, by_key) for m in models]
    by_key = {m.key: m for m in models}
    models = [_discriminate(m, by_key) if isinstance(m, ir.UnionModel) else m for m in models]
    return ir.Package(tuple(sorted(models, key=lambda m: m.module)))


def _ts_examples(docs: list[RawDoc], keys: dict[str, ir.ModelKey], index: _Index) -> list[tuple[ir.TypeExpr, str]]:
    """(root type, code) of every TypeScript example: Example Usage blocks and union member blocks."""
    out: list[tuple[ir.TypeExpr, str]] = []
    for d in docs:
        if d.dialect != "typescript":
            continue
        key = keys[d.path]
        if d.example and d.kind == "object":
            out.append((ir.Ref(d.name, key=key), d.example))
        for m in d.members:
            if m.example and m.type is not SKIP:
                root = ir.map_refs(m.type, lambda r: _with_key(r, index.resolve(r, d.path, key.namespace)))
                if root is not None:
                    out.append((root, m.example))
    return out


def _with_key(r: ir.Ref, key: ir.ModelKey | None) -> ir.Ref | None:
    return None if key is None else replace(r, key=key)


def _models_at(path: str) -> int:
    parts = path.split("/")[:-1]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() == "models":
            return i
    return -1


def _module_paths(docs: list[RawDoc], keys: dict[str, ir.ModelKey]) -> dict[ir.ModelKey, str]:
    """Dotted module paths: namespace dirs as packages, the file stem as module, all made safe and unique."""
    out: dict[ir.ModelKey, str] = {}
    packages = {tuple(names.safe_module(p) for p in keys[d.path].namespace.split("/")) if keys[d.path].namespace else () for d in docs}
    subpackages: dict[tuple[str, ...], set[str]] = {}
    for pkg in packages:
        for i in range(len(pkg)):
            subpackages.setdefault(pkg[:i], set()).add(pkg[i])
    taken: dict[tuple[str, ...], set[str]] = {}
    for d in sorted(docs, key=lambda d: d.path):
        key = keys[d.path]
        pkg = tuple(names.safe_module(p) for p in key.namespace.split("/")) if key.namespace else ()
        base = names.safe_module(posixpath.basename(d.path)[:-3])
        used = taken.setdefault(pkg, set(subpackages.get(pkg, ())))
        mod, n = base, 2
        while mod in used:
            mod, n = f"{base}_{n}", n + 1
        used.add(mod)
        out[key] = ".".join(pkg + (mod,))
    return out


def _literal_consts(m: ir.Model, by_key: dict[ir.ModelKey, ir.Model]) -> ir.Model:
    """A reference to a closed one-value enum is that constant (Speakeasy's Python docs spell TS consts so)."""
    if not isinstance(m, ir.ObjectModel):
        return m

    def const(r: ir.Ref) -> ir.TypeExpr:
        target = by_key.get(r.key)  # type: ignore[arg-type]
        if isinstance(target, ir.EnumModel) and len(target.members) == 1 and not target.open:
            return ir.Lit(target.members[0].value)
        return r

    fields = tuple(replace(f, type=ir.map_refs(f.type, const)) for f in m.fields)
    return replace(m, fields=fields) if fields != m.fields else m


def _discriminate(u: ir.UnionModel, by_key: dict[ir.ModelKey, ir.Model]) -> ir.UnionModel:
    """A discriminator exists when every member is an object with a required one-value field of distinct values."""
    if len(u.members) < 2 or not all(isinstance(t, ir.Ref) for t in u.members):
        return u
    objs = [by_key.get(t.key) for t in u.members]  # type: ignore[union-attr]
    if not all(isinstance(o, ir.ObjectModel) for o in objs):
        return u
    for cand in objs[0].fields:  # type: ignore[union-attr]
        values = []
        for o in objs:
            f = next((f for f in o.fields if f.attr == cand.attr and f.name == cand.name), None)  # type: ignore[union-attr]
            if f is None or not f.required or not isinstance(f.type, ir.Lit):
                break
            values.append(f.type.value)
        else:
            if len(set(map(repr, values))) == len(values):
                return replace(u, discriminator=cand.attr)
    return u
