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

from collections import Counter, deque
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
    resemblance,
    same_value,
    show,
    split_null,
)

# how alike (``shapes.likeness``, deep) a doc model and a schema must be to match by shape alone
SHAPE_MIN = 0.75
# how many schemas whose names alone are alike enough get the closer look
SHAPE_NEAR = 8
# how much more alike than the next one the chosen schema must be
SHAPE_MARGIN = 0.1


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
        # doc models an SDK makes around an operation, and what only they name
        self.wrapped: set[ir.ModelKey] = set()
        # the models each doc model names; the spec's schema addresses
        self.refs = {m.key: _refs(m) for m in docs.models}
        self.pointers = {(m.source.file, m.source.pointer) for m in spec.models}

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
        self.wrappers()
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
            bodies = [
                b
                for b in op.bodies
                if b.role == role and b.model is not None and not b.items
            ]
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
            self.pair(m.key, chosen.model, "operation")

    def wrappers(self) -> None:
        """The models an SDK makes around an operation (``_wrapper``): not schemas of the spec,
        but what they hold is: a request's ``requestBody`` field is the operation's request body,
        a response's members (or fields) its response bodies (most alike first)."""
        ops = {_op_name(op): op for op in self.spec.operations}
        for m in self.docs.models:
            if m.key in self.pairs or m.key in self.covered:
                continue
            op = _wrapper(m, ops)
            if op is None:
                continue
            self.wrapped.add(m.key)
            n = norm(m.key.name)
            role = "request" if n.endswith("request") else "response"
            bodies: list[ir.TypeExpr] = [
                ir.ListOf(ir.Ref(b.model)) if b.items else ir.Ref(b.model)
                for b in op.bodies
                if b.role == role and b.model is not None
            ]
            if role == "request" and isinstance(m, ir.ObjectModel):
                held = [f.type for f in m.fields if norm(f.name) == "requestbody"]
            elif isinstance(m, ir.UnionModel):
                held = list(m.members)
            elif isinstance(m, ir.ObjectModel):
                held = [f.type for f in m.fields]
            else:
                held = []
            held = [t for t in held if self.doc.model(split_null(t)[1]) is not None]
            for i, j in pair_members(self.doc, self.sp, tuple(held), tuple(bodies)):
                if i is not None and j is not None:
                    d = self.doc.model(split_null(held[i])[1])
                    s = self.sp.model(bodies[j])
                    if d is not None and s is not None and d.kind == s.kind:
                        self.pair(d.key, s.key, "operation")

    def wrapped_only(self) -> None:
        """Unmatched doc models that only wrappers name (an operation's parameter types) count
        as the wrappers' too."""
        by: dict[ir.ModelKey, set[ir.ModelKey]] = {}
        for m in self.docs.models:
            for k in self.refs[m.key]:
                by.setdefault(k, set()).add(m.key)
        grew = True
        while grew:
            grew = False
            for k, referrers in by.items():
                if (
                    k not in self.wrapped
                    and k not in self.pairs
                    and k not in self.covered
                    and referrers <= self.wrapped
                ):
                    self.wrapped.add(k)
                    grew = True

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
        """Doc models still unmatched that no other doc model names (what structure cannot
        reach), matched to the one schema nothing holds or matched whose shape (field names, and
        their types two levels down; enum values) is most like theirs, when that is clearly alike
        (``SHAPE_MIN``, ``shapes.resemblance``) and clearly more than any other (an operation's
        body, or the items of one, counts ``SHAPE_MARGIN`` more: it is likelier documented).
        """
        named = {k for ks in self.refs.values() for k in ks}
        taken = set(self.pairs.values())
        bodies = {b.model for op in self.spec.operations for b in op.bodies if b.model}
        pointers = self.pointers
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
                set(self.sp.fields(m))
                if isinstance(m, ir.ObjectModel)
                else {repr(x.value) for x in m.members}  # type: ignore[union-attr]
            )
            for n in names:
                index.setdefault(n, []).append(m)
        for m in self.docs.models:
            if m.key in self.pairs or m.key in self.covered or m.key in named:
                continue
            if isinstance(m, ir.ObjectModel):
                names = set(self.doc.fields(m))
            elif isinstance(m, ir.EnumModel) and len(m.members) > 1:
                names = {repr(x.value) for x in m.members}
            else:
                continue
            shared: Counter[ir.ModelKey] = Counter()
            sizes: dict[ir.ModelKey, int] = {}
            for n in names:
                for c in index.get(n, []):
                    if c.kind == m.kind and c.key not in taken:
                        shared[c.key] += 1
                        sizes[c.key] = (
                            len(c.fields)
                            if isinstance(c, ir.ObjectModel)
                            else len(c.members)  # type: ignore[union-attr]
                        )
            # the few whose names alone are alike enough, then the closer look
            near = sorted(
                (-k / (len(names) + sizes[c] - k), str(c), c)
                for c, k in shared.items()
                if k / (len(names) + sizes[c] - k) >= SHAPE_MIN / 2
            )[:SHAPE_NEAR]
            scored = sorted(
                (
                    -resemblance(self.doc, self.sp, ir.Ref(m.key), ir.Ref(k))
                    - (SHAPE_MARGIN if k in bodies else 0),
                    name,
                    k,
                )
                for _, name, k in near
            )
            if not scored or -scored[0][0] < SHAPE_MIN:
                continue
            if len(scored) > 1 and scored[0][0] - scored[1][0] > -SHAPE_MARGIN:
                continue  # about as like another: no way to tell
            self.pair(m.key, scored[0][2], "shape")
            taken.add(scored[0][2])

    def drain(self) -> None:
        docs = self.doc.models
        while self.queue:
            d = docs[self.queue.popleft()]
            s = self.sp.models[self.pairs[d.key]]
            self.joined[d.key] = self.join_model(d, s)

    def unmatched(self) -> None:
        """Doc models nothing matched, and top-level schemas nothing matched, as drift. A doc
        model that only unmatched doc models name is counted under the first that names it,
        not reported on its own (one drifted schema can hold thousands of models)."""
        self.wrapped_only()
        lone = []
        for m in self.docs.models:
            if m.key in self.pairs or m.key in self.covered:
                continue
            if m.key in self.wrapped:
                self.report.wrappers.append(m)
            else:
                lone.append(m)
        self.report.doc_only_models = len(lone)
        for m, holds in _tops(lone, self.refs):
            more = f" (nor do {holds} models only it names)" if holds else ""
            self.drift(
                "model-doc-only",
                m,
                "",
                m.source,
                None,
                m.kind,
                "",
                f"{m.kind} '{m.key}' matches no schema of the spec{more}",
                holds,
            )
        matched = set(self.pairs.values())
        for m in self.spec.models:
            if m.key in matched or _held(m.source, self.pointers):
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
        alias = self.sp.resolve(ir.Ref(s.key))
        target = self.sp.model(split_null(alias)[1])
        if target is not None and target.kind == d.kind and target is not s:
            return self.join_model(d, target)  # a schema that is just another one
        if isinstance(d, ir.ObjectModel) and not d.fields:
            if isinstance(split_null(alias)[1], ir.DictOf):
                return d  # an object the docs list no fields of: a map
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
        # null is no member to pair: the union allows it when either side says so
        ds = tuple(t for t in d.members if t != ir.NULL)
        ss = tuple(t for t in s.members if t != ir.NULL)
        members, paired = self.join_members(ds, ss, at)
        if len(ds) < len(d.members) or len(ss) < len(s.members):
            members.append(ir.NULL)
        disc = d.discriminator
        if disc is None and s.discriminator is not None:
            by_spec = {
                k: dk
                for i, j in paired
                if i is not None
                and j is not None
                and (dk := _key(members[i])) is not None
                and (k := _key(ss[j])) is not None
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
            if (
                sc is not None
                and isinstance(dm, ir.EnumModel)
                and any(same_value(x.value, sc.value) for x in dm.members)
            ):
                return d  # the docs show an enum the constant is one value of
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
        if dms is None and sms is not None:
            if all(likeness(self.doc, self.sp, d, x) > 0 for x in sms):
                return d  # a union of types the docs show as one
            if any(likeness(self.doc, self.sp, d, x) > 0 for x in sms):
                self.join_members((d,), sms, at.deeper())
                return d
        elif isinstance(d, ir.UnionOf) and sms is not None:
            members, _ = self.join_members(d.members, sms, at.deeper())
            return ir.UnionOf(tuple(members))
        elif dms is not None and (sms is not None or isinstance(s, ir.UnionOf)):
            self.join_members(dms, sms or s.members, at.deeper())  # type: ignore[union-attr]
            return d
        elif dms is not None and any(
            likeness(self.doc, self.sp, x, s) > 0 for x in dms
        ):
            # a union in the docs, one of its types in the spec
            members, _ = self.join_members(dms, (s,), at.deeper())
            self.cover(d, at)
            if isinstance(d, ir.UnionOf):
                return ir.UnionOf(tuple(members))
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
        return f"a member of '{at.model.key}'" if at.depth else f"'{at.model.key}'"

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
        holds: int = 0,
    ) -> None:
        name = str(model.key) if model is not None else (spec.pointer if spec else "")
        self.report.drift.append(
            Drift(kind, name, field, doc, spec, docs_say, spec_says, message, holds)
        )


def _op_name(op: ir.Operation) -> str:
    """An operation's name as the SDKs spell it, normalized: the operationId, else the method and
    the path's words (``post /v2/pets/{id}`` -> ``postv2petsid``)."""
    return norm(op.id) or norm(op.method + op.path)


def _wrapper(m: ir.Model, operations: dict[str, ir.Operation]) -> ir.Operation | None:
    """The operation a doc model is made around by an SDK, beside the spec's schemas: its
    request (parameters and body), its response (bodies by status and media type), its security;
    the API's security belongs to the first operation."""
    n = norm(m.key.name)
    if n == "security":
        return next(iter(operations.values()), None)
    for suffix in ("request", "response", "security"):
        if n.endswith(suffix) and n[: -len(suffix)] in operations:
            return operations[n[: -len(suffix)]]
    return None


def _refs(m: ir.Model) -> set[ir.ModelKey]:
    """The models ``m`` names (in a field, a union member, extra properties), not itself."""
    types: list[ir.TypeExpr] = []
    if isinstance(m, ir.ObjectModel):
        types = [f.type for f in m.fields] + ([m.extra] if m.extra else [])
    elif isinstance(m, ir.UnionModel):
        types = list(m.members)
    return {r.key for t in types for r in ir.walk_refs(t) if r.key != m.key}


def _tops(
    lone: list[ir.Model], refs: dict[ir.ModelKey, set[ir.ModelKey]]
) -> list[tuple[ir.Model, int]]:
    """The models of ``lone`` that no other model of ``lone`` names (or, in a cycle of them, the
    first), each with how many of ``lone`` only it leads to; in ``lone``'s order. ``refs``: the
    models each model names."""
    keys = {m.key for m in lone}
    by_key = {m.key: m for m in lone}
    names = {m.key: refs[m.key] & keys for m in lone}
    named: dict[ir.ModelKey, int] = {}
    for here, there in refs.items():
        for k in there:
            if k in keys:
                named[k] = named.get(k, 0) + (here not in keys)
    referrers = {k: 0 for k in keys}
    for m in lone:
        for k in names[m.key]:
            referrers[k] += 1
    tops: list[ir.ModelKey] = [
        m.key for m in lone if not referrers[m.key] or named.get(m.key, 0)
    ]
    seen: set[ir.ModelKey] = set()
    out: list[tuple[ir.Model, int]] = []

    def reach(start: ir.ModelKey) -> int:
        todo, n = [start], 0
        seen.add(start)
        while todo:
            for k in names[todo.pop()]:
                if k not in seen:
                    seen.add(k)
                    todo.append(k)
                    n += 1
        return n

    for k in tops:
        if k not in seen:
            out.append((by_key[k], reach(k)))
    for m in lone:  # cycles no top leads to
        if m.key not in seen:
            out.append((m, reach(m.key)))
    order = {m.key: i for i, m in enumerate(lone)}
    return sorted(out, key=lambda x: order[x[0].key])


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
