"""Leaf helpers every dialect shares: literals, qualified names, web links."""

from __future__ import annotations

import json
import math
import re
from typing import TypeVar

from ...ir import Lit
from ..types import RawRef, TypeSyntaxError

QUALIFIED = re.compile(r"^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")
_T = TypeVar("_T")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Longest integer literal: the smallest limit Python may be configured to convert (``int()``, ``repr``)
# at all, so no environment fails on what parse let through, and the same everywhere.
MAX_INT_DIGITS = 640


class LiteralError(TypeSyntaxError):
    """A well-formed literal whose value the generated code cannot hold; the message says why."""


def integer(text: str) -> int:
    """``int(text)`` for decimal digits, with at most ``MAX_INT_DIGITS`` of them."""
    digits = len(text.lstrip("+-"))
    if digits > MAX_INT_DIGITS:
        raise LiteralError(
            f"integer of {digits:,} digits (at most {MAX_INT_DIGITS} are supported)"
        )
    return int(text)


def checked(value: _T) -> _T:
    """``value`` if UTF-8 and Python source can hold it: no lone surrogates, no infinite or NaN floats."""
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        if m:
            raise LiteralError(
                f"string holds a lone surrogate \\u{ord(m.group()):04x}, which UTF-8 cannot encode"
            )
    elif isinstance(value, float) and not math.isfinite(value):
        raise LiteralError(f"number out of range ({value})")
    return value


def _constant(name: str) -> object:
    raise LiteralError(f"{name} is not a number JSON allows")


def loads(text: str) -> object:
    """``json.loads`` of a literal: ValueError if it is not JSON, LiteralError if it is but cannot be
    represented (see ``integer`` and ``checked``)."""
    return checked(json.loads(text, parse_int=integer, parse_constant=_constant))


def literal(text: str) -> Lit | None:
    """A JSON-ish scalar literal (``"text"``, ``'text'``, ``true``, ``1.5``), else None; a literal
    that cannot be represented raises ``LiteralError``."""
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "\"'":
        if t[0] == "'":
            t = '"' + t[1:-1].replace('\\"', '"').replace('"', '\\"') + '"'
        try:
            value = loads(t)
        except LiteralError:
            raise
        except ValueError:
            return None
        return Lit(value) if isinstance(value, str) else None
    if t in ("true", "True"):
        return Lit(True)
    if t in ("false", "False"):
        return Lit(False)
    if _NUMBER.match(t):
        return Lit(integer(t) if re.fullmatch(r"-?\d+", t) else checked(float(t)))
    return None


def is_model_link(target: str) -> bool:
    path = target.split("#", 1)[0]
    return path.lower().endswith(".md") and "://" not in path


def is_web(target: str) -> bool:
    return "://" in target


def is_date_wrapper(target: str) -> bool:
    """TS ``../../types/rfcdate.md`` and Go ``types/date.md``: link targets that mean 'date'."""
    path = target.split("#", 1)[0].lower()
    return (
        path.endswith("/rfcdate.md")
        or path == "rfcdate.md"
        or path.endswith("types/date.md")
    )


def ref(text: str, target: str = "") -> RawRef:
    return RawRef(text.strip(), target)
