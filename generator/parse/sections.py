"""The kind sections of a model doc: the table of ``## Fields`` (an object), the table or
list of ``## Values`` (an enum), the ``###`` members of ``## Supported Types`` (a union), each
row or member read with the doc's dialect into ``RawField`` / ``RawValue`` / ``RawMember``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from ..diagnostics import Diagnostics
from ..read import SourceFile
from .dialects import Dialect
from .dialects.common import LiteralError, integer, loads
from .markdown import Block
from .raw import RawField, RawMember, RawValue
from .table import CHECK, MINUS, Row, is_separator
from .types import (
    SKIP,
    TypeSyntaxError,
    finalize,
    parse_cell,
    parse_type,
    split_top,
    whole_leaf,
)

_DEPRECATED_FIELD = re.compile(
    r"^:\s*warning:\s*\*\*\s*DEPRECATED\s*\*\*:\s*(.*?)(?:<br/><br/>(.*))?$", re.S
)
_BR = re.compile(r"<br\s*/?>")
FIELD_NAME = re.compile(r"^(~~)?`([^`]+)`(~~)?$")


class Fences:
    """The fences among blocks (in source order), by line: scanning all blocks for each heading
    would be quadratic in a doc of many headings."""

    def __init__(self, blocks: list[Block]):
        self.fences = [b for b in blocks if b.kind == "fence"]
        self.starts = [b.start for b in self.fences]

    def first(self, start: int, end: int) -> Block | None:
        """The first fence that starts in lines ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        return self.fences[i] if i < len(self.fences) and self.starts[i] < end else None


@dataclass
class Ctx:
    """One doc being parsed: its lines, dialect and diagnostics (``ok``: no error yet)."""

    src: SourceFile
    lines: list[str]
    diags: Diagnostics
    dialect: Dialect
    ok: bool = True
    notes: list = field(default_factory=list)

    def error(self, line: int, message: str, code: str, col: int = 1) -> None:
        self.diags.error(self.src.path, line, message, code, col)
        self.ok = False


def _header(
    ctx: Ctx, rows: list[Row], required: tuple[str, ...], h2: Block
) -> dict[str, int] | None:
    if len(rows) < 2 or not is_separator(rows[1]):
        ctx.error(
            rows[0].line if rows else h2.start + 1,
            "malformed table: header row must be followed by a '| --- |' separator row",
            "parse-table",
        )
        return None
    names = [c.text.strip().lower() for c in rows[0].cells]
    cols = {n: i for i, n in enumerate(names)}
    missing = [r for r in required if r not in cols]
    if missing:
        ctx.error(
            rows[0].line,
            f"malformed table: header lacks column(s) {', '.join(repr(m.title()) for m in missing)}",
            "parse-table",
        )
        return None
    if len(rows[1].cells) != len(names):
        ctx.error(
            rows[1].line,
            f"malformed table: separator has {len(rows[1].cells)} cells, header has {len(names)}",
            "parse-table",
        )
        return None
    return cols


def _body(ctx: Ctx, rows: list[Row]) -> Iterator[Row]:
    """The rows after the header and separator that have the header's number of cells; each
    other one is an error."""
    width = len(rows[0].cells)
    for row in rows[2:]:
        if len(row.cells) == width:
            yield row
        else:
            ctx.error(
                row.line,
                f"malformed table row: {len(row.cells)} cells, header has {width}",
                "parse-table",
            )


def decode_text(cell: str) -> str:
    """A Description cell as text: ``<br/>`` is a newline, ``N/A`` is nothing."""
    if cell == "N/A":
        return ""
    return _BR.sub("\n", cell)


def read_fields(ctx: Ctx, rows: list[Row] | None, h2: Block) -> tuple[RawField, ...]:
    if rows is None:
        ctx.error(h2.start + 1, "'## Fields' has no table", "parse-table")
        return ()
    cols = _header(ctx, rows, ("field", "type", "required"), h2)
    if cols is None:
        return ()
    dialect = ctx.dialect
    out = []
    for row in _body(ctx, rows):
        cell = lambda key: row.cells[cols[key]] if key in cols else None  # noqa: E731
        # _header found these three columns
        fc, tc, rc = (row.cells[cols[k]] for k in ("field", "type", "required"))
        m = FIELD_NAME.match(fc.text)
        if not m or bool(m.group(1)) != bool(m.group(3)):
            ctx.error(
                row.line,
                f"field name must be a code span like `name`, got '{fc.text}'",
                "parse-field",
                fc.col,
            )
            continue
        if rc.text not in (CHECK, MINUS):
            ctx.error(
                row.line,
                f"Required must be {CHECK} or {MINUS}, got '{rc.text}'",
                "parse-required",
                rc.col,
            )
            continue
        required = rc.text == CHECK
        if dialect.plumbing(m.group(2), tc.text):
            continue  # SDK plumbing of operation response wrappers, not data
        try:
            t = parse_cell(tc.text, dialect)
        except TypeSyntaxError as exc:
            ctx.error(row.line, f"field '{m.group(2)}': {exc}", "parse-type", tc.col)
            continue
        ex = cell("example")
        if t is not SKIP:
            t = finalize(dialect.example_type(t, ex.text if ex else ""), required)
        desc_cell = cell("description")
        desc = desc_cell.text if desc_cell else ""
        deprecated = "" if m.group(1) else None
        dm = _DEPRECATED_FIELD.match(desc)
        if dm:
            deprecated = dm.group(1).strip()
            desc = dm.group(2) or ""
        json_cell = cell("json name")
        json_name = ""
        if json_cell and json_cell.text:
            jm = FIELD_NAME.match(json_cell.text)
            json_name = jm.group(2) if jm else json_cell.text
        out.append(
            RawField(
                m.group(2),
                json_name,
                t,
                required,
                decode_text(desc),
                deprecated,
                ex.text if ex else "",
                row.line,
                tc.col,
            )
        )
    return tuple(out)


def read_values(
    ctx: Ctx, rows: list[Row] | None, section: list[Block], h2: Block
) -> tuple[RawValue, ...]:
    if rows is not None:
        cols = _header(ctx, rows, ("name", "value"), h2)
        if cols is None:
            return ()
        out = []
        for row in _body(ctx, rows):
            name = row.cells[cols["name"]].text.strip("`")
            cell = row.cells[cols["value"]]
            try:
                out.append(RawValue(name, _table_value(cell.text), row.line))
            except LiteralError as exc:
                ctx.error(row.line, f"enum value: {exc}", "parse-enum", cell.col)
        return _typed_values(out)
    bullets = [b for b in section if b.kind == "bullet"]
    if bullets:
        out = []
        for b in bullets:
            lf = whole_leaf(b.text)
            try:
                value = _json_scalar(lf.text if lf else b.text)
            except LiteralError as exc:
                ctx.error(b.start + 1, f"enum value: {exc}", "parse-enum", 3)
                continue
            if value is _BAD:
                ctx.error(
                    b.start + 1,
                    f"enum value must be a quoted string or number, got '{b.text}'",
                    "parse-enum",
                    3,
                )
                continue
            out.append(RawValue("", value, b.start + 1))
        return tuple(out)
    fences = [b for b in section if b.kind == "fence"]
    if fences:
        out = []
        b = fences[0]
        for part in split_top(" ".join(b.text.split()), "|"):
            part = part.strip()
            if not part or part.startswith("Unrecognized<"):
                continue
            try:
                value = _json_scalar(part)
            except LiteralError as exc:
                ctx.error(b.start + 2, f"enum value: {exc}", "parse-enum")
                continue
            if value is _BAD:
                ctx.error(
                    b.start + 2,
                    f"enum value must be a quoted string or number, got '{part}'",
                    "parse-enum",
                )
                continue
            out.append(RawValue("", value, b.start + 2))
        return tuple(out)
    ctx.error(
        h2.start + 1, "'## Values' has no table, list or code block", "parse-enum"
    )
    return ()


_BAD = object()


def _json_scalar(text: str) -> object:
    """A JSON string, number or boolean; ``_BAD`` if ``text`` is not one, LiteralError if it is one
    the generated code cannot hold (a lone surrogate, too many digits, out of range)."""
    try:
        value = loads(text)
    except LiteralError:
        raise
    except ValueError:
        return _BAD
    return value if isinstance(value, (str, int, float, bool)) else _BAD


def _table_value(text: str) -> tuple[str, object]:
    """Our own docs write values as code spans holding JSON; Speakeasy writes them raw (an integer
    too long to hold is a LiteralError either way)."""
    lf = whole_leaf(text)
    if lf is not None and lf.form == "code":
        v = _json_scalar(lf.text)
        if v is not _BAD:
            return ("json", v)
    if _INTEGER.fullmatch(text):
        integer(
            text
        )  # only checked here: all-integer columns become ints in _typed_values
    return ("raw", text)


_INTEGER = re.compile(r"-?\d+")


def _typed_values(values: list[RawValue]) -> tuple[RawValue, ...]:
    """Raw table values are unquoted: all-integer means int, otherwise str."""
    # here each value is still _table_value's (tag, value) pair
    pairs = [cast("tuple[str, Any]", v.value) for v in values]
    raws = [val for tag, val in pairs if tag == "raw"]
    all_int = bool(raws) and all(_INTEGER.fullmatch(r) for r in raws)
    out = []
    for v, (tag, val) in zip(values, pairs):
        if tag == "raw":
            val = integer(val) if all_int else val
        out.append(RawValue(v.name, val, v.line))
    return tuple(out)


def read_members(
    ctx: Ctx, section: list[Block], h2: Block, name: str
) -> tuple[RawMember, ...]:
    dialect = ctx.dialect
    out = []
    guesses = []
    heads = [b for b in section if b.kind == "heading" and b.level == 3]
    fences = Fences(section)
    for i, h in enumerate(heads):
        nxt = heads[i + 1].start if i + 1 < len(heads) else 1 << 30
        code = fences.first(h.end, nxt)
        text, guess = dialect.member_heading(
            h.text.strip(), code.text if code is not None else ""
        )
        if guess:
            guesses.append(guess)
        if not text:
            ctx.error(
                h.start + 1,
                "union member has neither a heading nor a typed example",
                "parse-union",
            )
            continue
        lf = whole_leaf(text)
        try:
            t = (
                parse_type(lf.text, dialect)
                if lf is not None and lf.form == "code"
                else parse_cell(text, dialect)
            )
        except TypeSyntaxError as exc:
            ctx.error(h.start + 1, f"union member: {exc}", "parse-type", 5)
            continue
        if t is not SKIP:
            t = finalize(t, True)  # a member 'X or null' (PHP ``?X``) is nullable X
        out.append(RawMember(t, h.start + 1, code.text if code is not None else ""))
    if guesses:
        ctx.diags.warning(
            ctx.src.path,
            h2.start + 1,
            f"union '{name}': the docs name its members, not their types; typed by "
            f"Speakeasy's member names: {', '.join(guesses)}",
            "parse-union-names",
            4,
        )
    return tuple(out)
