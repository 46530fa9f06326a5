"""Where the package's templates are and what they are, without jinja: the template folders
(``template_dirs``), the names of the templates shipped (``package_templates``) and a digest of
their bytes (``templates_digest``, part of what a run is made from). A module of its own: the
read stage stamps a run with the digest, and a run that finds OUT up to date imports no jinja.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent.parent


def template_dirs() -> list[str]:
    """``generator/templates`` inside a wheel, ``templates/`` beside the package in a source tree."""
    return [
        str(p) for p in (_HERE / "templates", _HERE.parent / "templates") if p.is_dir()
    ]


def package_templates() -> list[str]:
    """The relative name of every template the package ships (``python/enum.py.jinja``), sorted."""
    names = set()
    for root in template_dirs():
        for dirpath, _, filenames in os.walk(root):
            for name in filenames:
                if name.endswith(".jinja"):
                    names.add(Path(dirpath, name).relative_to(root).as_posix())
    return sorted(names)


def templates_digest(dirs: list[str] | None = None) -> str:
    """SHA-256 over every template file (relative path and bytes) in ``dirs``, in a stable order."""
    h = hashlib.sha256()
    for root in dirs if dirs is not None else template_dirs():
        base = Path(root)
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            h.update(
                path.relative_to(base).as_posix().encode("utf-8")
                + b"\0"
                + path.read_bytes()
                + b"\0"
            )
    return h.hexdigest()
