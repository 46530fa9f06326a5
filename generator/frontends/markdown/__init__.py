"""The markdown front-end: Speakeasy model docs (``docs/models/**/*.md``) to the IR.

parse (``generator/parse``: each doc to a ``RawDoc``, on every core) -> link (``links``: keys,
markdown reference resolution, nullability evidence from TypeScript examples) -> ``ir.Package``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from ... import ir
from ...diagnostics import Diagnostic, Diagnostics
from ...parallel import map_chunks
from ...parse import RawDoc, parse_document
from ...parse.dialects import detect
from ...read import SourceFile
from .links import EXTRA_FIELDS, link

if TYPE_CHECKING:
    from .. import LoadOptions


class MarkdownFrontEnd:
    name = "markdown"

    def claims(self, path: str) -> bool:
        return path.lower().endswith(".md")

    def load(
        self, files: Sequence[SourceFile], diags: Diagnostics, options: LoadOptions
    ) -> ir.Package:
        docs = parse_all(files, diags)
        return ir.package(link(docs, diags, allow_missing=options.allow_missing))


def parse_all(files: Sequence[SourceFile], diags: Diagnostics) -> list[RawDoc]:
    """Parse every file; docs whose dialect has no evidence of its own take the corpus majority."""
    votes = Counter(detect(f.text, []) for f in files[:2000])
    votes.pop("", None)
    default = votes.most_common(1)[0][0] if votes else "typescript"
    results = map_chunks(partial(_parse_chunk, default=default), files)
    docs = []
    for doc, found in results:
        diags.extend(found)
        if doc is not None:
            docs.append(doc)
    return docs


def _parse_chunk(files, default: str) -> list[tuple[RawDoc | None, list[Diagnostic]]]:
    out = []
    for f in files:
        d = Diagnostics()
        out.append((parse_document(f, d, default), d.items))
    return out


__all__ = ["EXTRA_FIELDS", "MarkdownFrontEnd", "link", "parse_all"]
