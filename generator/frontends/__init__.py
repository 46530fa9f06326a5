"""Front-ends: each turns the input files it claims into an ``ir.Package`` plus diagnostics.

A front-end is any object with a ``name``, ``claims(path)`` and ``load(files, diags, options)``
(``FrontEnd``). ``load_each`` hands every file to the first front-end in ``FRONT_ENDS`` that claims it;
``merge`` (or the join stage, ``generator.join``, for docs and their spec) makes one package of
what they give; ``load_all`` is both without a join. Everything after (passes, naming, render) sees only the IR.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from .. import ir
from ..diagnostics import Diagnostics
from ..read import SourceFile
from .markdown import MarkdownFrontEnd

if TYPE_CHECKING:
    from ..progress import Progress
    from ..write.cache import Cache


@dataclass(frozen=True)
class LoadOptions:
    """What a front-end may be told: ``allow_missing`` types unresolved references as Any (a
    warning) instead of failing; ``root``, the input folder (OpenAPI reads the sibling files a
    ``$ref`` names below it); ``dialect``, the language every markdown doc is read in (``""``:
    each doc's own, detected)."""

    allow_missing: bool = False
    dialect: str = ""
    root: str | None = (
        None  # the input folder: files a spec's $ref names are read below it
    )
    names: str = (
        "stable"  # OpenAPI model names: "stable" or "speakeasy" (openapi/names.py)
    )
    jobs: int = 0  # processes for the work that pays for them (0: one per core)
    # what the last run into the same OUT made (``write.cache.Cache``), for a front-end to reuse
    cache: Cache | None = field(default=None, compare=False)
    # the digest of the run's inputs (``Stamp.inputs_digest``): what a front-end keeps in the
    # cache for the patch run is keyed by it (nothing is kept without it)
    inputs: str = field(default="", compare=False)
    progress: Progress | None = field(default=None, compare=False)  # told per stage


class FrontEnd(Protocol):
    """Reads one input dialect (markdown model docs, an OpenAPI document, ...)."""

    name: str

    def claims(self, path: str) -> bool:
        """Whether this front-end reads the file at ``path`` (posix, relative to the input root)."""
        ...

    def load(
        self, files: Sequence[SourceFile], diags: Diagnostics, options: LoadOptions
    ) -> ir.Package:
        """The IR of ``files`` (all claimed by this front-end). Problems are added to ``diags``;
        nothing raises on bad input."""
        ...


# the files the OpenAPI front-end claims
OPENAPI_EXTENSIONS = (".yaml", ".yml", ".json")


class OpenAPIFrontEnd:
    """OpenAPI 3.0/3.1 documents (``openapi.build``). Its machinery is imported when a run has a
    spec to load: a run on docs alone imports neither yaml nor the schema builder (~40-80 ms).
    """

    name = "openapi"

    def claims(self, path: str) -> bool:
        return path.lower().endswith(OPENAPI_EXTENSIONS)

    def load(
        self, files: Sequence[SourceFile], diags: Diagnostics, options: LoadOptions
    ) -> ir.Package:
        from .openapi import build

        return build(files, diags, options).package


FRONT_ENDS: tuple[FrontEnd, ...] = (MarkdownFrontEnd(), OpenAPIFrontEnd())


def load_each(
    files: Sequence[SourceFile],
    diags: Diagnostics,
    options: LoadOptions,
    front_ends: Sequence[FrontEnd] = FRONT_ENDS,
) -> dict[str, ir.Package]:
    """Each front-end's package of its share of ``files``, by front-end name (only front-ends
    that claimed a file)."""
    shares: dict[str, list[SourceFile]] = {fe.name: [] for fe in front_ends}
    for f in files:
        fe = next((fe for fe in front_ends if fe.claims(f.path)), None)
        if fe is None:
            diags.info(
                f.path,
                1,
                "no front-end reads this kind of file; skipped",
                "load-unclaimed",
            )
        else:
            shares[fe.name].append(f)
    return {
        fe.name: fe.load(shares[fe.name], diags, options)
        for fe in front_ends
        if shares[fe.name]
    }


def merge(packages: Sequence[ir.Package], diags: Diagnostics) -> ir.Package:
    """One package of all; a model key two of them define is an error (docs and the spec they
    came from are joined instead: ``generator.join``)."""
    if len(packages) == 1:
        return packages[0]
    seen: dict[ir.ModelKey, ir.Model] = {}
    for p in packages:
        for m in p.models:
            if m.key in seen:
                diags.error(
                    m.source.file,
                    m.source.line,
                    f"model '{m.key}' is also defined in {seen[m.key].source.file}",
                    "load-duplicate",
                    m.source.col,
                )
            else:
                seen[m.key] = m
    return ir.package(seen.values(), [op for p in packages for op in p.operations])


def load_all(
    files: Sequence[SourceFile],
    diags: Diagnostics,
    options: LoadOptions,
    front_ends: Sequence[FrontEnd] = FRONT_ENDS,
) -> ir.Package:
    """One package from every front-end's share of ``files``, merged (``merge``) without a join."""
    return merge(list(load_each(files, diags, options, front_ends).values()), diags)


__all__ = [
    "FRONT_ENDS",
    "FrontEnd",
    "OpenAPIFrontEnd",
    "LoadOptions",
    "load_all",
    "load_each",
    "merge",
]
