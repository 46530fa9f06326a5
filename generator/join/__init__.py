"""The join stage: model docs and the OpenAPI spec they were made from, into one package.

    load (front-ends) -> join -> passes -> naming -> render -> ...

When the input holds both (SPECS has docs and a spec, or ``--spec FILE`` adds one), the doc
models are matched to the spec's schemas (``match``) and each matched pair becomes one model: the
docs' class names, namespaces, descriptions, examples, requiredness and types; the spec's wire
names, nullability, formats, constraints, defaults, read-/write-only, discriminators and open
enums. The docs decide which models and fields exist: schemas and properties the docs do not
have are reported, not generated. Every disagreement is a warning naming both places, and the
whole is a ``JoinReport`` (``report``), written as JSON with ``--drift-report FILE``.

Front-ends other than these two are merged as before (a model key defined twice is an error).
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import ir
from ..diagnostics import Diagnostics
from ..frontends import merge
from .match import Joiner
from .report import KINDS, Drift, JoinReport

# the front-ends whose packages are joined: the docs, and the spec they were made from
DOCS = "markdown"
SPEC = "openapi"


def join(docs: ir.Package, spec: ir.Package) -> tuple[ir.Package, JoinReport]:
    """One package from ``docs`` refined by ``spec``, and what the join found."""
    report = JoinReport(
        doc_files=tuple(sorted({m.source.file for m in docs.models})),
        spec_files=tuple(sorted({m.source.file for m in spec.models})),
    )
    return Joiner(docs, spec, report).run(), report


def join_loaded(
    loaded: Mapping[str, ir.Package], diags: Diagnostics
) -> tuple[ir.Package, JoinReport | None]:
    """The stage: join the docs' and the spec's packages when both have models (each drift item a
    warning), else merge what the front-ends loaded."""
    docs, spec = loaded.get(DOCS), loaded.get(SPEC)
    if docs is None or spec is None or not docs.models or not spec.models:
        return merge(list(loaded.values()), diags), None
    others = [p for name, p in loaded.items() if name not in (DOCS, SPEC)]
    package, report = join(docs, spec)
    if report.matched_models == 0:
        # not the spec the docs came from: both are generated, as without a join
        first = min(spec.models, key=lambda m: (m.source.file, m.source.line))
        diags.info(
            first.source.file,
            1,
            "no model of the docs matches a schema of this spec: not joined, both are generated",
            "join-unrelated",
        )
        return merge(list(loaded.values()), diags), None
    report.warn(diags)
    return (merge([package, *others], diags) if others else package), report


__all__ = ["DOCS", "KINDS", "SPEC", "Drift", "JoinReport", "join", "join_loaded"]
