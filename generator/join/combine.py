"""Combining one matched pair, a doc model and a spec schema, into one model (``Combining``,
the half of ``match.Joiner`` that does it), and reporting each disagreement found on the way as a
``Drift``.

The docs' keys, names, descriptions, examples, requiredness and types are kept; the spec gives
wire names, nullability, formats, constraints, defaults, read-/write-only, discriminators and open
enums. Where a field's type names doc model N and the property's names schema T, joining pairs N
with T (``pair``), which ``match`` then joins in turn.
"""

from __future__ import annotations

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


class Combining:
    """Combining matched pairs; ``match.Joiner`` provides the matching (``pair``, ``cover``) and
    the two sides."""

    doc: Side
    sp: Side
    report: JoinReport

    def pair(self, d: ir.ModelKey, s: ir.ModelKey, how: str) -> None:
        raise NotImplementedError

    def cover(self, d: ir.TypeExpr, at: At) -> None:
        raise NotImplementedError

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
            return ir.ListOf(item, self.constraints(d, s))
        if isinstance(d, ir.DictOf) and isinstance(s, ir.DictOf):
            value = self.join_type(d.value, s.value, at.deeper())
            return ir.DictOf(value, self.constraints(d, s))
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

    def constraints(
        self, d: ir.ListOf | ir.DictOf, s: ir.ListOf | ir.DictOf
    ) -> ir.Constraints:
        """A container's constraints: the spec's where it has any (counted as taken), else the
        docs'."""
        c = s.constraints if s.constraints != ir.NO_CONSTRAINTS else d.constraints
        if c != d.constraints:
            self.report.taken["constraints"] += 1
        return c

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


def _key(t: ir.TypeExpr) -> ir.ModelKey | None:
    t = split_null(t)[1]
    return t.key if isinstance(t, ir.Ref) else None


def _values(vs: list) -> str:
    shown = ", ".join(show(Side(ir.Package(())), ir.Lit(v)) for v in vs[:8])
    return shown + (f" (+{len(vs) - 8} more)" if len(vs) > 8 else "")
