"""Stage 6, format: black over every generated Python file (string in, string out)."""

from __future__ import annotations

import re

import black

from .parallel import map_chunks

MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)


def format_python(text: str) -> str:
    try:
        return black.format_str(text, mode=MODE)
    except black.NothingChanged:
        return text


_ATOMIC = re.compile(r'^(?:(?:\w+=)?"(?:[^"\\]|\\.)*"(?:: "(?:[^"\\]|\\.)*")?,?|from \S+ import \(|[\w.]+(?: as \w+)?,?|class \w+(?:\(|:)|\w+ = TypeAliasType\(|\w+: [\w.]+)$')


def needs_black(text: str) -> bool:
    """Render already writes black's layout; only lines it could not lay out need black itself."""
    in_string = False
    for line in text.split("\n"):
        quotes = line.count('\"\"\"')
        if not in_string and not quotes and len(line) > MODE.line_length and not _ATOMIC.match(line.strip()):
            return True
        if quotes % 2:
            in_string = not in_string
    return False


def format_files(files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Black over the Python files that need it, on every core."""
    todo = [i for i, (p, t) in enumerate(files) if p.endswith(".py") and needs_black(t)]
    done = map_chunks(_format_chunk, [files[i][1] for i in todo])
    out = list(files)
    for i, text in zip(todo, done):
        out[i] = (files[i][0], text)
    return out


def _format_chunk(texts) -> list[str]:
    return [format_python(t) for t in texts]
