"""The languages of model docs: one module each (``base.Dialect`` says what a module brings), and
the registry. ``detect`` picks a doc's dialect from its own text.

Adding a language: a module ``<name>.py`` defining ``DIALECT`` (a ``base.Dialect`` subclass
instance) and its line in ``registry.py`` (its name also in ``parse/languages.py``). Registry
order breaks no ties of detection; it is only the order in which an undetectable doc is tried,
and the order ``--dialect`` lists the names in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# the registry imports every dialect's module: loaded when first asked for, so a module that
# needs one helper of a dialect (``common``, ``python.json_name``) does not load all seven
if TYPE_CHECKING:
    from .base import Dialect, Evidence
    from .registry import DIALECTS, NAMES, detect

__all__ = ["DIALECTS", "Dialect", "Evidence", "NAMES", "detect"]


def __getattr__(name: str):
    if name in ("DIALECTS", "NAMES", "detect"):
        from . import registry

        return getattr(registry, name)
    if name in ("Dialect", "Evidence"):
        from . import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
