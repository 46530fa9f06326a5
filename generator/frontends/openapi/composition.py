"""oneOf, anyOf and allOf of JSON Schema to IR: unions (their null members and discriminators)
and allOf's object parts merged into one model. A mixin of ``Builder``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ... import ir
from .names import Ctx
from .nodes import described, is_annotation_only, is_null, or_null
from .refs import Loc, split_pointer

if TYPE_CHECKING:
    from .host import Host


class Composition:
    def union(self: Host, loc: Loc, kw: str, ctx: Ctx) -> ir.TypeExpr:
        node: dict = loc.node  # type: ignore[assignment]
        if "properties" in node:
            self.warn(
                loc,
                f"{kw} beside properties is not expressed; typed as the {kw} alone",
                "openapi-union-properties",
            )
        options = loc.child(kw)
        if options is None or not isinstance(options.node, list) or not options.node:
            self.error(
                loc,
                f"{kw} must be a non-empty list; typed as Any",
                "openapi-schema-invalid",
            )
            return ir.ANY
        members: list[ir.TypeExpr] = []
        nulls = [i for i, m in enumerate(options.node) if is_null(m)]
        nullable = bool(nulls)
        alone = (
            len(options.node) - len(nulls) == 1
        )  # X or null: X takes the union's name
        if not alone:
            self.claim(loc.addr, ctx)
        for i, m in enumerate(options.node):
            mloc = options.child(i)
            assert mloc is not None
            if i in nulls:
                continue
            t = self.type_of(mloc, ctx if alone else ctx.member(i, m))
            if isinstance(t, ir.Nullable):
                nullable, t = True, t.inner
            if t == ir.NULL:
                nullable = True
                continue
            if t not in members:
                members.append(t)
        if not members:
            return ir.NULL
        if len(members) == 1:
            return or_null(members[0]) if nullable else members[0]
        disc = self.discriminator(loc, members)
        t = self.model(
            loc,
            ctx,
            lambda key: ir.UnionModel(
                key,
                source=self.source(loc),
                **described(node),
                members=tuple(members),
                discriminator=disc,
            ),
        )
        if nullable:  # the union's own alias allows null; its uses say so too
            self.null_member(loc.addr, t)
        return ir.Nullable(t) if nullable else t

    def null_member(self: Host, addr: str, t: ir.TypeExpr) -> None:
        """When ``t`` is the union model made of the schema at ``addr`` and the schema allows
        null, null becomes a member of the union (its alias then accepts None)."""
        m = self.models.get(addr)
        if (
            t == ir.Ref(self.key(addr))
            and isinstance(m, ir.UnionModel)
            and ir.NULL not in m.members
        ):
            self.models[addr] = replace(m, members=m.members + (ir.NULL,))

    def discriminator(
        self: Host, loc: Loc, members: list[ir.TypeExpr]
    ) -> ir.Discriminator | None:
        node: dict = loc.node  # type: ignore[assignment]
        d = node.get("discriminator")
        if not isinstance(d, dict) or not isinstance(d.get("propertyName"), str):
            return None
        if not all(isinstance(m, ir.Ref) for m in members):
            self.warn(
                loc,
                "a discriminator needs every member to be a schema of its own; the union is not discriminated",
                "openapi-discriminator",
            )
            return None
        keys = [self.key(m.key.name) for m in members]  # type: ignore[union-attr]
        mapping: list[tuple[str, ir.ModelKey]] = []
        given = d.get("mapping")
        if not isinstance(given, dict):
            given = {}
        for value, target in given.items():
            ref = (
                target
                if isinstance(target, str) and ("#" in target or "/" in target)
                else f"#/components/schemas/{target}"
            )
            tloc, why = self.docs.resolve(loc.file, ref)
            if tloc is None or self.key(tloc.addr) not in keys:
                self.warn(
                    loc,
                    f"discriminator mapping {value!r} names no member of the union ({why or ref}); left out",
                    "openapi-discriminator",
                )
                continue
            mapping.append((value, self.key(tloc.addr)))
        mapped = {k for _, k in mapping}
        for k in keys:
            if k not in mapped:  # implicit: the schema's name
                parts = split_pointer(k.name.partition("#")[2])
                mapping.append((parts[-1] if parts else k.name, k))
        return ir.Discriminator(d["propertyName"], tuple(mapping))

    def all_of(
        self: Host,
        loc: Loc,
        parts: list[tuple[str, object]],
        ctx: Ctx,
        nullable: bool,
    ) -> ir.TypeExpr:
        """allOf (and ``$ref`` with sibling keywords): object parts are merged into one model;
        a single part with only annotations beside it is that part."""
        node: dict = loc.node  # type: ignore[assignment]
        own = {
            k: v
            for k, v in node.items()
            if k not in ("allOf", "$ref") and not k.startswith("x-")
        }
        part_locs: list[Loc] = []
        for kw, i in parts:
            if kw == "$ref":
                target, why = (
                    self.docs.resolve(loc.file, str(i))
                    if isinstance(i, str)
                    else (None, "not a string")
                )
                if target is None:
                    self.error(
                        loc,
                        f"unresolved reference '{i}': {why}; typed as Any",
                        "openapi-ref-unresolved",
                    )
                    continue
                part_locs.append(Loc(loc.file, loc.pointer + "/$ref", {"$ref": i}))
            else:
                p = loc.child(kw, i)  # type: ignore[arg-type]
                if p is not None and not is_annotation_only(p.node):
                    part_locs.append(p)
        has_own = not is_annotation_only(own)
        if len(part_locs) == 1 and not has_own:
            t = self.type_of(part_locs[0], ctx)
            return or_null(t) if nullable or node.get("nullable") is True else t
        if not part_locs and not has_own:
            return ir.ANY
        merged = self.merge(loc, part_locs + ([loc] if has_own else []))
        if merged is None:
            first = part_locs[0] if part_locs else loc
            self.warn(
                loc,
                "allOf of schemas that are not all objects cannot be merged exactly; typed as its first part",
                "openapi-allof",
            )
            t = self.type_of(first, ctx) if first is not loc else ir.ANY
        else:
            props, required, extra_locs = merged
            extra: ir.TypeExpr | None = None
            if loc.addr in self.merging:  # met again in its own additional properties
                self.warn(
                    loc,
                    "allOf whose additional or pattern properties hold it again is not expressed; "
                    "its additional properties are typed as Any",
                    "openapi-allof",
                )
                extra = ir.ANY if extra_locs else None
            else:
                self.merging.add(loc.addr)
                try:
                    for e in extra_locs:
                        extra = self.extra(e, ctx)
                finally:
                    self.merging.discard(loc.addr)
            t = self.object_model(loc, ctx, node, props, required, extra)
        return or_null(t) if nullable or node.get("nullable") is True else t

    def merge(
        self: Host, loc: Loc, parts: list[Loc]
    ) -> tuple[list[tuple[str, Loc]], set[str], list[Loc]] | None:
        """The properties, required names and additional-properties holders of object schemas
        ``parts`` (references followed, nested allOf merged); None if a part is no object.
        """
        props: dict[str, Loc] = {}
        required: set[str] = set()
        extras: list[Loc] = []
        for p in parts:
            got = self._flatten(p, set())
            if got is None:
                return None
            for name, ploc in got[0]:
                props[name] = ploc
            required |= got[1]
            extras += got[2]
        return list(props.items()), required, extras

    def _flatten(
        self: Host, loc: Loc, seen: set[str]
    ) -> tuple[list[tuple[str, Loc]], set[str], list[Loc]] | None:
        node = loc.node
        if not isinstance(node, dict):
            return None if node is not True else ([], set(), [])
        if "$ref" in node:
            if loc.addr in seen:
                return [], set(), []
            target, _ = (
                self.docs.resolve(loc.file, node["$ref"])
                if isinstance(node["$ref"], str)
                else (None, "")
            )
            if target is None:
                return None
            first = self._flatten(target, seen | {loc.addr})
            rest = {k: v for k, v in node.items() if k != "$ref"}
            if first is None or is_annotation_only(rest):
                return first
            second = self._flatten(Loc(loc.file, loc.pointer, rest), seen | {loc.addr})
            return (
                None
                if second is None
                else (first[0] + second[0], first[1] | second[1], first[2] + second[2])
            )
        if any(
            k in node for k in ("oneOf", "anyOf", "enum", "const", "items")
        ) or node.get("type") not in (None, "object"):
            return None
        props: list[tuple[str, Loc]] = []
        required: set[str] = (
            {r for r in node.get("required", []) if isinstance(r, str)}
            if isinstance(node.get("required"), list)
            else set()
        )
        extras = (
            [loc]
            if ("additionalProperties" in node or "patternProperties" in node)
            else []
        )
        subs = loc.child("allOf")
        if subs is not None and isinstance(subs.node, list):
            for i in range(len(subs.node)):
                sub = subs.child(i)
                got = self._flatten(sub, seen | {loc.addr}) if sub is not None else None
                if got is None:
                    return None
                props += got[0]
                required |= got[1]
                extras += got[2]
        pl = loc.child("properties")
        if pl is not None and isinstance(pl.node, dict):
            props += [(k, c) for k in pl.node if (c := pl.child(k)) is not None]
        return props, required, extras
