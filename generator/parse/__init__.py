"""Stage 2, parse: markdown text to ``RawDoc`` (structure) with type cells parsed per dialect."""

from .document import parse_document
from .raw import RawDoc, RawField, RawMember, RawValue

__all__ = ["RawDoc", "RawField", "RawMember", "RawValue", "parse_document"]
