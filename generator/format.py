"""Stage 6, format: black over every generated Python file (string in, string out)."""

from __future__ import annotations

import ast
import hashlib
import os
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .diagnostics import Diagnostics
from .parallel import map_chunks
from .render.literals import ATOM_VALUE

if TYPE_CHECKING:
    from .progress import Progress
    from .write.cache import Cache

LINE_LENGTH = 88


@cache
def _mode():  # black is imported only when a file needs it (importing it takes a tenth of a second)
    import black

    return black.Mode(
        target_versions={black.TargetVersion.PY310}, line_length=LINE_LENGTH
    )


def __getattr__(name: str) -> object:
    if name == "MODE":  # black's mode, made when first asked for
        return _mode()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def format_python(text: str) -> str:
    import black

    try:
        return black.format_str(text, mode=_mode())
    except black.NothingChanged:
        return text


_ATOMIC = re.compile(
    r'^(?:(?:\w+=)?"(?:[^"\\]|\\.)*"(?:: "(?:[^"\\]|\\.)*")?,?|from \S+ import \(|[\w.]+(?: as \w+)?,?|class \w+(?:\(|:)|\w+ = TypeAliasType\(|\w+: [\w.]+|\w+: [\w.]+ = \((?:'
    + ATOM_VALUE
    + r")\))$"
)


def needs_black(text: str) -> bool:
    """Render already writes black's layout; only lines it could not lay out need black itself.
    A line that is only a comment is one black never splits (the runtime module has long ones).
    """
    lines = text.split("\n")
    # most modules have no long line, and only a long line can need black
    if max(map(len, lines)) <= LINE_LENGTH:
        return False
    in_string = False
    for line in lines:
        quotes = line.count('"""')
        if (
            not in_string
            and not quotes
            and len(line) > LINE_LENGTH
            and not _ATOMIC.match(line.strip())
            and not line.lstrip().startswith("#")
        ):
            return True
        if quotes % 2:
            in_string = not in_string
    return False


def blocks(text: str) -> list[str]:
    """A module split into its head (docstring, imports) and its top-level statements (a string
    statement below one, an attribute docstring, stays with it), without the blank lines between.
    """
    body = ast.parse(text).body
    lines = text.split("\n")
    first = next(
        (
            i
            for i, n in enumerate(body)
            if not isinstance(n, (ast.Import, ast.ImportFrom, ast.Expr))
        ),
        len(body),
    )
    starts = [
        # getattr: only functions and classes have decorators
        (getattr(n, "decorator_list", None) or [n])[0].lineno - 1
        for n in body[first:]
        if not isinstance(n, ast.Expr)
    ]
    cuts = [0] + starts + [len(lines)]
    out = ["\n".join(lines[a:b]).strip("\n") for a, b in zip(cuts, cuts[1:])]
    return [b for b in out if b]


def _plain(block: str) -> bool:
    """Whether black leaves a block of datamodel-code-generator's builtin layout as it is: every
    statement on one line within the limit, no single-quoted string (where black decides
    differently in that layout). A docstring line that looks like a split statement only costs
    a black run."""
    return "'" not in block and all(
        len(line) <= LINE_LENGTH and not _SPLIT.search(line)
        for line in block.split("\n")
    )


_SPLIT = re.compile(r"[\[({,\\]\s*$|^\s*[\])}]")


def format_blocks(text: str, jobs: int = 0) -> str:
    """Black over a big module block by block (top-level statements, two blank lines between,
    as black lays them out), only the blocks that need it, on every core; the same text as black
    over the whole module for the output of datamodel-code-generator (a test holds it).
    """
    parts = blocks(text)
    todo = [i for i, b in enumerate(parts) if i == 0 or not _plain(b)]
    done = map_chunks(_format_chunk, [parts[i] for i in todo], jobs=jobs)
    for i, out in zip(todo, done):
        if isinstance(out, _Unparsable):
            import black

            raise black.InvalidInput(out.message)
        parts[i] = out.strip("\n")
    return "\n\n\n".join(parts) + "\n"


def format_files(
    files: list[tuple[str, str]],
    *,
    everything: bool = False,
    by_blocks: bool = False,
    diags: Diagnostics | None = None,
    root: str = "",
    cache: Cache | None = None,
    progress: Progress | None = None,
    jobs: int = 0,
) -> list[tuple[str, str]]:
    """Black over the Python files that need it, on every core. ``everything``: over every Python
    file, for output that templates of the user's laid out (the fast path knows only ours).
    ``by_blocks``: every Python file with ``format_blocks`` (datamodel-code-generator's output).
    ``cache`` (table ``format``, by path and the digest of the text black is given) keeps what
    black made of each, so a file rendered to the same text again is not formatted again.

    A file black cannot parse (a user template that writes broken Python) is an error in ``diags``
    at the file's path (below ``root``, OUT as the user gave it) and black's line and column, and
    stays as rendered; without ``diags`` it raises ``black.InvalidInput``."""
    if by_blocks:
        return [
            (p, format_blocks(t, jobs) if p.endswith(".py") else t) for p, t in files
        ]
    todo = [
        i
        for i, (p, t) in enumerate(files)
        if p.endswith(".py") and (everything or needs_black(t))
    ]
    out = list(files)
    keys = {}
    if cache is not None:
        left = []
        for i in todo:
            path, text = files[i]
            keys[i] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            known = cache.get("format", path, keys[i])
            if isinstance(known, str):
                out[i] = (path, known)
            else:
                left.append(i)
        todo = left
    if progress is not None:
        progress.stage("format", len(todo))
    done = (
        map_chunks(
            _format_chunk,
            [files[i][1] for i in todo],
            done=None if progress is None else progress.advance,
            jobs=jobs,
        )
        if todo
        else []  # nothing for black: not even imported (a tenth of a second)
    )
    for i, formatted in zip(todo, done):
        if isinstance(formatted, _Unparsable):
            if diags is None:
                import black

                raise black.InvalidInput(formatted.message)
            line, col = formatted.position()
            diags.error(
                os.path.join(root, files[i][0]) if root else files[i][0],
                line,
                f"generated Python that black cannot parse ({formatted.message}); "
                "check the templates given with --templates",
                "template-output",
                col,
            )
            continue
        out[i] = (files[i][0], formatted)
        if cache is not None:
            cache.put("format", files[i][0], keys[i], formatted)
    return out


@dataclass(frozen=True)
class _Unparsable:
    message: str

    def position(self) -> tuple[int, int]:
        m = re.search(r"(\d+):(\d+)$", self.message)
        return (int(m[1]), int(m[2]) + 1) if m else (1, 1)


def _format_chunk(texts) -> list[str | _Unparsable]:
    import black

    out: list[str | _Unparsable] = []
    for t in texts:
        try:
            out.append(format_python(t))
        except black.InvalidInput as exc:
            out.append(_Unparsable(str(exc).split("\n")[0]))
    return out
