"""The manifest: which files of OUT gen-models wrote, with the SHA-256 of their bytes.

It lives in ``OUT/.gen-models/manifest.json``, is deterministic (no times, sorted keys) and is
worth committing with the output. Write only ever replaces or removes files it lists (or files
whose bytes are already what it would write).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..diagnostics import Diagnostics
from ..version import VERSION
from .paths import UnsafePath, safe

META = ".gen-models"  # gen-models' own folder inside OUT
MANIFEST = "manifest.json"
FORMAT = 1
GITIGNORE = "# gen-models' working files; only the manifest is worth committing\n*\n!.gitignore\n!manifest.json\n"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dumps(files: dict[str, str]) -> bytes:
    doc = {"format": FORMAT, "generator": "gen-models", "version": VERSION, "files": dict(sorted(files.items()))}
    return (json.dumps(doc, indent=1, sort_keys=False, ensure_ascii=True) + "\n").encode("ascii")


def load(out: Path, diags: Diagnostics | None) -> dict[str, str] | None:
    """The files the last run wrote (path -> sha256), or None if there is no usable manifest."""
    path = out / META / MANIFEST
    try:
        with open(path, "rb") as fh:
            data = fh.read(1 << 30)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _warn(diags, path, f"cannot read the manifest ({exc.strerror or exc}); treating OUT as not written by gen-models")
        return None
    try:
        doc = json.loads(data)
        files = doc["files"]
        if doc.get("format") != FORMAT or not isinstance(files, dict):
            raise ValueError("unknown format")
        out_files = {}
        for rel, sha in files.items():
            if not isinstance(rel, str) or not isinstance(sha, str) or len(sha) != 64:
                raise ValueError(f"bad entry {rel!r}")
            out_files[safe(rel)] = sha
        return out_files
    except (ValueError, KeyError, TypeError, AttributeError, UnsafePath) as exc:
        _warn(diags, path, f"the manifest is damaged ({exc}); treating OUT as not written by gen-models")
        return None


def _warn(diags: Diagnostics | None, path: Path, message: str) -> None:
    if diags is not None:
        diags.warning(os.fspath(path), 1, message, "write-manifest")
