"""A user module the golden case's templates import: a mixin for every generated pydantic model."""

from __future__ import annotations


class AuditMixin:
    """Adds ``audit()``: the model's class name and its JSON (by alias, without unset values)."""

    def audit(self) -> str:
        return f"{type(self).__name__} {self.model_dump_json(exclude_unset=True)}"  # type: ignore[attr-defined]
