"""Stage 5, render: IR to ``(path, text)`` pairs through jinja templates. Never touches disk.

Its modules are imported when used: ``naming`` alone (what the options check) needs no jinja.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .environment import environment
    from .package import render

__all__ = ["environment", "render"]


def __getattr__(name: str):
    if name == "environment":
        from .environment import environment

        return environment
    if name == "render":
        from .package import render

        return render
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
