"""Leaf helpers every dialect shares: literals, qualified names, web links."""

from __future__ import annotations

import json
import re

from ...ir import Lit
from ..types import RawRef

QUALIFIED = re.compile(r"^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")


def literal(text: str) -> Lit | None:
    """A JSON-ish scalar literal (``"text"``, ``'text'``, ``true``, ``1.5``), else None."""
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "\"'":
        if t[0] == "'":
            t = '"' + t[1:-1].replace('\\"', '"').replace('"', '\\"') + '"'
        try:
            value = json.loads(t)
        except ValueError:
            return None
        return Lit(value) if isinstance(value, str) else None
    if t in ("true", "True"):
        return Lit(True)
    if t in ("false", "False"):
        return Lit(False)
    if _NUMBER.match(t):
        return Lit(int(t) if re.fullmatch(r"-?\d+", t) else float(t))
    return None


def is_model_link(target: str) -> bool:
    path = target.split("#", 1)[0]
    return path.lower().endswith(".md") and "://" not in path


def is_web(target: str) -> bool:
    return "://" in target


def is_date_wrapper(target: str) -> bool:
    """TS ``../../types/rfcdate.md`` and Go ``types/date.md``: link targets that mean 'date'."""
    path = target.split("#", 1)[0].lower()
    return path.endswith("/rfcdate.md") or path == "rfcdate.md" or path.endswith("types/date.md")


def ref(text: str, target: str = "") -> RawRef:
    return RawRef(text.strip(), target)
