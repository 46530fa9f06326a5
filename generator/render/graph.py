"""Which references close a cycle: those get quoted names and imports at the bottom of the module."""

from __future__ import annotations

from .. import ir


def dependencies(m: ir.Model) -> list[ir.ModelKey]:
    types: list[ir.TypeExpr] = []
    if isinstance(m, ir.ObjectModel):
        types = [f.type for f in m.fields] + ([m.extra] if m.extra is not None else [])
    elif isinstance(m, ir.UnionModel):
        types = list(m.members)
    out: list[ir.ModelKey] = []
    for t in types:
        kind = type(t)
        if kind is ir.Prim or kind is ir.Lit or kind is ir.Null:
            continue  # most types are leaves: no generator for them
        for r in (t,) if kind is ir.Ref else ir.walk_refs(t):
            if r.key is not None and r.key not in out:  # type: ignore[union-attr]
                out.append(r.key)  # type: ignore[union-attr]
    return out


def components(package: ir.Package) -> dict[ir.ModelKey, int]:
    """Strongly connected component id of every model (iterative Tarjan); a model alone in its
    component without a self-reference is acyclic."""
    graph = {m.key: dependencies(m) for m in package.models}
    index: dict[ir.ModelKey, int] = {}
    low: dict[ir.ModelKey, int] = {}
    on_stack: set[ir.ModelKey] = set()
    stack: list[ir.ModelKey] = []
    comp: dict[ir.ModelKey, int] = {}
    counter = 0
    ncomp = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                cid, ncomp = ncomp, ncomp + 1
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp[w] = cid
                    if w == node:
                        break
    return comp
