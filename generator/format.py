"""Stage 6, format: black over every generated Python file (string in, string out)."""

from __future__ import annotations

import black

MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)


def format_python(text: str) -> str:
    try:
        return black.format_str(text, mode=MODE)
    except black.NothingChanged:
        return text


def needs_black(text: str) -> bool:
    """Render already writes black's layout; only lines it could not lay out need black itself."""
    in_string = False
    for line in text.split("\n"):
        quotes = line.count('\"\"\"')
        if not in_string and not quotes and len(line) > MODE.line_length:
            return True
        if quotes % 2:
            in_string = not in_string
    return False


def format_files(files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(p, format_python(t) if p.endswith(".py") and needs_black(t) else t) for p, t in files]
