"""The jinja environment: StrictUndefined, templates from the wheel or the source tree."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

_HERE = Path(__file__).resolve().parent.parent


def template_dirs() -> list[str]:
    """``generator/templates`` inside a wheel, ``templates/`` beside the package in a source tree."""
    return [str(p) for p in (_HERE / "templates", _HERE.parent / "templates") if p.is_dir()]


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dirs()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env
