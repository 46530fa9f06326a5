"""The constraints of a JSON Schema value (lengths, patterns, bounds, multiples, item and property
counts) to ``ir.Constraints``; an integer's bounds as integers. A mixin of ``Builder``.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import TYPE_CHECKING

from ... import ir
from .refs import Loc

if TYPE_CHECKING:
    from .host import Host


# the keywords read below: a schema with none of them (most) has no constraints
KEYWORDS = frozenset(keyword for _, keyword in ir.CONSTRAINT_KEYWORDS)


class Constraints:
    def constraints(self: Host, loc: Loc, kind: str) -> ir.Constraints:
        node: dict = loc.node  # type: ignore[assignment]
        if KEYWORDS.isdisjoint(node):
            return ir.NO_CONSTRAINTS
        c: dict = {}

        def num(k: str) -> float | None:
            v = node.get(k)
            return (
                v if isinstance(v, (int, float)) and not isinstance(v, bool) else None
            )

        def count(k: str) -> int | None:
            v = node.get(k)
            return (
                v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None
            )

        if kind == "string":
            c.update(min_length=count("minLength"), max_length=count("maxLength"))
            pattern = node.get("pattern")
            if isinstance(pattern, str):
                try:
                    re.compile(pattern)
                    c["pattern"] = pattern
                except re.error as exc:
                    self.warn(
                        loc,
                        f"pattern {pattern!r} is not a Python regular expression ({exc}); not checked",
                        "openapi-pattern",
                    )
        elif kind in ("integer", "number"):
            lo, hi = num("minimum"), num("maximum")
            xlo, xhi = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
            if xlo is True:
                lo, xlo = None, lo
            if xhi is True:
                hi, xhi = None, hi
            xlo = (
                xlo
                if isinstance(xlo, (int, float)) and not isinstance(xlo, bool)
                else None
            )
            xhi = (
                xhi
                if isinstance(xhi, (int, float)) and not isinstance(xhi, bool)
                else None
            )
            m = num("multipleOf")
            c.update(
                minimum=lo,
                maximum=hi,
                exclusive_minimum=xlo,
                exclusive_maximum=xhi,
                multiple_of=m if m and m > 0 else None,
            )
            if kind == "integer":
                c = _integer_bounds(c)
        elif kind == "array":
            c.update(
                min_items=count("minItems"),
                max_items=count("maxItems"),
                unique_items=node.get("uniqueItems") is True,
            )
        elif kind == "object":
            c.update(
                min_properties=count("minProperties"),
                max_properties=count("maxProperties"),
            )
        c = {k: v for k, v in c.items() if v is not None}
        return ir.Constraints(**c) if c else ir.NO_CONSTRAINTS


def _integer_bounds(c: dict) -> dict:
    """An integer's bounds as integers (pydantic takes no others): ``1.0`` is 1, ``minimum: 1.5``
    and ``exclusiveMinimum: 1.5`` are ``minimum: 2``, ``maximum: 2.5`` is ``maximum: 2``, and
    ``multipleOf: 1.5`` is 3 (the integers that are multiples of 3/2)."""
    out: dict = {}
    low: list[int] = []
    high: list[int] = []
    for k, v in c.items():
        if not isinstance(v, float):
            out[k] = v
        elif v.is_integer():
            out[k] = int(v)
        elif k in ("minimum", "exclusive_minimum"):
            low.append(math.ceil(v))
        elif k in ("maximum", "exclusive_maximum"):
            high.append(math.floor(v))
        else:  # multiple_of
            out[k] = Fraction(repr(v)).numerator
    if low:
        out["minimum"] = max(
            low + [out["minimum"]] if out.get("minimum") is not None else low
        )
    if high:
        out["maximum"] = min(
            high + [out["maximum"]] if out.get("maximum") is not None else high
        )
    return out
