"""The markdown front-end: Speakeasy model docs (``docs/models/**/*.md``) to the IR.

parse (``generator/parse``: each doc to a ``RawDoc`` in its dialect, on every core) -> link
(``links``: keys, markdown reference resolution, nullability evidence from examples) ->
``ir.Package``.
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
from ...parse.dialects import NAMES
from ...parse.dialects.base import EXTRA_FIELDS
from ...parse.document import UNDETECTED, parse_undetected
from ...read import SourceFile
from .links import link

if TYPE_CHECKING:
    from .. import LoadOptions


class MarkdownFrontEnd:
    name = "markdown"

    def claims(self, path: str) -> bool:
        return path.lower().endswith(".md")

    def load(
        self, files: Sequence[SourceFile], diags: Diagnostics, options: LoadOptions
    ) -> ir.Package:
        docs = parse_all(files, diags, options.dialect)
        return ir.package(link(docs, diags, allow_missing=options.allow_missing))


def parse_all(
    files: Sequence[SourceFile], diags: Diagnostics, dialect: str = ""
) -> list[RawDoc]:
    """Parse every file, in ``dialect`` if one is given. Otherwise each doc's dialect comes from
    its own text; a doc whose text does not tell takes the dialect most docs of its SDK folder
    have (the folder above ``models/``), else most docs of the input have, else the first that
    reads it (``parse.document.parse_undetected``)."""
    results = map_chunks(partial(_parse_chunk, dialect=dialect), files)
    undetected = [i for i, (doc, _) in enumerate(results) if doc is UNDETECTED]
    if undetected:
        votes: dict[str, Counter[str]] = {}
        for f, (doc, _) in zip(files, results):
            if isinstance(doc, RawDoc):
                votes.setdefault(_sdk_folder(f.path), Counter())[doc.dialect] += 1
        everywhere = sum(votes.values(), Counter())
        for i in undetected:
            d = Diagnostics()
            f = files[i]
            assumed = _majority(votes.get(_sdk_folder(f.path))) or _majority(everywhere)
            results[i] = (parse_undetected(f, d, assumed), d.items)
    docs = []
    for doc, found in results:
        diags.extend(found)
        if isinstance(doc, RawDoc):
            docs.append(doc)
    return docs


def _sdk_folder(path: str) -> str:
    """The folder above a doc's last ``models`` folder (``go/docs/pkg``), else its own folder."""
    parts = path.split("/")[:-1]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() == "models":
            return "/".join(parts[:i])
    return "/".join(parts)


def _majority(votes: Counter[str] | None) -> str:
    """The dialect most docs have; on a tie, the first in registry order; ``""`` if none."""
    if not votes:
        return ""
    return max(NAMES, key=lambda name: (votes[name], -NAMES.index(name)))


def _parse_chunk(
    files, dialect: str
) -> list[tuple[RawDoc | object | None, list[Diagnostic]]]:
    out = []
    for f in files:
        d = Diagnostics()
        out.append((parse_document(f, d, dialect), d.items))
    return out


__all__ = ["EXTRA_FIELDS", "MarkdownFrontEnd", "link", "parse_all"]
