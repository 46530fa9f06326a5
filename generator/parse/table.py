"""Markdown pipe tables, split by hand (never by offsets): outer pipes dropped, split on unescaped ``|``."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")


PADDING = " \t"
# the Required column's cells (here, not in ``sections``: the docs renderer writes them without
# importing the markdown parser)
CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"


@dataclass(frozen=True)
class Cell:
    text: str  # trimmed, ``\|`` unescaped
    col: int  # 1-based column of the cell's first character in the line


@dataclass(frozen=True)
class Row:
    line: int  # 1-based
    cells: tuple[Cell, ...]


def split_row(line: str, lineno: int) -> Row:
    body = line.rstrip()
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    offset = lead
    if body.startswith("|"):
        body, offset = body[1:], offset + 1
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = []
    pos = 0
    for part in _split(body):
        stripped = part.strip(PADDING)  # only padding: a no-break space is cell content
        col = offset + pos + (len(part) - len(part.lstrip(PADDING))) + 1
        cells.append(Cell(stripped.replace("\\|", "|"), col))
        pos += len(part) + 1
    return Row(lineno, tuple(cells))


def _split(body: str) -> list[str]:
    """Split on ``|`` not preceded by a backslash (str.split, then rejoin the escaped ones; joined
    once per cell, as growing a cell piece by piece is quadratic in a cell of many ``\\|``).
    """
    pieces = body.split("|")
    if "\\" not in body:
        return pieces
    groups = [[pieces[0]]]
    for piece in pieces[1:]:
        if groups[-1][-1].endswith("\\"):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return ["|".join(g) for g in groups]


def is_separator(row: Row) -> bool:
    return bool(row.cells) and all(
        _SEPARATOR_CELL.match(c.text.replace(" ", "")) for c in row.cells
    )
