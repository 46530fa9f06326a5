"""Hand-built IR for unit tests of the stages after the front-ends."""

from __future__ import annotations

from generator import ir

SRC = ir.Source("models/x.md")


def key(name: str, namespace: str = "components") -> ir.ModelKey:
    return ir.ModelKey(namespace, name)


def field(name: str, t: ir.TypeExpr, required: bool = True, **kw) -> ir.Field:
    return ir.Field(name, t, required, SRC, **kw)


def obj(
    name: str, *fields: ir.Field, namespace: str = "components", **kw
) -> ir.ObjectModel:
    kw.setdefault("source", ir.Source(f"models/{namespace}/{name.lower()}.md"))
    kw.setdefault("path_hint", name.lower())
    return ir.ObjectModel(
        key=key(name, namespace), description="", deprecated=None, fields=fields, **kw
    )


def enum(
    name: str, *values, open: bool = False, namespace: str = "components"
) -> ir.EnumModel:
    members = tuple(ir.EnumMember(v, SRC) for v in values)
    return ir.EnumModel(
        key=key(name, namespace),
        description="",
        deprecated=None,
        source=SRC,
        path_hint=name.lower(),
        members=members,
        open=open,
    )


def union(
    name: str, *members: ir.TypeExpr, namespace: str = "components"
) -> ir.UnionModel:
    return ir.UnionModel(
        key=key(name, namespace),
        description="",
        deprecated=None,
        source=SRC,
        path_hint=name.lower(),
        members=members,
    )


def ref(name: str, namespace: str = "components") -> ir.Ref:
    return ir.Ref(key(name, namespace))
