"""Stage 2, parse: markdown text to ``RawDoc`` (structure) with type cells parsed per dialect.

Its modules are imported when used: the options check needs only ``dialects`` (their names), and
a run on an OpenAPI spec alone never needs the markdown parser (a tenth of a second to import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import parse_document
    from .raw import RawDoc, RawField, RawMember, RawValue

__all__ = ["RawDoc", "RawField", "RawMember", "RawValue", "parse_document"]


def __getattr__(name: str):
    if name == "parse_document":
        from .document import parse_document

        return parse_document
    if name in ("RawDoc", "RawField", "RawMember", "RawValue"):
        from . import raw

        return getattr(raw, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
