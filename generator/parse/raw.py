"""What the parse stage makes of one model doc: a ``RawDoc`` (its name, kind, dialect,
description, and its fields, values or members, each with its line), before link resolves its
types' references. ``UNDETECTED``: a model doc whose own text does not tell its dialect.
"""

from __future__ import annotations

from dataclasses import dataclass


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


class Undetected:
    """What ``parse_document`` returns for a model doc whose own text does not tell its dialect
    (no diagnostics given yet): parse it again with ``parse_undetected``."""

    def __repr__(self) -> str:
        return "UNDETECTED"

    def __reduce__(self) -> str:
        return "UNDETECTED"  # unpickles to the one module-level instance


UNDETECTED = Undetected()
