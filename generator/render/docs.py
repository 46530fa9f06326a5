"""Markdown docs for the generated models (Speakeasy Python flavour). Filled in by the docs issue work."""

from __future__ import annotations

from .. import ir


def render_docs(package: ir.Package) -> list[tuple[str, str]]:
    return []
