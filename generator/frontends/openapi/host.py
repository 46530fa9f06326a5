"""What the ``Builder``'s mixins (``objects``, ``composition``, ``constraints``, ``finish``) use
of the builder they are part of: its state and the methods of its core and of each other. The
mixins' ``self`` is a ``Host``; ``Builder`` satisfies it, which mypy checks where a mixin's method
is called on a ``Builder``. A protocol, as the mixins cannot name ``Builder`` as their ``self``:
mypy wants a method's ``self`` type to be a supertype of its class."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ... import ir
    from .names import Claim, Ctx
    from .refs import Documents, Loc

_Merged = tuple[list[tuple[str, "Loc"]], set[str], list["Loc"]]


class Host(Protocol):
    docs: Documents
    policy: str
    models: dict[str, ir.Model]
    wanted: dict[str, Claim]
    error_only: dict[str, bool]
    done: dict[str, ir.TypeExpr]
    merging: set[str]
    types: dict[str, ir.TypeExpr]
    later: dict[str, tuple[Loc, Ctx]]
    put_off: bool
    prop_words: dict[str, str]

    # the core (schema.py)
    def source(self, loc: Loc) -> ir.Source: ...
    def warn(self, loc: Loc, message: str, code: str) -> None: ...
    def error(self, loc: Loc, message: str, code: str) -> None: ...
    @staticmethod
    def key(addr: str) -> ir.ModelKey: ...
    def claim(self, addr: str, ctx: Ctx) -> None: ...
    def named(self, loc: Loc, ctx: Ctx) -> ir.TypeExpr: ...
    def type_of(self, loc: Loc, ctx: Ctx, named: bool = False) -> ir.TypeExpr: ...
    def model(
        self, loc: Loc, ctx: Ctx, make: Callable[[ir.ModelKey], ir.Model]
    ) -> ir.Ref: ...

    # the mixins
    def extra(self, loc: Loc, ctx: Ctx) -> ir.TypeExpr | None: ...
    def object_model(
        self,
        loc: Loc,
        ctx: Ctx,
        node: dict,
        props: list[tuple[str, Loc]],
        required: set[str],
        extra: ir.TypeExpr | None,
    ) -> ir.Ref: ...
    def field(self, name: str, loc: Loc, ctx: Ctx, required: bool) -> ir.Field: ...
    def null_member(self, addr: str, t: ir.TypeExpr) -> None: ...
    def discriminator(
        self, loc: Loc, members: list[ir.TypeExpr]
    ) -> ir.Discriminator | None: ...
    def merge(self, loc: Loc, parts: list[Loc]) -> _Merged | None: ...
    def _flatten(self, loc: Loc, seen: set[str]) -> _Merged | None: ...
    def constraints(self, loc: Loc, kind: str) -> ir.Constraints: ...
    def read_later(self) -> None: ...
