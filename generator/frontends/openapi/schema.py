"""JSON Schema (OpenAPI 3.0 / 3.1 dialects) to IR types and models.

``Builder.type_of(loc, ctx)`` gives the type of the schema at ``loc``; schemas that need a class
(objects with properties, enums, unions) become models named ``ctx`` (see ``names``). Models are
keyed by their address (``file#pointer``) while building; ``finish()`` gives them their names
(``names.resolve``: each model's first free candidate under the naming policy).

This module is the builder's core: type dispatch, references and named schemas, primitives,
constants and enums. Its mixins: ``objects`` (objects, fields, lists), ``composition`` (oneOf,
anyOf, allOf, discriminators), ``constraints``, ``finish`` (final names, ``schema_types``);
``nodes``: what they all read from a schema node.

Anything the IR cannot say exactly is a warning naming the construct and the type used instead.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable

from ... import ir
from ...diagnostics import Diagnostics
from .composition import Composition
from .constraints import Constraints
from .finish import _LATER, Finishing
from .names import Claim, Ctx, component, pascal
from .nodes import MAX_NESTING, described, is_annotation_only, or_null
from .objects import Objects
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
# references of any length is read; inline schemas nested more than MAX_NESTING (``nodes``) deep
# below a named one are an error.
PUT_OFF_DEPTH = 32


class Builder(Objects, Composition, Constraints, Finishing):
    """JSON Schema read into IR types and models (its parts: the module's docstring)."""

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
        self.prop_words: dict[str, str] = {}  # a property's name -> its Ctx word

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
                source=self.source(loc),
                **described(node),
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
            if rest and not is_annotation_only(rest):
                return self.all_of(loc, [("$ref", node["$ref"])], ctx, nullable)
            t = self.ref(loc, node["$ref"], ctx)
            return or_null(t) if nullable else t
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
        return or_null(t) if nullable else t

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
                source=self.source(loc),
                **described(node),
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
