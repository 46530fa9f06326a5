"""One module per language: its container spellings and leaf vocabulary. ``detect`` picks one per doc."""

from __future__ import annotations

import re

from . import python, typescript

DIALECTS = {"typescript": typescript, "python": python}

_PY_HINTS = re.compile(
    r"\*(?:(?:str|int|float|bool|Any|bytes|Decimal)\*|Optional\[|Nullable\[|OptionalNullable\[|Literal\[)|List\[|Dict\[str|\[(?:Optional|Nullable|OptionalNullable)\[|\[models\.|#date-objects|#datetime-objects|`(?:str|int|float|bool|Any|datetime)`"
)
_TS_HINTS = re.compile(
    r"\*(?:string|number|boolean|any)\*|Record<string|\*\[\]|\)\[\]|developer\.mozilla\.org|\*\"|`(?:string|number|boolean)`"
)


def detect(text: str, fence_langs: list[str]) -> str:
    """The dialect of one doc, by the language of its code blocks, else by its type spellings."""
    for lang in fence_langs:
        lang = lang.lower()
        if lang in ("typescript", "ts"):
            return "typescript"
        if lang in ("python", "py"):
            return "python"
    py = len(_PY_HINTS.findall(text))
    ts = len(_TS_HINTS.findall(text))
    if py > ts:
        return "python"
    if ts > py:
        return "typescript"
    return ""
