"""Matching doc models to spec schemas, and joining each matched pair into one model.

Roots first: a doc model whose name is a ``components/schemas`` entry's (case and separators
aside; any namespace but ``operations``), and a doc model named for an operation's request or
response body (``{Op}RequestBody``, ``{Op}ResponseBody``; ``Op`` from the operationId, or the
method and path) matched to that body's schema (``ir.Operation``). Then structure: when doc model M is matched to schema S, each
field of M is matched to S's property of the same wire name (TypeScript's camelCase and Python's
snake_case SDK names meet it through ``shapes.norm``), and where the field's type names doc model
N and the property's names schema T (through lists, maps, nullability and union members paired
by likeness), N is matched to T. A doc model still unmatched after that is matched by name to a
schema nothing matched. The first match of a doc model wins; a second one is a ``conflict``.

Joining keeps the docs' keys, names, descriptions, examples, requiredness and types, and takes
from the spec: wire names, nullability, formats, constraints, defaults, read-/write-only,
discriminators and open enums. Every disagreement is a ``Drift``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from .. import ir
from ..frontends.markdown import EXTRA_FIELDS
from .report import Drift, JoinReport, where
from .shapes import (
    Side,
    constant,
    fits,
    join_prim,
    likeness,
    members_of,
    norm,
    pair_members,
    same_value,
    show,
    split_null,
)

# how alike (``shapes.likeness``, deep) a doc model and a schema must be to match by shape alone
SHAPE_MIN = 0.75


@dataclass(frozen=True)
class At:
    """Where a type being joined sits: the doc model and field (wire name; ``""`` for a union
    member), both sides' sources, and how deep inside the field's type (0: the field itself).
    """

    model: ir.Model
    field: str
    doc: ir.Source
    spec: ir.Source
    depth: int = 0
    required: bool = False

    def deeper(self) -> At:
        return replace(self, depth=self.depth + 1)


class Joiner:
    def __init__(self, docs: ir.Package, spec: ir.Package, report: JoinReport):
        self.docs = docs
        self.spec = spec
        self.doc = Side(docs)
        self.sp = Side(spec)
        self.report = report
        self.pairs: dict[ir.ModelKey, ir.ModelKey] = {}
        self.queue: deque[ir.ModelKey] = deque()
        self.joined: dict[ir.ModelKey, ir.Model] = {}
        # doc models that stand for a spec schema with no model of its own (a constant, a file)
        self.covered: dict[ir.ModelKey, ir.Source] = {}

    # ------------------------------------------------------------ matching

    def pair(self, d: ir.ModelKey, s: ir.ModelKey, how: str) -> None:
        have = self.pairs.get(d)
        if have is not None:
            if have != s:
                self.report.conflicts += 1
            return
        self.pairs[d] = s
        self.report.matched_by[how] += 1
        self.queue.append(d)

    def cover(self, d: ir.TypeExpr, at: At) -> None:
        m = self.doc.model(d)
        if m is not None and m.key not in self.pairs and m.key not in self.covered:
            self.covered[m.key] = at.spec
            self.report.matched_by["constant or file"] += 1

    def run(self) -> ir.Package:
        self.roots()
        self.bodies()
        self.drain()
        self.by_name()
        self.drain()
        self.by_shape()
        self.drain()
        self.unmatched()
        models = [self.joined.get(m.key, m) for m in self.docs.models]
        self.report.doc_models = len(self.docs.models)
        self.report.spec_models = len(self.spec.models)
        self.report.matched_models = len(self.pairs) + len(self.covered)
        self.report.doc_fields = sum(
            len(m.fields) for m in self.docs.models if isinstance(m, ir.ObjectModel)
        )
        return ir.package(models)

    def roots(self) -> None:
        """Doc models named as a ``components/schemas`` entry (not in ``operations``)."""
        components: dict[str, list[ir.Model]] = {}
        for m in self.spec.models:
            parts = m.source.pointer.split("/")
            if len(parts) == 4 and parts[1:3] == ["components", "schemas"]:
                components.setdefault(norm(parts[3]), []).append(m)
        for m in self.docs.models:
            if m.key.namespace.rsplit("/", 1)[-1] == "operations":
                continue
            found = components.get(norm(m.key.name), [])
            if found:
                # the same kind first, then the same spelling, then the first
                found = sorted(
                    found, key=lambda c: (c.kind != m.kind, c.key.name != m.key.name)
                )
                self.pair(m.key, found[0].key, "name")

    def bodies(self) -> None:
        """Doc models named ``{Op}RequestBody`` / ``{Op}...ResponseBody`` (``Op``: the operationId,
        else the method and the path's words), matched to that operation's body schemas: the
        plain name to the first (a response's: the first success), a longer one (a status, a
        media type) to the body most like it, errors among the failures."""
        ops = sorted(
            ((_op_name(op), op) for op in self.spec.operations),
            key=lambda x: (-len(x[0]), x[0]),
        )
        if not ops:
            return
        for m in self.docs.models:
            if m.key in self.pairs:
                continue
            n = norm(m.key.name)
            role = (
                "request"
                if n.endswith("requestbody")
                else "response" if n.endswith("responsebody") else ""
            )
            if not role:
                continue
            op = next((op for name, op in ops if name and n.startswith(name)), None)
            if op is None:
                continue
            bodies = [b for b in op.bodies if b.role == role and b.model is not None]
            error = m.key.namespace.rsplit("/", 1)[-1] == "errors"
            if role == "response":
                ok = [b for b in bodies if b.status.startswith("2")]
                bodies = (
                    [b for b in bodies if b not in ok]
                    if error
                    else ok + [b for b in bodies if b not in ok]
                )
            if not bodies:
                continue
            if n == _op_name(op) + role + "body" and not error:
                chosen = bodies[0]
            else:
                chosen = max(
                    bodies,
                    key=lambda b: likeness(
                        self.doc, self.sp, ir.Ref(m.key), ir.Ref(b.model), deep=2  # type: ignore[arg-type]
                    ),
                )
            assert chosen.model is not None
            if self.sp.models[chosen.model].kind == m.kind:
                self.pair(m.key, chosen.model, "operation")

    def by_name(self) -> None:
        """Doc models nothing reached, matched by name to a schema nothing matched."""
        taken = set(self.pairs.values())
        free: dict[str, list[ir.Model]] = {}
        for m in self.spec.models:
            if m.key not in taken:
                free.setdefault(norm(m.key.name), []).append(m)
        for m in self.docs.models:
            if m.key in self.pairs:
                continue
            ns = m.key.namespace.rsplit("/", 1)[-1]
            cands = [
                c
                for c in free.get(norm(m.key.name), [])
                if c.kind == m.kind and (not ns or c.key.namespace == ns)
            ]
            if cands:
                self.pair(m.key, cands[0].key, "name")
                taken.add(cands[0].key)
                free[norm(m.key.name)].remove(cands[0])

    def by_shape(self) -> None:
        """Doc models still unmatched, matched to the one schema nothing holds or matched whose
        shape (field names, and their types two levels down; enum values) is most like theirs,
        when that is clearly alike (``SHAPE_MIN``) and no other schema is as alike."""
        taken = set(self.pairs.values())
        pointers = {(m.source.file, m.source.pointer) for m in self.spec.models}
        free = [
            m
            for m in self.spec.models
            if m.key not in taken
            and isinstance(m, (ir.ObjectModel, ir.EnumModel))
            and not _held(m.source, pointers)
        ]
        index: dict[str, list[ir.Model]] = {}
        for m in free:
            names = (
                {norm(f.name) for f in m.fields}
                if isinstance(m, ir.ObjectModel)
                else {repr(x.value) for x in m.members}  # type: ignore[union-attr]
            )
            for n in names:
                index.setdefault(n, []).append(m)
        for m in self.docs.models:
            if m.key in self.pairs or m.key in self.covered:
                continue
            if isinstance(m, ir.ObjectModel):
                names = {norm(f.name) for f in m.fields}
            elif isinstance(m, ir.EnumModel) and len(m.members) > 1:
                names = {repr(x.value) for x in m.members}
            else:
                continue
            seen: dict[ir.ModelKey, ir.Model] = {}
            for n in sorted(names):
                for c in index.get(n, []):
                    if c.kind == m.kind and c.key not in taken:
                        seen.setdefault(c.key, c)
            scored = sorted(
                (
                    -likeness(self.doc, self.sp, ir.Ref(m.key), ir.Ref(k), deep=2),
                    str(k),
                    k,
                )
                for k in seen
            )
            if not scored or -scored[0][0] < SHAPE_MIN:
                continue
            if len(scored) > 1 and scored[1][0] == scored[0][0]:
                continue  # as like another: no way to tell
            self.pair(m.key, scored[0][2], "shape")
            taken.add(scored[0][2])

    def drain(self) -> None:
        docs = self.doc.models
        while self.queue:
            d = docs[self.queue.popleft()]
            s = self.sp.models[self.pairs[d.key]]
            self.joined[d.key] = self.join_model(d, s)

    def unmatched(self) -> None:
        ops = {_op_name(op) for op in self.spec.operations}
        for m in self.docs.models:
            if m.key in self.pairs or m.key in self.covered:
                continue
            if _wrapper(m, ops):
                self.report.wrappers.append(m)
                continue
            self.drift(
                "model-doc-only",
                m,
                "",
                m.source,
                None,
                m.kind,
                "",
                f"{m.kind} '{m.key}' matches no schema of the spec",
            )
        matched = set(self.pairs.values())
        pointers = {(m.source.file, m.source.pointer) for m in self.spec.models}
        for m in self.spec.models:
            if m.key in matched or _held(m.source, pointers):
                continue
            self.drift(
                "model-spec-only",
                None,
                "",
                None,
                m.source,
                "",
                m.kind,
                f"schema #{m.source.pointer} ({m.kind} {m.key.name}) matches no model "
                "of the docs",
            )

    # ------------------------------------------------------------ models

    def join_model(self, d: ir.Model, s: ir.Model) -> ir.Model:
        at = At(d, "", d.source, s.source)
        if isinstance(d, ir.ObjectModel) and isinstance(s, ir.ObjectModel):
            return self.join_object(d, s)
        if isinstance(d, ir.EnumModel) and isinstance(s, ir.EnumModel):
            return self.join_enum(d, s)
        if isinstance(d, ir.UnionModel) and isinstance(s, ir.UnionModel):
            return self.join_union(d, s)
        self.type_drift(at, ir.Ref(d.key), ir.Ref(s.key))
        return d

    def join_object(self, d: ir.ObjectModel, s: ir.ObjectModel) -> ir.ObjectModel:
        exact = {f.name: f for f in s.fields}
        loose: dict[str, list[ir.Field]] = {}
        for f in s.fields:
            loose.setdefault(norm(f.name), []).append(f)
        used: set[str] = set()
        fields = []
        for f in d.fields:
            sf = exact.get(f.name) if f.name not in used else None
            if sf is None:
                sf = next(
                    (x for x in loose.get(norm(f.name), []) if x.name not in used),
                    None,
                )
            if sf is None:
                self.drift(
                    "field-doc-only",
                    d,
                    f.name,
                    f.source,
                    s.source,
                    show(self.doc, f.type),
                    "",
                    f"field '{f.name}' of '{d.key}' is not a property of the spec's schema "
                    f"({where(s.source)})",
                )
                fields.append(f)
                continue
            used.add(sf.name)
            fields.append(self.join_field(d, f, sf))
        for sf in s.fields:
            if sf.name not in used:
                self.drift(
                    "field-spec-only",
                    d,
                    sf.name,
                    d.source,
                    sf.source,
                    "",
                    show(self.sp, sf.type),
                    f"'{d.key}' has no field for the spec's property '{sf.name}' "
                    f"({where(sf.source)})",
                )
        extra = d.extra
        if d.extra is not None and s.extra is not None:
            at = At(d, d.extra_name or "additionalProperties", d.source, s.source, 1)
            extra = self.join_type(d.extra, s.extra, at)
        elif (d.extra is None) != (s.extra is None) and s.extra != ir.ANY:
            name = d.extra_name or EXTRA_FIELDS[0]
            kind, docs_say, spec_says, what = (
                ("field-doc-only", show(self.doc, d.extra), "", "the docs")
                if d.extra is not None
                else ("field-spec-only", "", show(self.sp, s.extra), "the spec")  # type: ignore[arg-type]
            )
            self.drift(
                kind,
                d,
                name,
                d.source,
                s.source,
                docs_say,
                spec_says,
                f"only {what} give '{d.key}' additional properties "
                f"(spec: {where(s.source)})",
            )
        self.report.matched_fields += len(used)
        return replace(d, fields=tuple(fields), extra=extra)

    def join_field(self, m: ir.ObjectModel, f: ir.Field, sf: ir.Field) -> ir.Field:
        at = At(m, sf.name, f.source, sf.source, required=f.required)
        t = self.join_type(f.type, sf.type, at)
        if f.required != sf.required:
            say = ("required", "optional")
            self.drift(
                "required",
                m,
                sf.name,
                f.source,
                sf.source,
                say[not f.required],
                say[not sf.required],
                f"field '{f.name}' of '{m.key}' is {say[not f.required]} in the docs, "
                f"{say[not sf.required]} in the spec ({where(sf.source)})",
            )
        taken = self.report.taken
        if sf.name != f.name:
            taken["wire_names"] += 1
        if f.default is None and sf.default is not None:
            taken["defaults"] += 1
        if (sf.read_only or sf.write_only) and not (f.read_only or f.write_only):
            taken["read_write_only"] += 1
        return replace(
            f,
            name=sf.name,
            type=t,
            default=f.default if f.default is not None else sf.default,
            read_only=f.read_only or sf.read_only,
            write_only=f.write_only or sf.write_only,
        )

    def join_enum(self, d: ir.EnumModel, s: ir.EnumModel) -> ir.EnumModel:
        def has(xs: tuple[ir.EnumMember, ...], v: object) -> bool:
            return any(same_value(x.value, v) for x in xs)

        doc_only = [x.value for x in d.members if not has(s.members, x.value)]
        spec_only = [x.value for x in s.members if not has(d.members, x.value)]
        if doc_only or spec_only:
            parts = []
            if doc_only:
                parts.append(f"only the docs have {_values(doc_only)}")
            if spec_only:
                parts.append(f"only the spec has {_values(spec_only)}")
            self.drift(
                "enum",
                d,
                "",
                d.source,
                s.source,
                _values(doc_only),
                _values(spec_only),
                f"enum '{d.key}' differs from {where(s.source)}: " + "; ".join(parts),
            )
        if s.open and not d.open:
            self.report.taken["open_enums"] += 1
            return replace(d, open=True)
        return d

    def join_union(self, d: ir.UnionModel, s: ir.UnionModel) -> ir.UnionModel:
        if not d.known:
            return d
        at = At(d, "", d.source, s.source, 1)
        members, paired = self.join_members(d.members, s.members, at)
        disc = d.discriminator
        if disc is None and s.discriminator is not None:
            by_spec = {
                k: dk
                for i, j in paired
                if i is not None
                and j is not None
                and (dk := _key(members[i])) is not None
                and (k := _key(s.members[j])) is not None
            }
            mapping = [
                (v, by_spec[k]) for v, k in s.discriminator.mapping if k in by_spec
            ]
            if mapping and len(mapping) == len(s.discriminator.mapping):
                disc = ir.Discriminator(s.discriminator.property, tuple(mapping))
                self.report.taken["discriminators"] += 1
        return replace(d, members=tuple(members), discriminator=disc)

    # ------------------------------------------------------------ types

    def join_members(
        self,
        ds: tuple[ir.TypeExpr, ...],
        ss: tuple[ir.TypeExpr, ...],
        at: At,
    ) -> tuple[list[ir.TypeExpr], list[tuple[int | None, int | None]]]:
        """Each doc member joined with the spec member most like it; members on one side only
        are drift (the docs' kept)."""
        paired = pair_members(self.doc, self.sp, ds, ss)
        out = list(ds)
        for i, j in paired:
            if i is not None and j is not None:
                out[i] = self.join_type(ds[i], ss[j], at)
            elif i is not None:
                self.member_drift(at, show(self.doc, ds[i]), "", "the docs")
            elif j is not None:
                self.member_drift(at, "", show(self.sp, ss[j]), "the spec")
        return out, paired

    def join_type(self, d: ir.TypeExpr, s: ir.TypeExpr, at: At) -> ir.TypeExpr:
        """The docs' type ``d`` with what the spec's ``s`` adds (nullability, formats,
        constraints); doc models it names are matched to the schemas ``s`` names."""
        d_null, d_in = split_null(d)
        s_null, s_in = split_null(self.sp.resolve(s))
        if d_in == ir.ANY or s_in == ir.ANY:
            return d
        t = self._join(d_in, s_in, at)
        if s_null and not d_null:
            key = (
                "nullable_nested"
                if at.depth
                else ("nullable_required" if at.required else "nullable_optional")
            )
            self.report.taken[key] += 1
            return ir.Nullable(t)
        if d_null and not s_null:
            self.drift(
                "nullable",
                at.model,
                at.field,
                at.doc,
                at.spec,
                show(self.doc, d),
                show(self.sp, s),
                f"{self._what(at)} may be null in the docs, not in the spec ({where(at.spec)})",
            )
        return ir.Nullable(t) if d_null else t

    def _join(self, d: ir.TypeExpr, s: ir.TypeExpr, at: At) -> ir.TypeExpr:
        if d == ir.ANY or s == ir.ANY:
            return d
        dm, sm = self.doc.model(d), self.sp.model(s)
        dc, sc = constant(self.doc, d), constant(self.sp, s)
        if dc is not None or sc is not None:
            if dc is not None and sc is not None and same_value(dc.value, sc.value):
                if dm is not None and sm is not None and dm.kind == sm.kind:
                    self.pair(dm.key, sm.key, "structure")
                else:
                    self.cover(d, at)
                return d
            if sc is not None and isinstance(d, ir.Prim) and fits(d.kind, sc.value):
                return d  # the docs show a constant's type, not the constant
            return self.type_drift(at, d, s)
        if isinstance(s, ir.Prim) and s.format == "binary" and self.upload(d, at):
            return d
        if isinstance(d, ir.Prim) and isinstance(s, ir.Prim):
            p = join_prim(d, s)
            if p is None:
                return self.type_drift(at, d, s)
            if p.format != d.format:
                self.report.taken["formats"] += 1
            if p.constraints != d.constraints:
                self.report.taken["constraints"] += 1
            return p
        if isinstance(d, ir.ListOf) and isinstance(s, ir.ListOf):
            item = self.join_type(d.item, s.item, at.deeper())
            c = s.constraints if s.constraints != ir.NO_CONSTRAINTS else d.constraints
            if c != d.constraints:
                self.report.taken["constraints"] += 1
            return ir.ListOf(item, c)
        if isinstance(d, ir.DictOf) and isinstance(s, ir.DictOf):
            value = self.join_type(d.value, s.value, at.deeper())
            c = s.constraints if s.constraints != ir.NO_CONSTRAINTS else d.constraints
            if c != d.constraints:
                self.report.taken["constraints"] += 1
            return ir.DictOf(value, c)
        if dm is not None and sm is not None and dm.kind == sm.kind:
            self.pair(dm.key, sm.key, "structure")
            return d
        dms, sms = members_of(self.doc, d), members_of(self.sp, s)
        if dms is None and sms is not None and not isinstance(d, ir.UnionOf):
            if all(likeness(self.doc, self.sp, d, x) > 0 for x in sms):
                return d  # a union of types the docs show as one
        if isinstance(d, ir.UnionOf) and sms is not None:
            members, _ = self.join_members(d.members, sms, at.deeper())
            return ir.UnionOf(tuple(members))
        if dms is not None and isinstance(s, ir.UnionOf):
            self.join_members(dms, s.members, at.deeper())
            return d
        return self.type_drift(at, d, s)

    def upload(self, d: ir.TypeExpr, at: At) -> bool:
        """Whether a doc type is how an SDK shows a binary string (a file to upload: ``File |
        Blob | FileT``, an object of file name and content); its objects are then covered.
        """
        members = members_of(self.doc, d) or (d,)
        objects = [x for x in members if isinstance(self.doc.model(x), ir.ObjectModel)]
        binary = any(isinstance(x, ir.Prim) and x.format == "binary" for x in members)
        if not objects and not binary:
            return False
        for x in objects:
            self.cover(x, at)
        return True

    # ------------------------------------------------------------ drift

    def _what(self, at: At) -> str:
        if at.field:
            inside = " (inside)" if at.depth else ""
            return f"field '{at.field}'{inside} of '{at.model.key}'"
        return f"'{at.model.key}'"

    def type_drift(self, at: At, d: ir.TypeExpr, s: ir.TypeExpr) -> ir.TypeExpr:
        docs_say, spec_says = show(self.doc, d), show(self.sp, s)
        self.drift(
            "type",
            at.model,
            at.field,
            at.doc,
            at.spec,
            docs_say,
            spec_says,
            f"type of {self._what(at)} differs: the docs say {docs_say}, the spec "
            f"{spec_says} ({where(at.spec)}); the docs' kept",
        )
        return d

    def member_drift(self, at: At, docs_say: str, spec_says: str, side: str) -> None:
        self.drift(
            "member",
            at.model,
            at.field,
            at.doc,
            at.spec,
            docs_say,
            spec_says,
            f"only {side} list the member {docs_say or spec_says} of {self._what(at)} "
            f"(spec: {where(at.spec)})",
        )

    def drift(
        self,
        kind: str,
        model: ir.Model | None,
        field: str,
        doc: ir.Source | None,
        spec: ir.Source | None,
        docs_say: str,
        spec_says: str,
        message: str,
    ) -> None:
        name = str(model.key) if model is not None else (spec.pointer if spec else "")
        self.report.drift.append(
            Drift(kind, name, field, doc, spec, docs_say, spec_says, message)
        )


def _op_name(op: ir.Operation) -> str:
    """An operation's name as the SDKs spell it, normalized: the operationId, else the method and
    the path's words (``post /v2/pets/{id}`` -> ``postv2petsid``)."""
    return norm(op.id) or norm(op.method + op.path)


def _wrapper(m: ir.Model, operations: set[str]) -> bool:
    """Whether a doc model is one an SDK makes beside the spec's schemas: an operation's request
    (its parameters and body), its response (bodies by status and media type), its or the
    API's security."""
    n = norm(m.key.name)
    if n == "security":
        return True
    for suffix in ("request", "response", "security"):
        if n.endswith(suffix) and n[: -len(suffix)] in operations:
            return True
    return False


def _held(s: ir.Source, pointers: set[tuple[str, str]]) -> bool:
    """Whether another spec model's schema holds this one (a property's, an item's, ...)."""
    p = s.pointer
    while "/" in p:
        p = p.rsplit("/", 1)[0]
        if (s.file, p) in pointers:
            return True
    return False


def _key(t: ir.TypeExpr) -> ir.ModelKey | None:
    t = split_null(t)[1]
    return t.key if isinstance(t, ir.Ref) else None


def _values(vs: list) -> str:
    shown = ", ".join(show(Side(ir.Package(())), ir.Lit(v)) for v in vs[:8])
    return shown + (f" (+{len(vs) - 8} more)" if len(vs) > 8 else "")
