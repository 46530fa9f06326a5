"""JSON Schema (OpenAPI 3.0 / 3.1 dialects) to IR types and models.

``Builder.type_of(loc, ctx)`` gives the type of the schema at ``loc``; schemas that need a class
(objects with properties, enums, unions) become models named ``ctx`` (see ``names``). Models are
keyed by their address (``file#pointer``) while building; ``finish()`` gives them their names
(``names.resolve``: each model's first free candidate under the naming policy).

Anything the IR cannot say exactly is a warning naming the construct and the type used instead.
"""

from __future__ import annotations

import json
import math
import re
import reprlib
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from ... import ir
from ...diagnostics import Diagnostics
from .names import ERRORS, Claim, Ctx, component, pascal, resolve
from .refs import Documents, Loc, split_pointer

FORMATS = {
    "integer": {"int32", "int64"},
    "number": {"float", "double", "decimal"},
    "string": {
        "date",
        "date-time",
        "time",
        "duration",
        "uuid",
        "email",
        "uri",
        "binary",
        "byte",
        "decimal",
    },
}
SCALAR_TYPES = {"string", "integer", "number", "boolean"}
# keywords that say something about the value (not just annotate it)
ANNOTATIONS = {
    "description",
    "title",
    "deprecated",
    "readOnly",
    "writeOnly",
    "example",
    "examples",
    "default",
    "nullable",
    "$comment",
    "externalDocs",
    "xml",
    "discriminator",
    "$schema",
    "$id",
}
# keywords that constrain a value in ways no Python type says: warned, typed without them
UNEXPRESSED = {
    "not": "'not' (anything but a schema)",
    "if": "'if'/'then'/'else' (conditional schemas)",
    "dependentRequired": "'dependentRequired' (properties required by another's presence)",
    "dependentSchemas": "'dependentSchemas' (schemas applied by a property's presence)",
    "dependencies": "'dependencies' (properties or schemas required by another's presence)",
    "propertyNames": "'propertyNames' (a schema for property names)",
    "contains": "'contains' (an item the list must hold)",
    "unevaluatedProperties": "'unevaluatedProperties'",
    "unevaluatedItems": "'unevaluatedItems'",
    "$dynamicRef": "'$dynamicRef'",
}
# Python's stack is bounded: a named schema (a ``$ref`` target) met PUT_OFF_DEPTH schemas deep
# (``type_of`` inside ``type_of``) is put off until the others are read (``finish``), so a chain of
# references of any length is read; inline schemas nested more than MAX_NESTING deep below a named
# one are an error (as a type nested that deep in a markdown doc is). Real specs reach 19 at most.
PUT_OFF_DEPTH = 32
MAX_NESTING = 32
# the namespace of a reference to a put-off schema (``finish`` replaces it)
_LATER = "\x00later"
_LOOKAROUND = re.compile(r"\(\?[=!<]|\\[1-9]")


def _is_annotation_only(node: object) -> bool:
    return isinstance(node, dict) and all(
        k in ANNOTATIONS or k.startswith("x-") for k in node
    )


class Builder:
    def __init__(
        self, docs: Documents, diags: Diagnostics, policy: str = "stable"
    ) -> None:
        self.docs = docs
        self.diags = diags
        self.policy = policy
        self.models: dict[str, ir.Model] = {}  # by address
        self.wanted: dict[str, Claim] = {}  # address -> its context, in reading order
        self.error_only: dict[str, bool] = {}  # component address -> only an error body
        self.done: dict[str, ir.TypeExpr] = {}  # named schemas (ref targets) by address
        self.active: set[str] = set()
        self.merging: set[str] = set()
        # the type of every schema read, by address (before ``finish`` gives models their names)
        self.types: dict[str, ir.TypeExpr] = {}
        self.depth = 0  # schemas being read inside each other
        self.nesting = 0  # of them, those since the last named one
        self.later: dict[str, tuple[Loc, Ctx]] = {}  # named schemas put off, by address
        self.put_off = False  # a reference to a put-off schema was made

    # ------------------------------------------------------------ diagnostics

    def source(self, loc: Loc) -> ir.Source:
        line, col = self.docs.position(loc)
        return ir.Source(loc.file, line, col, loc.pointer)

    def warn(self, loc: Loc, message: str, code: str) -> None:
        line, col = self.docs.position(loc)
        self.diags.warning(loc.file, line, f"{message} (at #{loc.pointer})", code, col)

    def error(self, loc: Loc, message: str, code: str) -> None:
        line, col = self.docs.position(loc)
        self.diags.error(loc.file, line, f"{message} (at #{loc.pointer})", code, col)

    # ------------------------------------------------------------ named schemas

    @staticmethod
    def key(addr: str) -> ir.ModelKey:
        return ir.ModelKey("", addr)

    def claim(self, addr: str, ctx: Ctx) -> None:
        """The first context a model at ``addr`` is met in names it."""
        if addr not in self.wanted:
            self.wanted[addr] = Claim(addr, ctx, (len(self.wanted),))

    def named(self, loc: Loc, ctx: Ctx) -> ir.TypeExpr:
        """The type of a schema that has a name of its own (a component, a ``$ref`` target): a
        reference to its model; a schema that is no class (a string, a list) becomes an alias.
        """
        addr = loc.addr
        if addr in self.done:
            return self.done[addr]
        key = self.key(addr)
        if addr in self.active:
            self.claim(addr, ctx)
            return ir.Ref(key)
        if self.depth >= PUT_OFF_DEPTH:
            self.claim(addr, ctx)
            self.later.setdefault(addr, (loc, ctx))
            self.put_off = True
            return ir.Ref(ir.ModelKey(_LATER, addr))
        self.active.add(addr)
        self.claim(addr, ctx)
        nesting, self.nesting = self.nesting, 0
        try:
            t = self.type_of(loc, ctx, named=True)
        finally:
            self.active.discard(addr)
            self.nesting = nesting
        inner = t.inner if isinstance(t, ir.Nullable) else t
        if inner == ir.Ref(key) and addr not in self.models:
            self.error(
                loc,
                "the schema refers to nothing but itself (through $ref, allOf, oneOf or anyOf); typed as Any",
                "openapi-ref-cycle",
            )
            t = inner = ir.ANY
        if not (isinstance(inner, ir.Ref) and inner.key == key):
            node = loc.node if isinstance(loc.node, dict) else {}
            self.models[addr] = ir.UnionModel(
                key,
                _text(node.get("description")),
                _deprecated(node),
                self.source(loc),
                title=_text(node.get("title")),
                members=(t,),
            )
            t = ir.Ref(key)
        self.done[addr] = t
        return t

    def ref(self, loc: Loc, ref: object, ctx: Ctx) -> ir.TypeExpr:
        if not isinstance(ref, str):
            self.error(loc, "$ref must be a string", "openapi-ref-invalid")
            return ir.ANY
        target, why = self.docs.resolve(loc.file, ref)
        if target is None:
            self.error(
                loc,
                f"unresolved reference '{ref}': {why}; typed as Any",
                "openapi-ref-unresolved",
            )
            return ir.ANY
        self.error_only[target.addr] = False
        return self.named(target, ref_ctx(target, ctx))

    # ------------------------------------------------------------ types

    def type_of(self, loc: Loc, ctx: Ctx, named: bool = False) -> ir.TypeExpr:
        if self.nesting > MAX_NESTING:
            self.error(
                loc,
                f"inline schemas nested more than {MAX_NESTING} levels deep; typed as Any",
                "openapi-too-deep",
            )
            return ir.ANY
        self.depth += 1
        self.nesting += 1
        try:
            t = self._schema_type(loc, ctx, named)
        finally:
            self.depth -= 1
            self.nesting -= 1
        self.types.setdefault(loc.addr, t)
        return t

    def _schema_type(self, loc: Loc, ctx: Ctx, named: bool) -> ir.TypeExpr:
        node = loc.node
        if isinstance(node, dict):
            for kw in [k for k in UNEXPRESSED if k in node]:
                self.warn(
                    loc,
                    f"{UNEXPRESSED[kw]} is not expressed in Python types; typed by the rest of the schema",
                    "openapi-unexpressed",
                )
        if node is True:
            return ir.ANY
        if node is False:
            self.warn(
                loc,
                "the schema 'false' allows no value; typed as Any",
                "openapi-false-schema",
            )
            return ir.ANY
        if not isinstance(node, dict):
            self.error(
                loc,
                "a schema must be an object or a boolean; typed as Any",
                "openapi-schema-invalid",
            )
            return ir.ANY
        nullable = node.get("nullable") is True
        if "$ref" in node:
            rest = {k: v for k, v in node.items() if k != "$ref"}
            if rest and not _is_annotation_only(rest):
                return self.all_of(loc, [("$ref", node["$ref"])], ctx, nullable)
            t = self.ref(loc, node["$ref"], ctx)
            return _nullable(t) if nullable else t
        types = node.get("type")
        if isinstance(types, list) and all(isinstance(t, str) for t in types):
            if "null" in types:
                nullable = True
            types = [t for t in types if t != "null"]
            if len(types) == 1:
                types = types[0]
            elif not types:
                types = "null"
        if types == "null":
            return ir.NULL
        t = self._type(loc, node, types, ctx, named)
        if nullable:
            self.null_member(loc.addr, t)  # 3.0: a oneOf/anyOf with nullable: true
        return _nullable(t) if nullable else t

    def _type(
        self, loc: Loc, node: dict, types: object, ctx: Ctx, named: bool
    ) -> ir.TypeExpr:
        if "allOf" in node:
            parts = node["allOf"]
            if not isinstance(parts, list):
                self.error(
                    loc, "allOf must be a list; typed as Any", "openapi-schema-invalid"
                )
                return ir.ANY
            return self.all_of(
                loc, [("allOf", i) for i in range(len(parts))], ctx, False
            )
        for kw in ("oneOf", "anyOf"):
            if kw in node:
                return self.union(loc, kw, ctx)
        if "const" in node:
            return self.const(loc, node["const"])
        if "enum" in node:
            return self.enum(loc, ctx)
        if isinstance(types, (list, dict)) and not (
            isinstance(types, list) and all(isinstance(t, str) for t in types)
        ):  # an object, or a list holding more than type names
            self.warn(
                loc,
                f"unknown type {reprlib.repr(types)}; typed as Any",
                "openapi-type-unknown",
            )
            return ir.ANY
        if isinstance(types, list):
            members = []
            for t in types:
                sub = Loc(loc.file, loc.pointer, {**node, "type": t})
                members.append(self._type(sub, sub.node, t, ctx, named))  # type: ignore[arg-type]
            return ir.UnionOf(tuple(members))
        if types is None:
            if any(
                k in node
                for k in ("properties", "additionalProperties", "patternProperties")
            ):
                types = "object"
            elif "items" in node or "prefixItems" in node:
                types = "array"
            else:
                return ir.ANY
        if types == "object":
            return self.object(loc, ctx)
        if types == "array":
            return self.array(loc, ctx)
        if isinstance(types, str) and types in SCALAR_TYPES:
            return self.prim(loc, types)
        self.warn(
            loc,
            f"unknown type {reprlib.repr(types)}; typed as Any",
            "openapi-type-unknown",
        )
        return ir.ANY

    def prim(self, loc: Loc, kind: str) -> ir.Prim:
        node: dict = loc.node  # type: ignore[assignment]
        fmt = node.get("format")
        fmt = fmt if isinstance(fmt, str) and fmt in FORMATS.get(kind, ()) else ""
        return ir.Prim(kind, fmt, self.constraints(loc, kind))

    def const(self, loc: Loc, value: object) -> ir.TypeExpr:
        if value is None:
            return ir.NULL
        if isinstance(value, float) and not value.is_integer():
            self.warn(
                loc,
                f"the constant {value!r} is not an integer; Literal cannot hold it, typed as float",
                "openapi-const-float",
            )
            return ir.Prim("number")
        if isinstance(value, float):
            return ir.Lit(int(value))
        if isinstance(value, (str, int, bool)):
            return ir.Lit(value)
        self.warn(
            loc,
            "a constant that is an object or a list is not checked; typed as Any",
            "openapi-const-complex",
        )
        return ir.ANY

    def enum(self, loc: Loc, ctx: Ctx) -> ir.TypeExpr:
        node: dict = loc.node  # type: ignore[assignment]
        values = node["enum"]
        if not isinstance(values, list) or not values:
            self.warn(
                loc,
                "enum must be a non-empty list; typed as its base type",
                "openapi-enum-invalid",
            )
            return self._type(
                loc,
                {k: v for k, v in node.items() if k != "enum"},
                node.get("type"),
                ctx,
                False,
            )
        nullable = any(v is None for v in values)
        scalars = [v for v in values if v is not None]
        if not scalars:
            return ir.NULL
        if not all(isinstance(v, (str, int, float, bool)) for v in scalars):
            self.warn(
                loc,
                "an enum of objects or lists is not expressible; typed as Any",
                "openapi-enum-complex",
            )
            return ir.ANY
        names = node.get("x-speakeasy-enums") or node.get("x-enum-varnames")
        if not (isinstance(names, list) and len(names) == len(values)):
            names = None
        vloc = loc.child("enum")
        assert vloc is not None
        members = []
        for i, v in enumerate(values):
            if v is None:
                continue
            hint = names[i] if names and isinstance(names[i], str) else ""
            members.append(ir.EnumMember(v, self.source(vloc.child(i) or vloc), hint))
        t = self.model(
            loc,
            ctx,
            lambda key: ir.EnumModel(
                key,
                _text(node.get("description")),
                _deprecated(node),
                self.source(loc),
                title=_text(node.get("title")),
                members=tuple(members),
                open=node.get("x-speakeasy-unknown-values") == "allow",
            ),
        )
        return ir.Nullable(t) if nullable else t

    def model(
        self, loc: Loc, ctx: Ctx, make: Callable[[ir.ModelKey], ir.Model]
    ) -> ir.Ref:
        addr = loc.addr
        key = self.key(addr)
        self.claim(addr, ctx)
        if addr not in self.models:
            self.models[addr] = make(key)
        return ir.Ref(key)

    def array(self, loc: Loc, ctx: Ctx) -> ir.TypeExpr:
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

    def object(self, loc: Loc, ctx: Ctx) -> ir.TypeExpr:
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
        required = (
            node.get("required") if isinstance(node.get("required"), list) else []
        )
        return self.object_model(
            loc, ctx, node, plist, {r for r in required if isinstance(r, str)}, extra
        )

    def extra(self, loc: Loc, ctx: Ctx) -> ir.TypeExpr | None:
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
        self,
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
            _text(node.get("description")),
            _deprecated(node),
            self.source(loc),
            title=_text(node.get("title")),
            fields=fields,
            extra=extra,
            extra_name="additionalProperties" if extra is not None else "",
        )
        return ir.Ref(key)

    def field(self, name: str, loc: Loc, ctx: Ctx, required: bool) -> ir.Field:
        node = loc.node if isinstance(loc.node, dict) else {}
        t = self.type_of(loc, ctx.prop(name))
        example = None
        if "example" in node:
            example = _example(node["example"])
        elif isinstance(node.get("examples"), list) and node["examples"]:
            example = _example(node["examples"][0])
        default = ir.Value.of(node["default"]) if "default" in node else None
        if default is not None and _nested(node["default"]) > MAX_NESTING:
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
            description=_text(node.get("description")),
            title=_text(node.get("title")),
            deprecated=_deprecated(node),
            example=example,
            default=default,
            read_only=node.get("readOnly") is True,
            write_only=node.get("writeOnly") is True,
        )

    # ------------------------------------------------------------ combinators

    def union(self, loc: Loc, kw: str, ctx: Ctx) -> ir.TypeExpr:
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
        nulls = [i for i, m in enumerate(options.node) if _is_null(m)]
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
            return _nullable(members[0]) if nullable else members[0]
        disc = self.discriminator(loc, members)
        t = self.model(
            loc,
            ctx,
            lambda key: ir.UnionModel(
                key,
                _text(node.get("description")),
                _deprecated(node),
                self.source(loc),
                title=_text(node.get("title")),
                members=tuple(members),
                discriminator=disc,
            ),
        )
        if nullable:  # the union's own alias allows null; its uses say so too
            self.null_member(loc.addr, t)
        return ir.Nullable(t) if nullable else t

    def null_member(self, addr: str, t: ir.TypeExpr) -> None:
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
        self, loc: Loc, members: list[ir.TypeExpr]
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
        given = d.get("mapping") if isinstance(d.get("mapping"), dict) else {}
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
        self, loc: Loc, parts: list[tuple[str, object]], ctx: Ctx, nullable: bool
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
                if p is not None and not _is_annotation_only(p.node):
                    part_locs.append(p)
        has_own = not _is_annotation_only(own)
        if len(part_locs) == 1 and not has_own:
            t = self.type_of(part_locs[0], ctx)
            return _nullable(t) if nullable or node.get("nullable") is True else t
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
        return _nullable(t) if nullable or node.get("nullable") is True else t

    def merge(
        self, loc: Loc, parts: list[Loc]
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
        self, loc: Loc, seen: set[str]
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
            if first is None or _is_annotation_only(rest):
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

    # ------------------------------------------------------------ constraints

    def constraints(self, loc: Loc, kind: str) -> ir.Constraints:
        node: dict = loc.node  # type: ignore[assignment]
        c: dict = {}

        def num(k: str) -> float | None:
            v = node.get(k)
            return (
                v if isinstance(v, (int, float)) and not isinstance(v, bool) else None
            )

        def count(k: str) -> int | None:
            v = node.get(k)
            return (
                v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None
            )

        if kind == "string":
            c.update(min_length=count("minLength"), max_length=count("maxLength"))
            pattern = node.get("pattern")
            if isinstance(pattern, str):
                try:
                    re.compile(pattern)
                    c["pattern"] = pattern
                except re.error as exc:
                    self.warn(
                        loc,
                        f"pattern {pattern!r} is not a Python regular expression ({exc}); not checked",
                        "openapi-pattern",
                    )
        elif kind in ("integer", "number"):
            lo, hi = num("minimum"), num("maximum")
            xlo, xhi = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
            if xlo is True:
                lo, xlo = None, lo
            if xhi is True:
                hi, xhi = None, hi
            xlo = (
                xlo
                if isinstance(xlo, (int, float)) and not isinstance(xlo, bool)
                else None
            )
            xhi = (
                xhi
                if isinstance(xhi, (int, float)) and not isinstance(xhi, bool)
                else None
            )
            m = num("multipleOf")
            c.update(
                minimum=lo,
                maximum=hi,
                exclusive_minimum=xlo,
                exclusive_maximum=xhi,
                multiple_of=m if m and m > 0 else None,
            )
            if kind == "integer":
                c = _integer_bounds(c)
        elif kind == "array":
            c.update(
                min_items=count("minItems"),
                max_items=count("maxItems"),
                unique_items=node.get("uniqueItems") is True,
            )
        elif kind == "object":
            c.update(
                min_properties=count("minProperties"),
                max_properties=count("maxProperties"),
            )
        c = {k: v for k, v in c.items() if v is not None}
        return ir.Constraints(**c) if c else ir.NO_CONSTRAINTS

    # ------------------------------------------------------------ names

    def read_later(self) -> None:
        """Read the named schemas put off (each from the top), then give every reference to one
        the type it turned out to have."""
        while self.later:
            addr = next(iter(self.later))
            self.named(*self.later.pop(addr))
        if not self.put_off:
            return
        done = self.done
        for addr, m in self.models.items():
            if isinstance(m, ir.ObjectModel):
                m = replace(
                    m,
                    fields=tuple(
                        replace(f, type=_settle(f.type, done)) for f in m.fields
                    ),
                    extra=_settle(m.extra, done) if m.extra is not None else None,
                )
            elif isinstance(m, ir.UnionModel):
                members = (_settle(t, done) for t in m.members)
                m = replace(m, members=tuple(dict.fromkeys(members)))
            self.models[addr] = m
        self.types = {a: _settle(t, done) for a, t in self.types.items()}
        self.put_off = False

    def finish(self) -> list[ir.Model]:
        """The models with their final keys (``namespace``/name) and every reference renamed."""
        self.read_later()
        claims = [self.wanted[addr] for addr in self.models]
        if (
            self.policy == "speakeasy"
        ):  # a component only error bodies name is an error class
            claims = [
                (
                    Claim(c.addr, replace(c.ctx, namespace=ERRORS), c.order)
                    if self.error_only.get(c.addr)
                    else c
                )
                for c in claims
            ]
        names, bumped = resolve(claims, self.policy)
        final = {self.key(a): ir.ModelKey(*names[a]) for a in self.models}
        for addr, wanted in bumped:
            m = self.models[addr]
            self.warn(
                Loc(m.source.file, m.source.pointer, None),
                f"the name {wanted!r} is another component's or operation's; named {names[addr][1]!r}",
                "openapi-name-taken",
            )
        return [rekey(m, final) for m in self.models.values()]


def _integer_bounds(c: dict) -> dict:
    """An integer's bounds as integers (pydantic takes no others): ``1.0`` is 1, ``minimum: 1.5``
    and ``exclusiveMinimum: 1.5`` are ``minimum: 2``, ``maximum: 2.5`` is ``maximum: 2``, and
    ``multipleOf: 1.5`` is 3 (the integers that are multiples of 3/2)."""
    out: dict = {}
    low: list[int] = []
    high: list[int] = []
    for k, v in c.items():
        if not isinstance(v, float):
            out[k] = v
        elif v.is_integer():
            out[k] = int(v)
        elif k in ("minimum", "exclusive_minimum"):
            low.append(math.ceil(v))
        elif k in ("maximum", "exclusive_maximum"):
            high.append(math.floor(v))
        else:  # multiple_of
            out[k] = Fraction(repr(v)).numerator
    if low:
        out["minimum"] = max(
            low + [out["minimum"]] if out.get("minimum") is not None else low
        )
    if high:
        out["maximum"] = min(
            high + [out["maximum"]] if out.get("maximum") is not None else high
        )
    return out


def _nested(value: object) -> int:
    """How deep lists and objects nest in a JSON value (iterative: values can be deep)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (list, dict)):
            deepest = max(deepest, d + 1)
            stack.extend((x, d + 1) for x in (v.values() if isinstance(v, dict) else v))
    return deepest


def _settle(t: ir.TypeExpr, done: dict[str, ir.TypeExpr]) -> ir.TypeExpr:
    """``t`` with each reference to a put-off schema replaced by the type it turned out to have."""
    if isinstance(t, ir.Ref):
        return done[t.key.name] if t.key.namespace == _LATER else t
    if isinstance(t, ir.ListOf):
        return replace(t, item=_settle(t.item, done))
    if isinstance(t, ir.DictOf):
        return replace(t, value=_settle(t.value, done))
    if isinstance(t, ir.Nullable):
        inner = _settle(t.inner, done)
        return inner if isinstance(inner, ir.Nullable) else ir.Nullable(inner)
    if isinstance(t, ir.UnionOf):
        return ir.UnionOf(tuple(dict.fromkeys(_settle(m, done) for m in t.members)))
    return t


def schema_types(builder: Builder, finished: list[ir.Model]) -> dict[str, ir.TypeExpr]:
    """The type of every schema ``builder`` read, by address (``file#pointer``), with the final
    model keys of ``finished`` (``builder.finish()``, which keeps the builder's model order).
    """
    final = {builder.key(addr): m.key for addr, m in zip(builder.models, finished)}
    return {
        addr: ir.map_refs(t, lambda r: ir.Ref(final.get(r.key, r.key)))  # type: ignore[misc]
        for addr, t in builder.types.items()
    }


def rekey(m: ir.Model, final: dict[ir.ModelKey, ir.ModelKey]) -> ir.Model:
    def fix(t: ir.TypeExpr) -> ir.TypeExpr:
        return ir.map_refs(t, lambda r: ir.Ref(final.get(r.key, r.key)))  # type: ignore[return-value]

    key = final[m.key]
    if isinstance(m, ir.ObjectModel):
        fields = []
        for f in m.fields:
            t = fix(f.type)
            # most fields name no model: the field as it is (a replace costs more than a fix)
            fields.append(f if t is f.type else replace(f, type=t))
        return replace(
            m,
            key=key,
            fields=tuple(fields),
            extra=fix(m.extra) if m.extra is not None else None,
        )
    if isinstance(m, ir.UnionModel):
        disc = m.discriminator
        if disc is not None:
            disc = replace(
                disc, mapping=tuple((v, final.get(k, k)) for v, k in disc.mapping)
            )
        return replace(
            m, key=key, members=tuple(fix(t) for t in m.members), discriminator=disc
        )
    return replace(m, key=key)


def ref_ctx(target: Loc, here: Ctx) -> Ctx:
    """The name of a ``$ref`` target: a component's own name; else the last segment of its pointer
    (or the file's stem)."""
    parts = split_pointer(target.pointer)
    if len(parts) == 3 and parts[0] == "components" and parts[1] == "schemas":
        return component(parts[2])
    if parts:
        return component(pascal(parts[-1]) or parts[-1])
    stem = target.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return component(pascal(stem) or "Schema")


def _is_null(m: object) -> bool:
    return isinstance(m, dict) and (
        m.get("type") == "null"
        or m.get("enum") == [None]
        or ("const" in m and m["const"] is None)
    )


def _nullable(t: ir.TypeExpr) -> ir.TypeExpr:
    return t if isinstance(t, (ir.Nullable, ir.Null)) or t == ir.ANY else ir.Nullable(t)


def _text(v: object) -> str:
    return v.strip() if isinstance(v, str) else ""


def _deprecated(node: dict) -> str | None:
    return "" if node.get("deprecated") is True else None


def _example(v: object) -> ir.Example:
    text = json.dumps(v, ensure_ascii=False, default=str)
    return ir.Example(text, ir.Value.of(v))
