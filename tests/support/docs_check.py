"""Checks of generated markdown docs: every model has a doc, the index lists each, every relative
link resolves to a generated file, every table row has as many cells as its header."""

from __future__ import annotations

import posixpath
import re

LINK = re.compile(r"\]\(([^)\s]+)\)")
CELL_SPLIT = re.compile(r"(?<!\\)\|")


def problems(files: dict[str, str], naming, package) -> list[str]:
    out: list[str] = []
    docs = {p for p in files if p.startswith("docs/") and p.endswith(".md")}
    index = files.get("docs/README.md", "")
    for m in package.models:
        path = "docs/models/" + naming[m.key].doc_path
        if path not in docs:
            out.append(f"{m.key}: no doc ({path})")
        elif "models/" + naming[m.key].doc_path not in index:
            out.append(f"{m.key}: not in docs/README.md")
    for path in sorted(docs):
        here = posixpath.dirname(path)
        lines = files[path].splitlines()
        for target in LINK.findall(files[path]):
            if "://" in target or target.startswith("#"):
                continue
            resolved = posixpath.normpath(posixpath.join(here, target.split("#")[0]))
            if resolved not in files:
                out.append(f"{path}: link to {target} resolves to nothing")
        width = None
        for n, line in enumerate(lines, 1):
            if not line.startswith("|"):
                width = None
                continue
            cells = len(CELL_SPLIT.split(line.strip())) - 2
            if width is None:
                width = cells
            elif cells != width:
                out.append(f"{path}:{n}: {cells} cells, the header has {width}")
    return out
