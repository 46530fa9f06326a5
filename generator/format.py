"""Stage 6, format: black over every generated Python file (string in, string out)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import black

from .diagnostics import Diagnostics
from .parallel import map_chunks

MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)


def format_python(text: str) -> str:
    try:
        return black.format_str(text, mode=MODE)
    except black.NothingChanged:
        return text


_ATOMIC = re.compile(
    r'^(?:(?:\w+=)?"(?:[^"\\]|\\.)*"(?:: "(?:[^"\\]|\\.)*")?,?|from \S+ import \(|[\w.]+(?: as \w+)?,?|class \w+(?:\(|:)|\w+ = TypeAliasType\(|\w+: [\w.]+)$'
)


def needs_black(text: str) -> bool:
    """Render already writes black's layout; only lines it could not lay out need black itself."""
    in_string = False
    for line in text.split("\n"):
        quotes = line.count('"""')
        if (
            not in_string
            and not quotes
            and len(line) > MODE.line_length
            and not _ATOMIC.match(line.strip())
        ):
            return True
        if quotes % 2:
            in_string = not in_string
    return False


def format_files(
    files: list[tuple[str, str]],
    *,
    everything: bool = False,
    diags: Diagnostics | None = None,
    root: str = "",
) -> list[tuple[str, str]]:
    """Black over the Python files that need it, on every core. ``everything``: over every Python
    file, for output that templates of the user's laid out (the fast path knows only ours).

    A file black cannot parse (a user template that writes broken Python) is an error in ``diags``
    at the file's path (below ``root``, OUT as the user gave it) and black's line and column, and
    stays as rendered; without ``diags`` it raises ``black.InvalidInput``."""
    todo = [
        i
        for i, (p, t) in enumerate(files)
        if p.endswith(".py") and (everything or needs_black(t))
    ]
    done = map_chunks(_format_chunk, [files[i][1] for i in todo])
    out = list(files)
    for i, text in zip(todo, done):
        if isinstance(text, _Unparsable):
            if diags is None:
                raise black.InvalidInput(text.message)
            line, col = text.position()
            diags.error(
                os.path.join(root, files[i][0]) if root else files[i][0],
                line,
                f"generated Python that black cannot parse ({text.message}); "
                "check the templates given with --templates",
                "template-output",
                col,
            )
            continue
        out[i] = (files[i][0], text)
    return out


@dataclass(frozen=True)
class _Unparsable:
    message: str

    def position(self) -> tuple[int, int]:
        m = re.search(r"(\d+):(\d+)$", self.message)
        return (int(m[1]), int(m[2]) + 1) if m else (1, 1)


def _format_chunk(texts) -> list[str | _Unparsable]:
    out: list[str | _Unparsable] = []
    for t in texts:
        try:
            out.append(format_python(t))
        except black.InvalidInput as exc:
            out.append(_Unparsable(str(exc).split("\n")[0]))
    return out
