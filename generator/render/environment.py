"""The jinja environment: StrictUndefined, templates from the wheel or the source tree."""

from __future__ import annotations

import hashlib
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


def templates_digest(dirs: list[str] | None = None) -> str:
    """SHA-256 over every template file (relative path and bytes) in ``dirs``, in a stable order."""
    h = hashlib.sha256()
    for root in dirs if dirs is not None else template_dirs():
        base = Path(root)
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            h.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()
