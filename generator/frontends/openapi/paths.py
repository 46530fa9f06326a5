"""The inline schemas under ``paths``: request bodies, responses (error responses included) and
parameters, each named from its operation and role (see ``names``)."""

from __future__ import annotations

from .names import ERRORS, OPERATIONS, Ctx, operation_name, pascal, response_name
from .refs import Loc
from .schema import Builder

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def operations(spec: Loc, builder: Builder) -> None:
    paths = spec.child("paths")
    if paths is None or not isinstance(paths.node, dict):
        return
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
        shared = item.child("parameters")
        for method in METHODS:
            op = item.child(method)
            if op is None or not isinstance(op.node, dict):
                continue
            name = operation_name(method, path, op.node)
            for params in (shared, op.child("parameters")):
                _parameters(params, name, builder)
            body = _follow(op.child("requestBody"), builder)
            if body is not None:
                _content(body, Ctx(OPERATIONS, f"{name}RequestBody"), builder)
            responses = op.child("responses")
            if responses is None or not isinstance(responses.node, dict):
                continue
            codes = [str(c) for c in responses.node]
            success = next((c for c in codes if c.startswith("2")), None)
            for code in responses.node:
                r = _follow(responses.child(code), builder)
                if r is None:
                    continue
                error = not str(code).startswith(("1", "2", "3"))
                ctx = Ctx(
                    ERRORS if error else OPERATIONS,
                    response_name(name, str(code), str(code) == success),
                )
                _content(r, ctx, builder)


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


def _content(holder: Loc, ctx: Ctx, builder: Builder) -> None:
    content = holder.child("content")
    if content is None or not isinstance(content.node, dict):
        return
    types = list(content.node)
    for media in types:
        schema = content.child(media, "schema")
        if schema is None:
            continue
        # the JSON body keeps the plain name; other media types add theirs (TextEventStream)
        sub = (
            ctx
            if media == types[0] or len(types) == 1
            else Ctx(ctx.namespace, ctx.name + pascal(media.split(";")[0]))
        )
        _schema(schema, sub, builder)


def _parameters(params: Loc | None, op: str, builder: Builder) -> None:
    if params is None or not isinstance(params.node, list):
        return
    for i in range(len(params.node)):
        p = _follow(params.child(i), builder)
        if p is None:
            continue
        name = p.node.get("name") if isinstance(p.node, dict) else None
        if not isinstance(name, str):
            continue
        ctx = Ctx(OPERATIONS, op + pascal(name))
        schema = p.child("schema")
        if schema is not None:
            _schema(schema, ctx, builder)
        else:
            _content(p, ctx, builder)


def _schema(loc: Loc, ctx: Ctx, builder: Builder) -> None:
    """Build the schema; one that is a reference is the referenced model, nothing new."""
    builder.type_of(loc, ctx)
