"""The operations of a spec (``ir.Operation``): each method of each path, with the models of its
request and response bodies. Reads only what ``paths`` says (operationId, method, path, status,
media type) and where each body's schema is (a ``$ref`` followed to its target), and gives each
body the model the schema stage built at that address, if any. The docs+spec join matches the
docs' ``{Op}RequestBody`` / ``{Op}ResponseBody`` models through these."""

from __future__ import annotations

from collections.abc import Mapping

from ... import ir
from .refs import Documents, Loc

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# how many ``$ref`` hops are followed from a body to its schema
HOPS = 32


def find_operations(
    spec: Loc, docs: Documents, models: Mapping[str, ir.ModelKey]
) -> list[ir.Operation]:
    """The operations of the spec rooted at ``spec``; ``models``: model keys by schema address."""
    paths = spec.child("paths")
    if paths is None or not isinstance(paths.node, dict):
        return []
    out = []
    for path in paths.node:
        item = _follow(paths.child(path), docs)
        if item is None:
            continue
        for method in METHODS:
            op = item.child(method)
            if op is None or not isinstance(op.node, dict):
                continue
            bodies: list[ir.Body] = []
            body = _follow(op.child("requestBody"), docs)
            if body is not None:
                bodies += _bodies(body, "request", "", docs, models)
            responses = op.child("responses")
            if responses is not None and isinstance(responses.node, dict):
                for code in responses.node:
                    r = _follow(responses.child(code), docs)
                    if r is not None:
                        bodies += _bodies(r, "response", str(code), docs, models)
            op_id = op.node.get("operationId")
            out.append(
                ir.Operation(
                    op_id if isinstance(op_id, str) else "",
                    method,
                    str(path),
                    tuple(bodies),
                    _source(op, docs),
                )
            )
    return out


def _bodies(
    holder: Loc,
    role: str,
    status: str,
    docs: Documents,
    models: Mapping[str, ir.ModelKey],
) -> list[ir.Body]:
    content = holder.child("content")
    if content is None or not isinstance(content.node, dict):
        return []
    out = []
    for media in content.node:
        schema = content.child(media, "schema")
        if schema is None:
            continue
        target = _follow(schema, docs, schemas=True) or schema
        model = models.get(target.addr) or models.get(schema.addr)
        items = False
        if model is None and isinstance(target.node, dict) and "items" in target.node:
            item = _follow(target.child("items"), docs, schemas=True)
            model = None if item is None else models.get(item.addr)
            items = model is not None
        out.append(
            ir.Body(role, status, str(media), model, _source(schema, docs), items)
        )
    return out


def _follow(loc: Loc | None, docs: Documents, schemas: bool = False) -> Loc | None:
    """``loc``, or what its ``$ref`` chain names (a schema's: only while it is nothing but a
    reference); None when it is not an object or a reference does not resolve."""
    for _ in range(HOPS):
        if loc is None or not isinstance(loc.node, dict):
            return None
        ref = loc.node.get("$ref")
        if not isinstance(ref, str) or (schemas and len(loc.node) > 1):
            return loc
        loc, _ = docs.resolve(loc.file, ref)
    return None


def _source(loc: Loc, docs: Documents) -> ir.Source:
    line, col = docs.position(loc)
    return ir.Source(loc.file, line, col, loc.pointer)
