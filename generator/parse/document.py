"""A doc's skeleton (H1, intro, deprecation, Example Usage, one kind section) to a ``RawDoc``.

Kind = the first ``## Fields`` / ``## Values`` / ``## Supported Types`` outside code fences. Anything
else (SDK READMEs, utils docs, Go option docs) is skipped with an info diagnostic.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Diagnostics
from ..read import SourceFile
from .dialects.base import Evidence
from .dialects.registry import DIALECTS, detect
from .markdown import Block, blocks
from .raw import UNDETECTED, RawDoc, Undetected
from .sections import FIELD_NAME, Ctx, Fences, read_fields, read_members, read_values
from .table import Row, split_row

KINDS = {"fields": "object", "values": "enum", "supported types": "union"}
_DEPRECATED_MODEL = re.compile(r"^>\s*:warning:\s*\*\*DEPRECATED\*\*:?\s*(.*)$", re.S)
_OPEN_SENTENCE = re.compile(r"^This is an open enum\.")
_OPEN_COMMENT = re.compile(r"(?://|#)\s*Open enum:")


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
    ctx = Ctx(src, lines, diags, DIALECTS[dialect])

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
    code_blocks = Fences(bl)
    for i, h in enumerate(h2s):
        if h.text.strip().lower() == "example usage":
            end = h2s[i + 1].start if i + 1 < len(h2s) else len(lines)
            code = code_blocks.first(h.end, end)
            if code is not None:
                example = code.text
                open_enum = open_enum or bool(_OPEN_COMMENT.search(example))
    common: dict[str, Any] = dict(
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
        fields = read_fields(ctx, rows, kind_h2)
        return RawDoc(kind=kind, fields=fields, **common) if ctx.ok else None
    if kind == "enum":
        open_enum = open_enum or any(
            b.kind == "paragraph" and _OPEN_SENTENCE.match(_text(lines, b))
            for b in section
        )
        values = read_values(ctx, rows, section, kind_h2)
        return (
            RawDoc(kind=kind, values=values, open=open_enum, **common)
            if ctx.ok
            else None
        )
    if not any(b.kind == "heading" and b.level == 3 for b in section):
        # no member headings: empty, or prose only. The link step types it Any, with a warning
        return RawDoc(kind=kind, members_known=False, **common)
    members = read_members(ctx, section, kind_h2, name)
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
                m = FIELD_NAME.match(row.cells[0].text)
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
