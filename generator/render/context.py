"""What the model templates receive: every model's context (``model_context``) and the object
templates' fields (``TemplateField``). See the README's template context."""

from __future__ import annotations

from dataclasses import dataclass

from .. import ir
from .python import ModuleContext


@dataclass(frozen=True)
class TemplateField:
    """One field as the object templates receive it (``fields``); ``line`` and ``doc`` are laid out,
    the rest is what they are made of. See the README's template context."""

    attr: str  # the Python attribute
    name: str  # the JSON name
    alias: str | None  # the JSON name where it differs from the attribute, else None
    annotation: str  # the annotation's text (``str | None``)
    default: str | None  # the default's Python text, None when required
    required: bool
    description: str  # the input's text, as it is
    deprecated: str | None  # None, or the deprecation message ("" when there is none)
    doc: str  # the docstring below the field ("" when there is none)
    # ``Field``/``dataclasses.field`` when the value is such a call, else None
    call: str | None
    args: tuple[str, ...]  # that call's arguments (Python text)
    # the right-hand side (``Field(alias="petId")``, ``None``), None when there is none
    value: str | None
    # the statement as the default templates lay it out (``layout.annotated``)
    line: str
    extra: bool = False  # the dataclass field holding additional properties
    field: ir.Field | None = None  # the IR field (None for ``extra``)


def model_context(ctx: ModuleContext, m: ir.Model, pydantic: bool) -> dict:
    """What every model template receives."""
    names = ctx.naming[m.key]
    return {
        "model": m,
        "names": names,
        "name": names.class_name,
        "kind": "pydantic" if pydantic else "dataclasses",
        "model_kind": m.kind,
    }
