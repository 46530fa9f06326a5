"""Stage 5, render: IR to ``(path, text)`` pairs through jinja templates. Never touches disk."""

from .environment import environment
from .package import render

__all__ = ["environment", "render"]
