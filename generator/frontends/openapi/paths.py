"""The inline schemas under ``paths``: request bodies, responses (error responses included) and
parameters, each named from its operation and role (see ``names``).

Per operation, in the spec's order: the parameters (their schemas, and the ``{Op}Request`` model
that bundles them with the body, as Speakeasy's SDKs do), the request body, then each response:
success bodies in ``operations``, error bodies (4XX, 5XX, ``default``) in ``errors``. A success
response with several media types (JSON and an event stream) is also the union ``{Op}Response``.
"""

from __future__ import annotations

from dataclasses import replace

from ... import ir
from . import names
from .names import Ctx, operation_name
from .refs import Loc
from .schema import Builder, ref_ctx

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SCOPES = {"query": "QueryParam", "path": "PathParam", "header": "Header"}


def operations(spec: Loc, builder: Builder) -> None:
    paths = spec.child("paths")
    if paths is None or not isinstance(paths.node, dict):
        return
    ops: list[tuple[Loc, str, Loc]] = []
    for path in paths.node:
        item = paths.child(path)
        if item is None or not isinstance(item.node, dict):
            continue
        if "$ref" in item.node:
            target, why = builder.docs.resolve(item.file, str(item.node["$ref"]))
            if target is None or not isinstance(target.node, dict):
                builder.error(
                    item,
                    f"unresolved path item reference: {why}",
                    "openapi-ref-unresolved",
                )
                continue
            item = target
        for method in METHODS:
            op = item.child(method)
            if op is not None and isinstance(op.node, dict):
                ops.append((op, operation_name(method, path, op.node), item))
    # Speakeasy reads every operation's request before any response
    for op, name, item in ops:
        _request(op, name, item, builder)
    for op, name, _ in ops:
        _responses(op, name, builder)


def _request(op: Loc, name: str, item: Loc, builder: Builder) -> None:
    tags = names.tags(op.node)  # type: ignore[arg-type]
    # an operation's parameter replaces the path's of the same name and location; the first of
    # two alike in one list counts; one name in two locations: strPathParameter, strQueryParameter
    found: dict[tuple[str, str], ir.Field] = {}
    for level in (item.child("parameters"), op.child("parameters")):
        here: dict[tuple[str, str], ir.Field] = {}
        for where, f in _parameters(level, name, tags, builder):
            here.setdefault((f.name, where), f)
        found.update(here)
    clash = {n for n, w in found if sum(1 for m, _ in found if m == n) > 1}
    fields = [
        (
            replace(f, name=f"{f.name}{names.pascal(w)}Parameter")
            if f.name in clash
            else f
        )
        for (_, w), f in found.items()
    ]
    body_loc = _follow(op.child("requestBody"), builder)
    body = (
        _content(body_loc, names.request_body(name, tags), builder)
        if body_loc is not None
        else []
    )
    if fields:
        if body:
            fields.append(
                ir.Field(
                    "requestBody",
                    body[0],
                    body_loc.node.get("required") is True,  # type: ignore[union-attr]
                    builder.source(body_loc),  # type: ignore[arg-type]
                )
            )
        _model(
            op,
            names.request(name),
            builder,
            lambda key: ir.ObjectModel(
                key, "", None, builder.source(op), fields=tuple(fields)
            ),
        )


def _responses(op: Loc, name: str, builder: Builder) -> None:
    tags = names.tags(op.node)  # type: ignore[arg-type]
    responses = op.child("responses")
    if responses is None or not isinstance(responses.node, dict):
        return
    success = next((str(c) for c in responses.node if str(c).startswith("2")), None)
    for code in responses.node:
        r = _follow(responses.child(code), builder)
        if r is None:
            continue
        error = not str(code).startswith(("1", "2", "3"))
        types = _content(
            r, names.response_body(name, tags, str(code), "", error), builder
        )
        if str(code) == success and len(types) > 1:
            _model(
                r,
                names.responses(name),
                builder,
                lambda key: ir.UnionModel(
                    key, "", None, builder.source(r), members=tuple(types)
                ),
                "/responses-union",
            )


def _model(loc: Loc, ctx: Ctx, builder: Builder, make, suffix: str = "") -> None:
    """A model the spec does not write as a schema (``{Op}Request``, ``{Op}Response``)."""
    at = Loc(loc.file, loc.pointer + suffix, loc.node)
    builder.model(at, ctx, make)


def _follow(loc: Loc | None, builder: Builder) -> Loc | None:
    """``loc``, or what its ``$ref`` names (components/requestBodies, responses, parameters)."""
    seen = set()
    while loc is not None and isinstance(loc.node, dict) and "$ref" in loc.node:
        if loc.addr in seen:
            builder.error(loc, "reference cycle", "openapi-ref-cycle")
            return None
        seen.add(loc.addr)
        target, why = builder.docs.resolve(loc.file, str(loc.node["$ref"]))
        if target is None:
            builder.error(
                loc,
                f"unresolved reference '{loc.node['$ref']}': {why}",
                "openapi-ref-unresolved",
            )
        loc = target
    return loc if loc is not None and isinstance(loc.node, dict) else None


def _content(holder: Loc, ctx: Ctx, builder: Builder) -> list[ir.TypeExpr]:
    """The type of each media type's schema (context: ``ctx`` with the media type's words)."""
    content = holder.child("content")
    if content is None or not isinstance(content.node, dict):
        return []
    out = []
    for media in content.node:
        schema = content.child(media, "schema")
        if schema is None:
            continue
        sub = (
            Ctx(
                ctx.namespace,
                ctx.unit,
                ctx.base,
                context=ctx.context[:-1] + (names.media(media),),
                top=True,
            )
            if ctx.base == "ResponseBody"
            else ctx
        )
        out.append(_schema(schema, sub, builder))
    return out


def _parameters(
    params: Loc | None, op: str, tags: tuple[str, ...], builder: Builder
) -> list[tuple[str, ir.Field]]:
    """(location, field) of each parameter (cookies are left out)."""
    if params is None or not isinstance(params.node, list):
        return []
    fields = []
    for i in range(len(params.node)):
        p = _follow(params.child(i), builder)
        if p is None:
            continue
        node: dict = p.node  # type: ignore[assignment]
        name = node.get("name")
        if not isinstance(name, str) or node.get("in") == "cookie":
            continue
        base = names.parameter(op, tags, name)
        ctx = Ctx(
            base.namespace,
            base.unit,
            base.base,
            _SCOPES.get(str(node.get("in")), ""),
            base.context,
        )
        schema = p.child("schema")
        t = (
            _schema(schema, ctx, builder)
            if schema is not None
            else next(iter(_content(p, ctx, builder)), ir.ANY)
        )
        fields.append(
            (
                str(node.get("in")),
                ir.Field(
                    name,
                    t,
                    node.get("required") is True,
                    builder.source(p),
                    description=(
                        node["description"].strip()
                        if isinstance(node.get("description"), str)
                        else ""
                    ),
                    deprecated="" if node.get("deprecated") is True else None,
                ),
            )
        )
    return fields


def _schema(loc: Loc, ctx: Ctx, builder: Builder) -> ir.TypeExpr:
    """Build the schema; one that is a reference is the referenced model, nothing new. A
    component that only error bodies name is an error class (the ``speakeasy`` policy).
    """
    if (
        ctx.namespace == names.ERRORS
        and isinstance(loc.node, dict)
        and "$ref" in loc.node
    ):
        target, _ = builder.docs.resolve(loc.file, str(loc.node["$ref"]))
        if target is not None:
            builder.error_only.setdefault(target.addr, True)
            return builder.named(target, ref_ctx(target, ctx))
    return builder.type_of(loc, ctx)
