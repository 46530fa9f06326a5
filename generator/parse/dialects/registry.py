"""The registry of dialects (one ``base.Dialect`` per language, in registry order) and ``detect``,
which picks a doc's dialect from its own text. ``parse.dialects`` hands these out on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..languages import DIALECT_NAMES
from . import csharp, go, java, php, python, ruby, typescript
from .base import Dialect, Evidence

DIALECTS: dict[str, Dialect] = {
    d.name: d
    for d in (
        typescript.DIALECT,
        python.DIALECT,
        go.DIALECT,
        java.DIALECT,
        csharp.DIALECT,
        php.DIALECT,
        ruby.DIALECT,
    )
}
NAMES = tuple(DIALECTS)
if NAMES != DIALECT_NAMES:  # pragma: no cover - a dialect added here and not there
    raise ImportError(f"languages.DIALECT_NAMES must be {NAMES}")
_BY_FENCE = {lang: d.name for d in DIALECTS.values() for lang in d.fence_languages}


def detect(fence_langs: Iterable[str], evidence: Callable[[], Evidence]) -> str:
    """The dialect of one doc (its name), ``""`` if its text does not tell: the language of its
    first code block that names a dialect's language, else the only dialect with the highest
    ``score`` of the doc's ``evidence()`` (made only then)."""
    for lang in fence_langs:
        name = _BY_FENCE.get(lang.lower())
        if name is not None:
            return name
    doc = evidence()
    best, best_score, tied = "", 0, False
    for d in DIALECTS.values():
        score = d.score(doc)
        if score > best_score:
            best, best_score, tied = d.name, score, False
        elif score == best_score and score:
            tied = True
    return "" if tied else best


__all__ = ["DIALECTS", "Dialect", "Evidence", "NAMES", "detect"]
