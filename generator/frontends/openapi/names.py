"""Names of the models a spec makes, the way Speakeasy's docs name them, and how collisions resolve.

Every schema that becomes a class gets a ``Ctx``: its namespace (``components``, ``operations``,
``errors``), its *unit* (the component's key, or the operation's name: its ``operationId``, else the
method and the path's words), its own word (``base``: a property's name, ``RequestBody``, a union
member's position or title), the *scope* (the base of the nearest enclosing union, else the unit)
and the context words above it (the operation's tags, ``Request`` + ``RequestBody`` or ``Response``
+ status code + media type, then the bases of its ancestors from the top). Its *candidates*, shortest
first (learnt from Speakeasy's docs next to the spec they came from)::

    Role                                    base
    MessageRole                             scope + base
    PostV2InvokeMessageRole                 unit + scope + base
    PostV2InvokeMessageDeploymentsRole      unit + scope + context[:1] + base
    PostV2InvokeMessageDeploymentsPublicRole, ... one more context word each time

A body at the top of a request or response starts at ``unit + base`` (``PostV2InvokeRequestBody``);
a component is its key. A candidate that starts with a digit spells it (``21`` -> ``Two1``).

``resolve`` gives each model the first candidate no earlier model took. Which candidates count
and what "earlier" means is the *policy* (``POLICIES``):

- ``speakeasy``: every candidate, in the order Speakeasy meets the schemas, so a spec alone
  reproduces its docs' names (``speakeasy_order``, learnt from docs next to their spec): first
  each request (its parameters and body, depth first) and each component, in the order the paths
  reach them (then the other components), a component breadth first (``Ctx.depth``, the schemas
  named above it); then every response of every operation together, breadth first (all the
  schemas one level below a response body, then two levels, ...). It is not local: a schema added
  before another that wanted the same short name takes it, and the other one moves to its next
  candidate.
- ``stable`` (the default): only the candidates that start with the unit (a component's key, an
  operation's name), resolved inside the unit. A schema's name then depends only on its own
  component or operation, so adding, removing or editing one never renames a class of another
  (unless two units spell the same name, e.g. component ``FooBar`` and ``Foo``'s property ``bar``:
  the component key wins, the property's schema takes its next candidate, with a warning).

No name ever gets a number or a hash to be unique: when every candidate is taken (two schemas at
the same words) the pointer's remaining segments are spelled out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ...render.naming import words

COMPONENTS = "components"
OPERATIONS = "operations"
ERRORS = "errors"
POLICIES = ("stable", "speakeasy")

_SMALL = (
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen",
    "Nineteen",
)  # fmt: skip
_TENS = (
    "",
    "",
    "Twenty",
    "Thirty",
    "Forty",
    "Fifty",
    "Sixty",
    "Seventy",
    "Eighty",
    "Ninety",
)


def pascal(text: str) -> str:
    """``get_v2/deployments`` -> ``GetV2Deployments``; case inside words is kept."""
    return "".join(w[:1].upper() + w[1:] for w in words(text))


def media(media_type: str) -> str:
    """A media type's words as Speakeasy spells them: ``application/json`` -> ``ApplicationJSON``."""
    return "".join(
        "JSON" if w.lower() == "json" else w[:1].upper() + w[1:]
        for w in words(media_type.split(";")[0])
    )


def spell(name: str) -> str:
    """A name cannot start with a digit: a leading number is spelt (``12`` -> ``Twelve``;
    ``2`` + ``1`` -> ``Two1``: only the first part of a name is spelt)."""
    digits = len(name) - len(name.lstrip("0123456789"))
    if not digits:
        return name
    return _number(int(name[:digits])) + name[digits:]


def _number(n: int) -> str:
    if n < 20:
        return _SMALL[n]
    if n < 100:
        return _TENS[n // 10] + (_SMALL[n % 10] if n % 10 else "")
    return "N" + str(n)  # an identifier; Speakeasy's own spelling of these is not known


class Ctx(NamedTuple):
    """Where a schema is written (see the module docstring). ``top``: a body at the top of a
    request or response, or a component (``exact``: its key is its only candidate). A tuple:
    one is made per schema read (a frozen dataclass cost three times as much)."""

    namespace: str
    unit: str
    base: str
    scope: str = ""
    context: tuple[str, ...] = ()
    top: bool = False
    exact: bool = False
    depth: int = 0  # the schemas with a ctx above this one, up to its body or component

    # ---------------------------------------------------------------- below this schema

    def prop(self, name: str) -> Ctx:
        """A property's schema (also additionalProperties / patternProperties: their word)."""
        return self.below(prop_word(name))

    def below(self, base: str) -> Ctx:
        """A schema below this one, ``base`` its own word (``prop``: a property's)."""
        return Ctx(
            self.namespace,
            self.unit,
            base,
            self.scope,
            self._down(),
            depth=self.depth + 1,
        )

    def items(self) -> Ctx:
        """An array's items (and a map's values): the container's own word (``messages`` ->
        ``Messages``); the items of a body that is an array are no body themselves."""
        return Ctx(
            self.namespace,
            self.unit,
            self.base,
            self.scope,
            self.context,
            depth=self.depth,
        )

    def member(self, index: int, node: object) -> Ctx:
        """Member ``index`` of the union this ctx names: its ``title``, else its 1-based position;
        the union's word is the scope below it."""
        title = node.get("title") if isinstance(node, dict) else None
        base = pascal(title) if isinstance(title, str) and pascal(title) else ""
        return Ctx(
            self.namespace,
            self.unit,
            base or str(index + 1),
            self.base,
            self._down(),
            depth=self.depth + 1,
        )

    def _down(self) -> tuple[str, ...]:
        return self.context if self.top else self.context + (self.base,)

    # ---------------------------------------------------------------- names

    def candidates(self) -> list[str]:
        return list(self._names())

    def _names(self) -> Iterator[str]:
        """The candidates one by one, shortest first; the same name twice only in its first
        place."""
        if self.exact:
            yield self.base
            return
        head = [self.unit, self.scope]
        out = [] if self.top else [[self.base], [self.scope, self.base]]
        out.append(head + [self.base])
        for k in range(1, len(self.context) + 1):
            out.append(head + list(self.context[:k]) + [self.base])
        seen = set()
        for parts in out:
            parts = [p for p in parts if p]
            if parts:
                name = spell(parts[0]) + "".join(parts[1:])
                if name not in seen:
                    seen.add(name)
                    yield name

    def local(self) -> list[str]:
        """The candidates that start with the unit (the ``stable`` policy's)."""
        if self.exact:
            return [self.base]
        every = self.candidates()
        return [c for c in every if c.startswith(self.unit) and self.unit] or every

    def first(self, policy: str) -> str | None:
        """The first of the policy's candidates (``local`` for ``stable``, else ``candidates``),
        None if there is none, making no more of them than it needs: most schemas get it.
        """
        names = self._names()
        if policy == "stable" and self.unit and not self.exact:
            for name in names:
                if name.startswith(self.unit):
                    return name
            # none starts with the unit: ``local`` is every candidate
            names = self._names()
        return next(names, None)


def prop_word(name: str) -> str:
    """The word of a property's schema: its name in PascalCase."""
    return pascal(name) or "Property"


def component(name: str) -> Ctx:
    return Ctx(COMPONENTS, name, name, top=True, exact=True)


def operation_name(method: str, path: str, op: dict) -> str:
    op_id = op.get("operationId")
    if isinstance(op_id, str) and pascal(op_id):
        return pascal(op_id)
    return pascal(method) + pascal(path.replace("{", " ").replace("}", " "))


def tags(op: dict) -> tuple[str, ...]:
    t = op.get("tags")
    return (
        tuple(pascal(x) for x in t if isinstance(x, str) and pascal(x))
        if isinstance(t, list)
        else ()
    )


def request_body(op: str, op_tags: tuple[str, ...]) -> Ctx:
    return Ctx(
        OPERATIONS,
        op,
        "RequestBody",
        context=op_tags + ("Request", "RequestBody"),
        top=True,
    )


def response_body(
    op: str, op_tags: tuple[str, ...], status: str, media: str, error: bool
) -> Ctx:
    """``{Op}ResponseBody``; a second one of the operation (another status code or media type)
    takes the tags, ``Response``, the status code and the media type, one word at a time.
    """
    return Ctx(
        ERRORS if error else OPERATIONS,
        op,
        "ResponseBody",
        context=op_tags + ("Response", pascal(status) or status, pascal(media)),
        top=True,
    )


def parameter(op: str, op_tags: tuple[str, ...], name: str) -> Ctx:
    """A parameter's schema: the parameter's name, below ``{Op}Request``."""
    return Ctx(
        OPERATIONS, op, pascal(name) or "Parameter", context=op_tags + ("Request",)
    )


def request(op: str) -> Ctx:
    """The ``{Op}Request`` bundle of an operation's parameters (and its body)."""
    return Ctx(OPERATIONS, op, "Request", top=True)


def responses(op: str) -> Ctx:
    """``{Op}Response``: the union of a success response's media types."""
    return Ctx(OPERATIONS, op, "Response", top=True)


# -------------------------------------------------------------------- resolving


@dataclass
class Claim:
    """A model that wants a name: its address, context, and where it comes in the reading order."""

    addr: str
    ctx: Ctx
    order: tuple = field(default=())


def resolve(
    claims: Sequence[Claim], policy: str = "stable"
) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]]]:
    """Address -> (namespace, name) for every claim; and (address, name it wanted) for each model
    that lost a candidate to another unit (under ``stable`` the only way one unit's names can
    depend on another's: say it)."""
    final: dict[str, tuple[str, str]] = {}
    owner: dict[tuple[str, str], str] = {}  # (namespace, name) -> the unit that has it
    bumped: list[tuple[str, str]] = []
    if (
        policy == "stable"
    ):  # component keys first, then unit by unit in the unit's own order
        ordered = sorted(claims, key=lambda c: (not c.ctx.exact, c.ctx.unit, c.order))
    else:
        ordered = speakeasy_order(claims)
    for c in ordered:
        ns = c.ctx.namespace
        first = c.ctx.first(policy)
        if first is not None and (ns, first) not in owner:  # no candidate lost
            owner[(ns, first)] = c.ctx.unit
            final[c.addr] = (ns, first)
            continue
        options = c.ctx.local() if policy == "stable" else c.ctx.candidates()
        name = next((n for n in options if (ns, n) not in owner), None)
        if name is None:
            name = _spelled(options[-1] if options else "Schema", c.addr, ns, owner)
        lost = (
            [n for n in options[: options.index(name)] if n in options]
            if name in options
            else options
        )
        if policy == "stable" and any(owner.get((ns, n)) != c.ctx.unit for n in lost):
            bumped.append((c.addr, options[0]))
        owner[(ns, name)] = c.ctx.unit
        final[c.addr] = (ns, name)
    return final, bumped


def speakeasy_order(claims: Sequence[Claim]) -> list[Claim]:
    """The claims in the order Speakeasy names them (see the module docstring): component keys,
    then the requests and components by where the reading met them first (a component breadth
    first), then the responses of all operations, breadth first. Learnt from Speakeasy's docs
    next to their spec (``benchmarks/names.py``): on seed-ts it reproduces 9 more of the docs'
    318 names than the reading order, and on the orq docs against a later spec, 66 more of 3,519
    matched."""
    first: dict[tuple[bool, str], tuple] = {}
    places = []
    for c in claims:
        pointer = c.addr.partition("#")[2]
        response = pointer.startswith("/paths/") and "/responses" in pointer
        unit = (pointer.startswith("/components/"), c.ctx.unit)
        places.append((response, unit))
        if unit not in first or c.order < first[unit]:
            first[unit] = c.order

    def key(pair: tuple[Claim, tuple[bool, tuple[bool, str]]]) -> tuple:
        c, (response, unit) = pair
        if response:
            return (not c.ctx.exact, 1, c.ctx.depth, c.order)
        return (not c.ctx.exact, 0, first[unit], c.ctx.depth if unit[0] else 0, c.order)

    return [c for c, _ in sorted(zip(claims, places), key=key)]


def _spelled(name: str, addr: str, namespace: str, taken) -> str:
    """``name`` followed by the words of ``addr``'s pointer, from the end, until it is free."""
    from .refs import split_pointer

    segs = [pascal(s) or s for s in split_pointer(addr.partition("#")[2])]
    segs = [s for s in segs if s and s.isidentifier()]
    for k in range(1, len(segs) + 1):
        n = name + "".join(segs[-k:])
        if (namespace, n) not in taken:
            return n
    n = name + "".join(segs) or "Schema"
    while (namespace, n) in taken:  # only when two addresses spell the same words
        n += "Other"
    return n
