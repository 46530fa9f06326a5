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

from .. import ir
from .combine import At, Combining
from .report import JoinReport
from .shapes import (
    Side,
    likeness,
    norm,
    pair_members,
    resemblance,
    split_null,
)

# how alike (``shapes.likeness``, deep) a doc model and a schema must be to match by shape alone
SHAPE_MIN = 0.75
# how many schemas whose names alone are alike enough get the closer look
SHAPE_NEAR = 8
# how much more alike than the next one the chosen schema must be
SHAPE_MARGIN = 0.1


class Joiner(Combining):
    """Matching doc models to spec schemas (roots, bodies, wrappers, structure, names, shapes);
    each pair is combined by ``Combining``."""

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
        for s in free:
            names = (
                set(self.sp.fields(s))
                if isinstance(s, ir.ObjectModel)
                else {repr(x.value) for x in s.members}
            )
            for n in names:
                index.setdefault(n, []).append(s)
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
                            else len(c.members)
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
