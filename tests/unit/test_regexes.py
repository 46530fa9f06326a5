"""Every regular expression of the generator runs in linear time on hostile text.

Backtracking regexes go quadratic (or worse) on long runs of what they almost match: spaces a pipe
never follows, blank lines under re.M, a lazy group before ``\\s*``. Each module-level pattern is run
over runs of every character class the generator's patterns care about, after the prefixes that
bring them into play; a linear pattern takes well under a millisecond on each.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import generator

N = 4_000
UNITS = [
    " ",
    "\t",
    "\n",
    " \n",
    "\n ",
    "a",
    "A",
    "Aa",
    "aA",
    "1",
    "1.",
    "a ",
    "a.",
    ": ",
    "x: ",
    "x:\n",
    "=",
    " =",
    "\\",
    "\\a",
    '"',
    '"a',
    "'",
    "`",
    "~",
    "~~",
    "*",
    "**",
    "-",
    "|",
    " |",
    "<",
    "<br",
    "<br/>",
    "[",
    "]",
    "(",
    ")",
    "#",
    "/",
    ",",
    "str,",
    "let ",
    "$",
    "é",
    "\u00a0",
]
PREFIXES = [
    "",
    "a",
    "x: a",
    "let x: ",
    "let x: a",
    "> :warning: **DEPRECATED**: ",
    ": warning: ** DEPRECATED **: a",
    '"',
    'x="',
    "Optional[",
    "List[",
    "from a import (",
    "class A(",
    "-",
    "a\n",
    "`",
]
SUFFIXES = ["", "!", "\n", "]", "a"]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for info in pkgutil.walk_packages(generator.__path__, "generator."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                out.append((f"{info.name}.{name}", value))
    return sorted(out, key=lambda x: x[0])


PATTERNS = dict(_patterns())
TEXTS = [p + u * (N // len(u)) + s for u in UNITS for p in PREFIXES for s in SUFFIXES]


def test_the_patterns_are_found():
    assert "generator.parse.markdown._PADDING" in PATTERNS and len(PATTERNS) >= 20


@pytest.mark.parametrize("name", PATTERNS)
def test_pattern_is_linear_on_hostile_text(name):
    pattern = PATTERNS[name]

    def run(text: str) -> float:
        start = time.perf_counter()
        pattern.match(text)
        for _ in pattern.finditer(text):
            pass
        return time.perf_counter() - start

    worst, worst_text = 0.0, ""
    for text in TEXTS:
        took = run(text)
        if took > 0.005:  # a slow run is timed again: the machine may have been busy
            took = min(took, run(text), run(text))
        if took > worst:
            worst, worst_text = took, text
    # linear: well under a millisecond for 4,000 characters; quadratic: tens of milliseconds at least
    assert (
        worst < 0.02
    ), f"{name} took {worst * 1000:.1f} ms on {worst_text[:30]!r}... ({len(worst_text):,} characters)"
