"""A doc's skeleton (H1, intro, deprecation, Example Usage, one kind section) to a ``RawDoc``.

Kind = the first ``## Fields`` / ``## Values`` / ``## Supported Types`` outside code fences. Anything
else (SDK READMEs, utils docs, Go option docs) is skipped with an info diagnostic.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics
from ..read import SourceFile
from .dialects import DIALECTS, Dialect, detect
from .dialects.base import Evidence
from .dialects.common import LiteralError, integer, loads
from .markdown import Block, blocks
from .table import Row, is_separator, split_row
from .types import (
    SKIP,
    TypeSyntaxError,
    finalize,
    parse_cell,
    parse_type,
    split_top,
    whole_leaf,
)

KINDS = {"fields": "object", "values": "enum", "supported types": "union"}
CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"
_DEPRECATED_MODEL = re.compile(r"^>\s*:warning:\s*\*\*DEPRECATED\*\*:?\s*(.*)$", re.S)
_DEPRECATED_FIELD = re.compile(
    r"^:\s*warning:\s*\*\*\s*DEPRECATED\s*\*\*:\s*(.*?)(?:<br/><br/>(.*))?$", re.S
)
_OPEN_SENTENCE = re.compile(r"^This is an open enum\.")
_OPEN_COMMENT = re.compile(r"(?://|#)\s*Open enum:")
_BR = re.compile(r"<br\s*/?>")
_FIELD_NAME = re.compile(r"^(~~)?`([^`]+)`(~~)?$")


@dataclass(frozen=True)
class RawField:
    name: str  # the Field cell
    json_name: str  # the JSON name column (our own docs), "" if absent
    type: object  # TypeExpr, or SKIP for SDK plumbing
    required: bool
    description: str
    deprecated: str | None
    example: str
    line: int
    type_col: int


@dataclass(frozen=True)
class RawValue:
    name: str  # documented member name, "" if the form has none
    value: object
    line: int


@dataclass(frozen=True)
class RawMember:
    type: object  # TypeExpr or SKIP
    line: int
    example: str = ""  # the member's code block


@dataclass(frozen=True)
class RawDoc:
    path: str
    name: str
    kind: str  # object | enum | union
    dialect: str
    description: str
    deprecated: str | None
    line: int
    fields: tuple[RawField, ...] = ()
    values: tuple[RawValue, ...] = ()
    open: bool = False
    members: tuple[RawMember, ...] = ()
    members_known: bool = True
    example: str = ""


@dataclass
class _Ctx:
    src: SourceFile
    lines: list[str]
    diags: Diagnostics
    dialect: Dialect
    ok: bool = True
    notes: list = field(default_factory=list)

    def error(self, line: int, message: str, code: str, col: int = 1) -> None:
        self.diags.error(self.src.path, line, message, code, col)
        self.ok = False


class Undetected:
    """What ``parse_document`` returns for a model doc whose own text does not tell its dialect
    (no diagnostics given yet): parse it again with ``parse_undetected``."""

    def __repr__(self) -> str:
        return "UNDETECTED"

    def __reduce__(self) -> str:
        return "UNDETECTED"  # unpickles to the one module-level instance


UNDETECTED = Undetected()


def parse_document(
    src: SourceFile, diags: Diagnostics, dialect: str = ""
) -> RawDoc | Undetected | None:
    """The doc as a RawDoc, or None if it is not a model doc or is broken (diagnostics say which).
    ``dialect``: the name of the dialect to read it in; ``""`` detects it from the doc's text and
    returns ``UNDETECTED`` for a model doc whose text does not tell."""
    lines = src.text.split("\n")
    bl = blocks(src.text)
    headings = [b for b in bl if b.kind == "heading"]
    if not headings or headings[0].level != 1:
        diags.info(
            src.path,
            1,
            "not a model doc (no '# Name' heading first); skipped",
            "skip-non-model",
        )
        return None
    h1 = headings[0]
    name, struck = _strip_strike(h1.text)
    h2s = [b for b in bl if b.kind == "heading" and b.level == 2]
    kind_h2 = next((b for b in h2s if b.text.strip().lower() in KINDS), None)
    in_models = any(part.lower() == "models" for part in src.path.split("/")[:-1])
    if kind_h2 is None:
        if h2s or not in_models or not name:
            diags.info(
                src.path,
                h1.start + 1,
                f"not a model doc ('# {h1.text}' has no Fields, Values or Supported Types); skipped",
                "skip-non-model",
            )
            return None
    if not _is_name(name):
        diags.error(
            src.path,
            h1.start + 1,
            f"model name '{h1.text}' is not a name",
            "parse-name",
            3,
        )
        return None
    section: list[Block] = []
    kind = "union"  # a model-dir doc with an H1 and no H2: a union whose members are unknown
    rows = None
    if kind_h2 is not None:
        end = next((h.start for h in h2s if h.start > kind_h2.start), len(lines))
        section = [b for b in bl if kind_h2.end <= b.start < end]
        kind = KINDS[kind_h2.text.strip().lower()]
        rows = _table(lines, section) if kind != "union" else None
        header = {c.text.lower() for c in rows[0].cells} if rows else set()
        if kind == "object" and "name" in header and "field" not in header:
            diags.info(
                src.path,
                h1.start + 1,
                f"not a model doc ('# {name}' is an SDK utility table); skipped",
                "skip-non-model",
            )
            return None
    if not dialect:
        fences = (b.info.split()[0] for b in bl if b.kind == "fence" and b.info)
        dialect = detect(
            fences, lambda: _evidence(src, lines, name, kind, rows, section)
        )
        if not dialect:
            return UNDETECTED
    ctx = _Ctx(src, lines, diags, DIALECTS[dialect])

    first_h2 = h2s[0].start if h2s else len(lines)
    intro_blocks = [b for b in bl if h1.end <= b.start < first_h2]
    deprecated = "" if struck else None
    open_enum = False
    desc_blocks = []
    for b in intro_blocks:
        text = _text(lines, b)
        m = _DEPRECATED_MODEL.match(text)
        if b.kind == "blockquote" and m:
            deprecated = " ".join(m.group(1).split())
        elif b.kind == "paragraph" and _OPEN_SENTENCE.match(text):
            open_enum = True
        else:
            desc_blocks.append(b)
    description = ""
    if desc_blocks:
        description = "\n".join(
            lines[desc_blocks[0].start : desc_blocks[-1].end]
        ).strip()

    example = ""
    code_blocks = _Fences(bl)
    for i, h in enumerate(h2s):
        if h.text.strip().lower() == "example usage":
            end = h2s[i + 1].start if i + 1 < len(h2s) else len(lines)
            code = code_blocks.first(h.end, end)
            if code is not None:
                example = code.text
                open_enum = open_enum or bool(_OPEN_COMMENT.search(example))
    common = dict(
        path=src.path,
        name=name,
        dialect=ctx.dialect.name,
        description=description,
        deprecated=deprecated,
        line=h1.start + 1,
        example=example,
    )
    if kind_h2 is None:
        return RawDoc(kind="union", members_known=False, **common)
    if kind == "object":
        fields = _fields(ctx, rows, kind_h2)
        return RawDoc(kind=kind, fields=fields, **common) if ctx.ok else None
    if kind == "enum":
        open_enum = open_enum or any(
            b.kind == "paragraph" and _OPEN_SENTENCE.match(_text(lines, b))
            for b in section
        )
        values = _values(ctx, rows, section, kind_h2)
        return (
            RawDoc(kind=kind, values=values, open=open_enum, **common)
            if ctx.ok
            else None
        )
    if not any(b.kind == "heading" and b.level == 3 for b in section):
        # no member headings: empty, or prose only. The link step types it Any, with a warning
        return RawDoc(kind=kind, members_known=False, **common)
    members = _members(ctx, section, kind_h2, name)
    return RawDoc(kind=kind, members=members, **common) if ctx.ok else None


def parse_undetected(
    src: SourceFile, diags: Diagnostics, assumed: str = ""
) -> RawDoc | None:
    """Parse a doc ``parse_document`` could not detect the dialect of. ``assumed``: the dialect
    of the docs around it (its problems then carry a note saying so). Without one, every dialect is
    tried in registry order and the first that reads the doc without errors wins; if none does,
    the doc gets one ``parse-dialect`` error naming each dialect's first problem."""
    if assumed:
        found = Diagnostics()
        doc = parse_document(src, found, assumed)
        diags.extend(found.items)
        if found.has_errors:
            diags.info(
                src.path,
                1,
                f"this doc's own text does not tell its SDK language; read as {assumed}, "
                "the language of the docs beside it (--dialect NAME forces one)",
                "parse-dialect",
            )
        return doc if isinstance(doc, RawDoc) else None
    failures = []
    for name in DIALECTS:
        found = Diagnostics()
        doc = parse_document(src, found, name)
        if not found.has_errors:
            diags.extend(found.items)
            return doc if isinstance(doc, RawDoc) else None
        first = next(d for d in found.items if d.severity.name == "ERROR")
        failures.append(f"{name}: line {first.line}: {first.message}")
    diags.error(
        src.path,
        1,
        "cannot tell which SDK language this doc is in: no dialect reads it ("
        + "; ".join(failures)
        + "); --dialect NAME forces one",
        "parse-dialect",
    )
    return None


# ---------------------------------------------------------------- helpers


def _strip_strike(text: str) -> tuple[str, bool]:
    t = text.strip()
    if t.startswith("~~") and t.endswith("~~") and len(t) > 4:
        return t[2:-2].strip(), True
    return t, False


_NAME = re.compile(r"^[A-Za-z_$][\w$.-]*$")


def _is_name(name: str) -> bool:
    return bool(_NAME.match(name))


class _Fences:
    """The fences among blocks (in source order), by line: scanning all blocks for each heading
    would be quadratic in a doc of many headings."""

    def __init__(self, blocks: list[Block]):
        self.fences = [b for b in blocks if b.kind == "fence"]
        self.starts = [b.start for b in self.fences]

    def first(self, start: int, end: int) -> Block | None:
        """The first fence that starts in lines ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        return self.fences[i] if i < len(self.fences) and self.starts[i] < end else None


def _text(lines: list[str], b: Block) -> str:
    return "\n".join(lines[b.start : b.end]).strip()


def _table(lines: list[str], section: list[Block]) -> list[Row] | None:
    """The rows of the section's first table, None if it has none."""
    paras = [
        b
        for b in section
        if b.kind == "paragraph" and lines[b.start].lstrip().startswith("|")
    ]
    if not paras:
        return None
    b = paras[0]
    rows = []
    for i in range(b.start, b.end):
        if lines[i].strip():
            rows.append(split_row(lines[i], i + 1))
    return rows


def _evidence(
    src: SourceFile,
    lines: list[str],
    name: str,
    kind: str,
    rows: list[Row] | None,
    section: list[Block],
) -> Evidence:
    """What detection scores: the Type cells of an object (the Name cells of an enum: no types),
    the member headings of a union, the first column's names."""
    types: list[str] = []
    names: list[str] = []
    if rows and len(rows) > 2:
        header = [c.text.strip().lower() for c in rows[0].cells]
        first = header[0] if header else ""
        type_col = header.index("type") if "type" in header else -1
        for row in rows[2:]:
            if row.cells:
                m = _FIELD_NAME.match(row.cells[0].text)
                names.append(m.group(2) if m else row.cells[0].text.strip("`"))
            if 0 <= type_col < len(row.cells):
                types.append(row.cells[type_col].text)
        if first not in ("field", "name"):
            names = []
    elif kind == "union":
        types = [
            b.text.strip() for b in section if b.kind == "heading" and b.level == 3
        ]
    return Evidence(src.path, name, kind, "\n".join(types), tuple(names), src.text)


def _header(
    ctx: _Ctx, rows: list[Row], required: tuple[str, ...], h2: Block
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


def decode_text(cell: str) -> str:
    """A Description cell as text: ``<br/>`` is a newline, ``N/A`` is nothing."""
    if cell == "N/A":
        return ""
    return _BR.sub("\n", cell)


def _fields(ctx: _Ctx, rows: list[Row] | None, h2: Block) -> tuple[RawField, ...]:
    if rows is None:
        ctx.error(h2.start + 1, "'## Fields' has no table", "parse-table")
        return ()
    cols = _header(ctx, rows, ("field", "type", "required"), h2)
    if cols is None:
        return ()
    dialect = ctx.dialect
    out = []
    for row in rows[2:]:
        if len(row.cells) != len(rows[0].cells):
            ctx.error(
                row.line,
                f"malformed table row: {len(row.cells)} cells, header has {len(rows[0].cells)}",
                "parse-table",
            )
            continue
        cell = lambda key: row.cells[cols[key]] if key in cols else None  # noqa: E731
        fc, tc, rc = cell("field"), cell("type"), cell("required")
        m = _FIELD_NAME.match(fc.text)
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
            jm = _FIELD_NAME.match(json_cell.text)
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


def _values(
    ctx: _Ctx, rows: list[Row] | None, section: list[Block], h2: Block
) -> tuple[RawValue, ...]:
    if rows is not None:
        cols = _header(ctx, rows, ("name", "value"), h2)
        if cols is None:
            return ()
        out = []
        for row in rows[2:]:
            if len(row.cells) != len(rows[0].cells):
                ctx.error(
                    row.line,
                    f"malformed table row: {len(row.cells)} cells, header has {len(rows[0].cells)}",
                    "parse-table",
                )
                continue
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


def _table_value(text: str) -> object:
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
    raws = [v.value[1] for v in values if v.value[0] == "raw"]
    all_int = bool(raws) and all(_INTEGER.fullmatch(r) for r in raws)
    out = []
    for v in values:
        tag, val = v.value
        if tag == "raw":
            val = integer(val) if all_int else val
        out.append(RawValue(v.name, val, v.line))
    return tuple(out)


def _members(
    ctx: _Ctx, section: list[Block], h2: Block, name: str
) -> tuple[RawMember, ...]:
    dialect = ctx.dialect
    out = []
    guesses = []
    heads = [b for b in section if b.kind == "heading" and b.level == 3]
    fences = _Fences(section)
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
