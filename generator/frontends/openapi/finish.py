"""Finishing the models a ``Builder`` read: the schemas put off read, references to them settled,
every model given its final key (``names.resolve``) and every reference renamed (``rekey``); the
type of every schema read with the final keys (``schema_types``). ``Finishing`` is a mixin of
``Builder``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ... import ir
from .names import ERRORS, Claim, resolve
from .refs import Loc

if TYPE_CHECKING:
    from .host import Host
    from .schema import Builder

# the namespace of a reference to a put-off schema (``finish`` replaces it)
_LATER = "\x00later"


class Finishing:
    def read_later(self: Host) -> None:
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

    def finish(self: Host) -> list[ir.Model]:
        """The models with their final keys (``namespace``/name) and every reference renamed."""
        self.read_later()
        claims = [self.wanted[addr] for addr in self.models]
        if (
            self.policy == "speakeasy"
        ):  # a component only error bodies name is an error class
            claims = [
                (
                    Claim(c.addr, c.ctx._replace(namespace=ERRORS), c.order)
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
    return {addr: _renamed(t, final) for addr, t in builder.types.items()}


def _renamed(t: ir.TypeExpr, final: dict[ir.ModelKey, ir.ModelKey]) -> ir.TypeExpr:
    """``t`` with every reference renamed by ``final`` (``ir.map_refs``), and ``t`` itself
    where it holds no reference: most types hold none, and a copy of each costs more."""
    if isinstance(t, ir.Ref):
        return ir.Ref(final.get(t.key, t.key))
    if isinstance(t, ir.ListOf):
        item = _renamed(t.item, final)
        return t if item is t.item else ir.ListOf(item, t.constraints)
    if isinstance(t, ir.DictOf):
        value = _renamed(t.value, final)
        return t if value is t.value else ir.DictOf(value, t.constraints)
    if isinstance(t, ir.Nullable):
        inner = _renamed(t.inner, final)
        return t if inner is t.inner else ir.Nullable(inner)
    if isinstance(t, ir.UnionOf):
        members = tuple(_renamed(m, final) for m in t.members)
        same = all(a is b for a, b in zip(members, t.members))
        return t if same else ir.UnionOf(members)
    return t


def rekey(m: ir.Model, final: dict[ir.ModelKey, ir.ModelKey]) -> ir.Model:
    key = final[m.key]
    if isinstance(m, ir.ObjectModel):
        fields = []
        for f in m.fields:
            t = _renamed(f.type, final)
            # most fields name no model: the field as it is (a replace costs more)
            fields.append(f if t is f.type else replace(f, type=t))
        return replace(
            m,
            key=key,
            fields=tuple(fields),
            extra=_renamed(m.extra, final) if m.extra is not None else None,
        )
    if isinstance(m, ir.UnionModel):
        disc = m.discriminator
        if disc is not None:
            disc = replace(
                disc, mapping=tuple((v, final.get(k, k)) for v, k in disc.mapping)
            )
        members = tuple(_renamed(t, final) for t in m.members)
        return replace(m, key=key, members=members, discriminator=disc)
    return replace(m, key=key)
