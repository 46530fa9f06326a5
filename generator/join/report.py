"""The join's findings: the drift between the docs and the spec, and what the join took from the
spec, as data (``JoinReport``), as warnings, and as a JSON document (``to_json``).

Drift kinds (a warning ``join-<kind>`` each, naming both places):

- ``model-doc-only``: a doc model no spec schema matches.
- ``model-spec-only``: a spec schema (a component, an operation's body: one no other schema holds)
  no doc model matches.
- ``field-doc-only`` / ``field-spec-only``: a field of a matched model on one side only.
- ``type``: a field's (or union member's) type differs beyond what the docs can say (TypeScript's
  ``number`` for an integer is no drift); the docs' type is kept.
- ``required``: the docs and the spec disagree on whether a field is required; the docs' kept.
- ``nullable``: the docs say a field may be null, the spec does not; the docs' kept (the other way
  round is what the join takes from the spec, not drift).
- ``enum``: an enum's values differ; the docs' values are kept.
- ``member``: a union member on one side only.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import ir
from ..diagnostics import Diagnostics
from ..write.report import write_text

KINDS = (
    "model-doc-only",
    "model-spec-only",
    "field-doc-only",
    "field-spec-only",
    "type",
    "required",
    "nullable",
    "enum",
    "member",
)
# the version of the JSON shape (``to_json``); a change of shape bumps it
FORMAT_VERSION = 1


@dataclass(frozen=True, order=True)
class Drift:
    """One disagreement. ``model``: the doc model's key (the spec schema's pointer when the docs
    have none); ``field``: the wire name (or the docs' name when the spec has none; ``""`` for a
    model); ``doc`` / ``spec``: where each side says it (None for the side that does not);
    ``docs_say`` / ``spec_says``: what each side says, short."""

    kind: str
    model: str
    field: str
    doc: ir.Source | None
    spec: ir.Source | None
    docs_say: str
    spec_says: str
    message: str
    holds: int = 0  # model-doc-only: the unmatched doc models only this one leads to

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "model": self.model,
            "field": self.field,
            "doc": _place(self.doc, pointer=False),
            "spec": _place(self.spec, pointer=True),
            "docs_say": self.docs_say,
            "spec_says": self.spec_says,
            "message": self.message,
            "holds": self.holds,
        }


def _place(s: ir.Source | None, pointer: bool) -> dict | None:
    if s is None:
        return None
    out: dict = {"file": s.file, "line": s.line, "col": s.col}
    if pointer:
        out["pointer"] = s.pointer
    return out


def where(s: ir.Source, pointer: bool = True) -> str:
    """``file:line:col#pointer`` (docs: ``file:line``)."""
    if not pointer:
        return f"{s.file}:{s.line}"
    return f"{s.file}:{s.line}:{s.col}" + (f" #{s.pointer}" if s.pointer else "")


@dataclass
class JoinReport:
    """What one join did. Counts of models and fields (matched, on one side only), how the doc
    models were matched (``matched_by``: ``name``, ``operation``, ``structure``), what was taken
    from the spec (``taken``: ``wire_names``, ``nullable_required``, ``nullable_optional``,
    ``nullable_nested``, ``formats``, ``constraints``, ``defaults``, ``discriminators``,
    ``read_write_only``, ``open_enums``), ``conflicts`` (a doc model reached from two spec
    schemas: the first kept), and every ``drift`` item."""

    joined: bool = True  # False: the run had no docs and spec to join (an empty report)
    doc_files: tuple[str, ...] = ()
    spec_files: tuple[str, ...] = ()
    doc_models: int = 0
    spec_models: int = 0
    matched_models: int = 0
    doc_fields: int = 0
    matched_fields: int = 0
    matched_by: Counter = field(default_factory=Counter)
    taken: Counter = field(default_factory=Counter)
    conflicts: int = 0
    doc_only_models: int = 0
    drift: list[Drift] = field(default_factory=list)
    wrappers: list[ir.Model] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Drift items by kind (every kind, zeros included)."""
        c = Counter(d.kind for d in self.drift)
        return {k: c[k] for k in KINDS}

    def summary(self) -> dict:
        c = self.counts()
        return {
            "models": {
                "docs": self.doc_models,
                "spec": self.spec_models,
                "matched": self.matched_models,
                "doc_only": self.doc_only_models,
                "spec_only": c["model-spec-only"],
                "matched_by": {k: self.matched_by[k] for k in sorted(self.matched_by)},
                "sdk_wrappers": len(self.wrappers),
                "conflicts": self.conflicts,
            },
            "fields": {
                "docs": self.doc_fields,
                "matched": self.matched_fields,
                "doc_only": c["field-doc-only"],
                "spec_only": c["field-spec-only"],
            },
            "taken": {k: self.taken[k] for k in sorted(self.taken)},
            "drift": c,
        }

    def as_dict(self) -> dict:
        return {
            "format": "gen-models drift report",
            "version": FORMAT_VERSION,
            "joined": self.joined,
            "specs": list(self.spec_files),
            "summary": self.summary(),
            "sdk_wrappers": [
                {"model": str(m.key), "doc": _place(m.source, pointer=False)}
                for m in sorted(self.wrappers, key=lambda m: m.key)
            ],
            "drift": [d.as_dict() for d in sorted(self.drift, key=_order)],
        }

    def to_json(self) -> str:
        """The report as JSON text (stable: sorted, same bytes for the same input)."""
        return (
            json.dumps(self.as_dict(), indent=2, ensure_ascii=False, sort_keys=False)
            + "\n"
        )

    def warn(self, diags: Diagnostics) -> None:
        """Every drift item as a warning, at the docs' place when there is one, else the spec's."""
        for d in sorted(self.drift, key=_order):
            at = d.doc if d.doc is not None else d.spec
            assert at is not None
            diags.warning(at.file, at.line, d.message, f"join-{d.kind}", at.col)
        for m in self.wrappers:
            diags.info(
                m.source.file,
                m.source.line,
                f"'{m.key}' is a model the SDK makes around an operation (its request, "
                "response or security); the spec has no schema for it",
                "join-sdk-wrapper",
                m.source.col,
            )


def _order(d: Drift) -> tuple:
    def key(s: ir.Source | None) -> tuple:
        return ("", 0, 0, "") if s is None else (s.file, s.line, s.col, s.pointer)

    return (KINDS.index(d.kind), key(d.doc), key(d.spec), d.model, d.field, d.message)


def write_report(path: str, report: JoinReport | None, diags: Diagnostics) -> None:
    """The drift report as JSON at ``path`` (``--drift-report``; an empty one, ``"joined":
    false``, when no join ran); a failure to write it is a diagnostic."""
    text = (report or JoinReport(joined=False)).to_json()
    try:
        write_text(Path(path), text)
    except OSError as exc:
        diags.error(
            path,
            1,
            f"cannot write the drift report: {exc.strerror or exc}",
            "join-report-write",
        )
