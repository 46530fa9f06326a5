"""What the join compares: names as the SDKs spell them, primitives the docs can and cannot tell
apart, how alike two types are (to pair union members), and short texts of types for the report.
Pure functions of the IR; no diagnostics.
"""

from __future__ import annotations

import re

from .. import ir

# how deep a spec alias chain (a schema that is only another schema) is followed
ALIAS_DEPTH = 16


_SEPARATORS = re.compile(r"[\W_]+")


def norm(name: str) -> str:
    """A name with case and separators dropped: the SDKs' attribute names (``finishReason``,
    ``finish_reason``) and the wire name (``finish_reason``, ``finish-reason``) meet here.
    """
    return _SEPARATORS.sub("", name.casefold())


class Side:
    """One side's models by key, with spec aliases (a named schema that is just another type,
    held as a one-member union without a discriminator) seen through."""

    def __init__(self, package: ir.Package):
        self.models = package.by_key()
        self._fields: dict[ir.ModelKey, dict[str, ir.Field]] = {}

    def fields(self, m: ir.ObjectModel) -> dict[str, ir.Field]:
        """An object's fields by normalized name (the first of a name)."""
        got = self._fields.get(m.key)
        if got is None:
            got = self._fields[m.key] = {}
            for f in m.fields:
                got.setdefault(norm(f.name), f)
        return got

    def model(self, t: ir.TypeExpr) -> ir.Model | None:
        return self.models.get(t.key) if isinstance(t, ir.Ref) else None

    def resolve(self, t: ir.TypeExpr) -> ir.TypeExpr:
        """``t`` with aliases followed (nullability kept)."""
        nullable = False
        for _ in range(ALIAS_DEPTH):
            if isinstance(t, ir.Nullable):
                nullable, t = True, t.inner
                continue
            m = self.model(t)
            if (
                isinstance(m, ir.UnionModel)
                and len(m.members) == 1
                and m.discriminator is None
            ):
                t = m.members[0]
                continue
            break
        return ir.Nullable(t) if nullable and t != ir.ANY else t


def split_null(t: ir.TypeExpr) -> tuple[bool, ir.TypeExpr]:
    if isinstance(t, ir.Nullable):
        return True, t.inner
    return False, t


def join_prim(d: ir.Prim, s: ir.Prim) -> ir.Prim | None:
    """The docs' primitive refined by the spec's (format, constraints), or None when they disagree.
    TypeScript docs say ``number`` for integers too: the spec's integer is taken, not drift.
    """
    constraints = s.constraints if s.constraints != ir.NO_CONSTRAINTS else d.constraints
    if d.kind == s.kind:
        if d.format and s.format and d.format != s.format:
            return None
        return ir.Prim(d.kind, d.format or s.format, constraints)
    if d.kind == "number" and s.kind == "integer" and d.format in ("", "double"):
        return ir.Prim("integer", s.format, constraints)
    if d.format == "decimal" and s.format == "decimal":
        return d
    return None


def members_of(side: Side, t: ir.TypeExpr) -> tuple[ir.TypeExpr, ...] | None:
    """The members of a union type (inline or a union model), None if ``t`` is no union; a
    union model's null is left out (it is the union's nullability, not a member to pair).
    """
    if isinstance(t, ir.UnionOf):
        return t.members
    m = side.model(t)
    if isinstance(m, ir.UnionModel) and m.known:
        return tuple(x for x in m.members if x != ir.NULL)
    return None


def constant(side: Side, t: ir.TypeExpr) -> ir.Lit | None:
    """The constant a type allows: a literal, or a closed one-value enum."""
    if isinstance(t, ir.Lit):
        return t
    m = side.model(t)
    if isinstance(m, ir.EnumModel) and len(m.members) == 1 and not m.open:
        return ir.Lit(m.members[0].value)
    return None


def fits(kind: str, value: object) -> bool:
    """Whether a constant is a value of a primitive kind."""
    if isinstance(value, bool):
        return kind == "boolean"
    if isinstance(value, int):
        return kind in ("integer", "number")
    if isinstance(value, float):
        return kind == "number"
    return isinstance(value, str) and kind == "string"


def same_value(a: object, b: object) -> bool:
    """Equal as JSON values (``1`` is ``1.0``, ``True`` is not ``1``)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def likeness(
    doc: Side, spec: Side, d: ir.TypeExpr, s: ir.TypeExpr, depth=0, deep=0
) -> float:
    """How alike a doc type and a spec type are (0: not at all), to pair union members: objects by
    the names they share (and equal constant tags, and names that end alike), enums by shared
    values, primitives by kind, containers by their items. With ``deep`` > 0, objects also by how
    alike their shared fields' types are, that many levels down."""
    if depth > 4:
        return 0.0
    d = split_null(d)[1]
    s = split_null(spec.resolve(s))[1]
    dc, sc = constant(doc, d), constant(spec, s)
    if dc is not None or sc is not None:
        return 2.0 if dc and sc and same_value(dc.value, sc.value) else 0.0
    if isinstance(d, ir.Prim) and isinstance(s, ir.Prim):
        if join_prim(d, s) is None:
            return 0.0
        return 1.1 if d.format == s.format else 1.0
    if isinstance(d, ir.ListOf) and isinstance(s, ir.ListOf):
        return 0.5 + 0.5 * likeness(doc, spec, d.item, s.item, depth + 1, deep)
    if isinstance(d, ir.DictOf) and isinstance(s, ir.DictOf):
        return 0.5 + 0.5 * likeness(doc, spec, d.value, s.value, depth + 1, deep)
    dm, sm = doc.model(d), spec.model(s)
    if dm is None or sm is None or dm.kind != sm.kind:
        return 0.0
    bonus = 0.25 if _ends_alike(dm.key.name, sm.key.name) else 0.0
    if isinstance(dm, ir.ObjectModel) and isinstance(sm, ir.ObjectModel):
        dn, sn = doc.fields(dm), spec.fields(sm)
        shared = dn.keys() & sn.keys()
        score = len(shared) / max(len(dn.keys() | sn.keys()), 1)
        for k in shared:  # an equal constant tag says "this member" outright
            a, b = constant(doc, dn[k].type), constant(spec, sn[k].type)
            if a is not None and b is not None:
                score += 2.0 if same_value(a.value, b.value) else -1.0
        if deep and shared:
            inner = [
                min(likeness(doc, spec, dn[k].type, sn[k].type, depth + 1, deep - 1), 1)
                for k in sorted(shared)
            ]
            score = score * (0.5 + 0.5 * sum(inner) / len(inner))
        return max(score + bonus, 0.01)
    if isinstance(dm, ir.EnumModel) and isinstance(sm, ir.EnumModel):
        dv = {repr(x.value) for x in dm.members}
        sv = {repr(x.value) for x in sm.members}
        return len(dv & sv) / max(len(dv | sv), 1) + bonus + 0.01
    return 0.5 + bonus


def resemblance(
    doc: Side, spec: Side, d: ir.TypeExpr, s: ir.TypeExpr, depth: int = 0
) -> float:
    """How alike a doc model and a schema are with nothing else to go by (0..1, no bonuses):
    objects by the share of names they have in common times how alike those fields' types are
    (their mean and their least, a few levels down), enums by shared values, primitives and
    constants by kind and value. Envelopes of the same field names around different things
    score low."""
    d = split_null(d)[1]
    s = split_null(spec.resolve(s))[1]
    dc, sc = constant(doc, d), constant(spec, s)
    if dc is not None or sc is not None:
        return 1.0 if dc and sc and same_value(dc.value, sc.value) else 0.0
    if isinstance(d, ir.Prim) and isinstance(s, ir.Prim):
        return 1.0 if join_prim(d, s) is not None else 0.0
    if isinstance(d, ir.ListOf) and isinstance(s, ir.ListOf):
        return resemblance(doc, spec, d.item, s.item, depth)
    if isinstance(d, ir.DictOf) and isinstance(s, ir.DictOf):
        return resemblance(doc, spec, d.value, s.value, depth)
    dm, sm = doc.model(d), spec.model(s)
    if dm is None or sm is None or dm.kind != sm.kind:
        return 0.0
    if isinstance(dm, ir.ObjectModel) and isinstance(sm, ir.ObjectModel):
        dn, sn = doc.fields(dm), spec.fields(sm)
        shared = sorted(dn.keys() & sn.keys())
        share = len(shared) / max(len(dn.keys() | sn.keys()), 1)
        if depth >= 3 or not shared or share == 0:
            return share
        inner = [
            resemblance(doc, spec, dn[k].type, sn[k].type, depth + 1) for k in shared
        ]
        return share * (sum(inner) / len(inner) + min(inner)) / 2
    if isinstance(dm, ir.EnumModel) and isinstance(sm, ir.EnumModel):
        dv = {repr(x.value) for x in dm.members}
        sv = {repr(x.value) for x in sm.members}
        return len(dv & sv) / max(len(dv | sv), 1)
    if isinstance(dm, ir.UnionModel) and isinstance(sm, ir.UnionModel):
        return 0.5
    return 0.0


def _ends_alike(doc_name: str, spec_name: str) -> bool:
    a, b = norm(doc_name), norm(spec_name)
    return bool(a) and (b.endswith(a) or a.endswith(b))


def pair_members(
    doc: Side, spec: Side, ds: tuple[ir.TypeExpr, ...], ss: tuple[ir.TypeExpr, ...]
) -> list[tuple[int | None, int | None]]:
    """Doc members paired with spec members, most alike first (each used once; ties by order):
    (doc index, spec index), None for a member on one side only; in doc order, then the spec's rest.
    """
    scores = sorted(
        (
            (-likeness(doc, spec, d, s), i, j)
            for i, d in enumerate(ds)
            for j, s in enumerate(ss)
        ),
    )
    got: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in scores:
        if score >= 0:
            break
        if i in got or j in used:
            continue
        got[i] = j
        used.add(j)
    out: list[tuple[int | None, int | None]] = [(i, got.get(i)) for i in range(len(ds))]
    out += [(None, j) for j in range(len(ss)) if j not in used]
    return out


def show(side: Side, t: ir.TypeExpr, depth: int = 0) -> str:
    """A short text of a type for messages: ``string``, ``integer(int64)``, ``list[Pet]``,
    ``Pet | null``, ``"text"``."""
    if depth > 6:
        return "..."
    if isinstance(t, ir.Prim):
        return t.kind + (f"({t.format})" if t.format else "")
    if isinstance(t, ir.Lit):
        return _lit(t.value)
    if isinstance(t, ir.Null):
        return "null"
    if isinstance(t, ir.ListOf):
        return f"list[{show(side, t.item, depth + 1)}]"
    if isinstance(t, ir.DictOf):
        return f"map[{show(side, t.value, depth + 1)}]"
    if isinstance(t, ir.Nullable):
        return f"{show(side, t.inner, depth + 1)} | null"
    if isinstance(t, ir.UnionOf):
        return " | ".join(show(side, m, depth + 1) for m in t.members)
    m = side.model(t)
    if m is None:
        return str(t.key) if isinstance(t, ir.Ref) else "?"
    return f"{m.kind} {m.key.name}"


def _lit(v: object) -> str:
    import json

    return json.dumps(v, ensure_ascii=False)
