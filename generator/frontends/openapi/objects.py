"""Objects and lists of JSON Schema to IR: properties, additional and pattern properties, fields
(their examples, defaults, read-/write-only), ``items`` and ``prefixItems``. A mixin of ``Builder``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import ir
from .names import Ctx, prop_word
from .nodes import MAX_NESTING, depth_of, described, example_of
from .refs import Loc

if TYPE_CHECKING:
    from .host import Host


class Objects:
    def array(self: Host, loc: Loc, ctx: Ctx) -> ir.TypeExpr:
        node: dict = loc.node  # type: ignore[assignment]
        item: ir.TypeExpr = ir.ANY
        if "prefixItems" in node:
            self.warn(
                loc,
                "prefixItems (a tuple) is not expressed; typed as a list of any of its items",
                "openapi-prefix-items",
            )
            ploc = loc.child("prefixItems")
            members = (
                [
                    self.type_of(p, ctx.items())
                    for i in range(len(node["prefixItems"] or []))
                    if (p := ploc.child(i)) is not None
                ]
                if ploc
                else []
            )
            item = (
                ir.UnionOf(tuple(members))
                if len(members) > 1
                else (members[0] if members else ir.ANY)
            )
        items = loc.child("items")
        if items is not None and not isinstance(items.node, list):
            item = self.type_of(items, ctx.items())
        elif items is not None:
            self.warn(
                loc,
                "items as a list (a tuple) is not expressed; typed as a list of Any",
                "openapi-prefix-items",
            )
        return ir.ListOf(item, self.constraints(loc, "array"))

    def object(self: Host, loc: Loc, ctx: Ctx) -> ir.TypeExpr:
        node: dict = loc.node  # type: ignore[assignment]
        props = loc.child("properties")
        extra = self.extra(loc, ctx)
        if (
            props is None
            or not isinstance(props.node, dict)
            or (not props.node and node.get("additionalProperties") is not False)
        ):
            if extra is None:
                extra = (
                    ir.ANY if node.get("additionalProperties") is not False else None
                )
            if extra is not None:
                return ir.DictOf(extra, self.constraints(loc, "object"))
        plist = [(k, c) for k in (props.node if props and isinstance(props.node, dict) else {}) if (c := props.child(k)) is not None]  # type: ignore[union-attr]
        required = node.get("required")
        if not isinstance(required, list):
            required = []
        return self.object_model(
            loc, ctx, node, plist, {r for r in required if isinstance(r, str)}, extra
        )

    def extra(self: Host, loc: Loc, ctx: Ctx) -> ir.TypeExpr | None:
        node: dict = loc.node  # type: ignore[assignment]
        add = loc.child("additionalProperties")
        t: ir.TypeExpr | None = None
        if add is not None and add.node is not False:
            t = (
                ir.ANY
                if add.node is True or add.node == {}
                else self.type_of(add, ctx.items())
            )
        pats = loc.child("patternProperties")
        if pats is not None and isinstance(pats.node, dict) and pats.node:
            members = [
                self.type_of(c, ctx.items())
                for k in pats.node
                if (c := pats.child(k)) is not None
            ]
            if t is not None:
                members.append(t)
            t = members[0] if len(members) == 1 else ir.UnionOf(tuple(members))
            self.warn(
                pats,
                "patternProperties: property names are not checked against the patterns; values typed by them",
                "openapi-pattern-properties",
            )
        del node
        return t

    def object_model(
        self: Host,
        loc: Loc,
        ctx: Ctx,
        node: dict,
        props: list[tuple[str, Loc]],
        required: set[str],
        extra: ir.TypeExpr | None,
    ) -> ir.Ref:
        addr = loc.addr
        key = self.key(addr)
        self.claim(addr, ctx)
        if addr in self.models:
            return ir.Ref(key)
        self.models[addr] = ir.ObjectModel(
            key, "", None, self.source(loc)
        )  # placeholder for cycles
        fields = tuple(self.field(name, p, ctx, name in required) for name, p in props)
        self.models[addr] = ir.ObjectModel(
            key,
            source=self.source(loc),
            **described(node),
            fields=fields,
            extra=extra,
            extra_name="additionalProperties" if extra is not None else "",
        )
        return ir.Ref(key)

    def field(self: Host, name: str, loc: Loc, ctx: Ctx, required: bool) -> ir.Field:
        node = loc.node if isinstance(loc.node, dict) else {}
        # ``ctx.prop(name)``; a spec repeats its property names (``id``, ``type``): each
        # one's word is made once a run
        word = self.prop_words.get(name)
        if word is None:
            word = self.prop_words[name] = prop_word(name)
        t = self.type_of(loc, ctx.below(word))
        example = None
        if "example" in node:
            example = example_of(node["example"])
        elif isinstance(node.get("examples"), list) and node["examples"]:
            example = example_of(node["examples"][0])
        default = ir.Value.of(node["default"]) if "default" in node else None
        if default is not None and depth_of(node["default"]) > MAX_NESTING:
            self.warn(
                loc,
                f"a default nested more than {MAX_NESTING} levels deep is not kept",
                "openapi-too-deep",
            )
            default = None
        return ir.Field(
            name,
            t,
            required,
            self.source(loc),
            **described(node),
            example=example,
            default=default,
            read_only=node.get("readOnly") is True,
            write_only=node.get("writeOnly") is True,
        )
