"""The markdown front-end's link step: key every doc by (namespace, name), resolve its references
to keys, and build the IR models (JSON names and enum member names by each doc's dialect); then
take nullability from the examples (the ``null``s each dialect finds, followed by ``evidence``).

References resolve by link target (relative to the citing file, then by file base name) or by
qualified name (``components.TextPart``, ``models.X``, bare ``X``). Docs with one name in several
namespaces stay distinct.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from ... import ir
from ...diagnostics import Diagnostic, Diagnostics
from ...evidence import nullable_from_paths
from ...parse import RawDoc, dialects
from ...parse.types import SKIP, RawRef, Stream


def namespace_of(path: str, model_roots: list[str]) -> str:
    """The doc's directory below its ``models`` dir (or below the docs root for ``docs/errors``)."""
    parts = path.split("/")[:-1]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() == "models":
            return "/".join(parts[i + 1 :])
    d = "/".join(parts)
    for root in model_roots:  # roots are the parents of models dirs, e.g. "docs"
        if root == "" or d == root or d.startswith(root + "/"):
            return d[len(root) :].strip("/") if root else d
    return d


class _Index:
    def __init__(self, paths: list[str], keys: dict[str, ir.ModelKey]):
        self.by_path = {path: keys[path] for path in paths}
        self.by_stem: dict[str, list[ir.ModelKey]] = {}
        self.by_name: dict[str, list[ir.ModelKey]] = {}
        for path in paths:
            k = keys[path]
            stem = path.rpartition("/")[2][:-3].lower()  # posixpath.basename's
            self.by_stem.setdefault(stem, []).append(k)
            self.by_name.setdefault(k.name.lower(), []).append(k)

    def _pick(
        self, cands: list[ir.ModelKey], ns_hint: str, here: str
    ) -> ir.ModelKey | list[ir.ModelKey]:
        if len(cands) == 1:
            return cands[0]
        for want in (ns_hint, here):
            hit = [
                c
                for c in cands
                if c.namespace == want or (want and c.namespace.split("/")[-1] == want)
            ]
            if len(hit) == 1:
                return hit[0]
        return cands

    def resolve(self, ref: RawRef, citing: str, here: str) -> ir.ModelKey | None:
        found = self.lookup(ref, citing, here)
        return found if isinstance(found, ir.ModelKey) else None

    def lookup(
        self, ref: RawRef, citing: str, here: str
    ) -> ir.ModelKey | list[ir.ModelKey]:
        """The model a reference means, or the candidates (none, or several) if it means no one model."""
        if ref.target:
            path = ref.target.split("#", 1)[0]
            norm = posixpath.normpath(posixpath.join(posixpath.dirname(citing), path))
            if norm in self.by_path:
                return self.by_path[norm]
            stem = posixpath.basename(path)[:-3].lower()
            hint = posixpath.basename(posixpath.dirname(path))
            hint = "" if hint.lower() == "models" else hint
            return self._pick(self.by_stem.get(stem, []), hint, here)
        text = ref.text
        ns, _, name = text.rpartition(".")
        ns = ns.split(".")[-1] if ns else ""
        ns = "" if ns == "models" else ns
        low = name.lower()
        cands = (
            self.by_name.get(low, [])
            or self.by_stem.get(low, [])
            or self.by_stem.get(low + "_", [])
        )
        if ns:
            hit = [
                c
                for c in cands
                if c.namespace.split("/")[-1] == ns or (ns == "" and c.namespace == "")
            ]
            if len(hit) == 1:
                return hit[0]
        return self._pick(cands, ns, here)


@dataclass(frozen=True)
class Linked:
    """What linking one doc gives: its model (before the nullability evidence of all examples is
    applied), the null paths of its TypeScript examples (root type, paths; ``evidence``), and its
    diagnostics. A function of the doc and of the ``Linker``'s ``fingerprint`` alone."""

    model: ir.Model
    examples: tuple[tuple[ir.TypeExpr, tuple[tuple[str, ...], ...]], ...]
    diagnostics: tuple[Diagnostic, ...]


class Linker:
    """The part of linking that needs every doc: keys (a second doc with one key is an error) and
    the reference index, made from each doc's (path, name, H1 line) alone. ``link_doc`` links one
    doc; what it gives depends on that doc and on ``fingerprint`` (every doc's path and name, in
    order, and the options), so it can be kept and reused while both stay the same."""

    def __init__(
        self,
        keys: Mapping[str, ir.ModelKey],
        allow_missing: bool = False,
        fingerprint: str = "",
    ):
        """A linker of docs keyed as ``keys`` (path -> key, one path per key). ``of_heads`` makes
        one from the docs themselves; the patch run makes one from the last run's keys, with no
        ``fingerprint``: what it links is not kept."""
        self.keys = dict(keys)
        self.seen = {key: path for path, key in self.keys.items()}
        self.index = _Index(list(self.keys), self.keys)
        self.allow_missing = allow_missing
        self.fingerprint = fingerprint

    @classmethod
    def of_heads(
        cls,
        heads: Sequence[tuple[str, str, int]],
        diags: Diagnostics,
        allow_missing: bool = False,
    ) -> Linker:
        """The linker of docs of these (path, name, H1 line): a second doc with a key is an
        error."""
        # a doc's namespace depends on its folder alone: worked out once per folder (a few
        # hundred), not per doc (18,000 on orq-node, every run)
        one_per_folder: dict[str, str] = {}
        for path, _, _ in heads:
            one_per_folder.setdefault(path.rpartition("/")[0], path)
        roots = sorted(
            {
                "/".join(path.split("/")[: _models_at(path)])
                for path in one_per_folder.values()
                if _models_at(path) >= 0
            }
        )
        namespaces = {
            folder: namespace_of(path, roots) for folder, path in one_per_folder.items()
        }
        keys: dict[str, ir.ModelKey] = {}
        seen: dict[ir.ModelKey, str] = {}
        for path, name, line in heads:
            key = ir.ModelKey(namespaces[path.rpartition("/")[0]], name)
            if key in seen:
                diags.error(
                    path,
                    line,
                    f"model '{key}' is also defined in {seen[key]}",
                    "link-duplicate",
                    3,
                )
                continue
            seen[key] = path
            keys[path] = key
        listed = json.dumps(
            [[path, name] for path, name, _ in heads], ensure_ascii=True
        )
        fingerprint = hashlib.sha256(
            f"{allow_missing}\0{listed}".encode("ascii")
        ).hexdigest()
        return cls(keys, allow_missing, fingerprint)

    def link_doc(self, d: RawDoc) -> Linked:
        """The model of a doc this linker keyed (``d.path in keys``)."""
        diags = Diagnostics()
        key = self.keys[d.path]
        model = _model(d, key, self.index, self.seen, diags, self.allow_missing)
        examples = tuple(
            (root, tuple(paths)) for root, paths in _null_paths(d, key, self.index)
        )
        return Linked(model, tuple(e for e in examples if e[1]), tuple(diags.items))


# the cache table that keeps every doc's null paths (``Linked.examples``) for the patch run,
# which finds the nullability of an edited doc's fields again from them (``generator.patch``)
EVIDENCE, EXAMPLES = "evidence", "examples"


def examples_key(inputs: str, dialect: str, allow_missing: bool) -> list:
    """The key of the examples of a run on inputs of digest ``inputs``
    (``Stamp.inputs_digest``) with these options."""
    return [inputs, dialect, allow_missing]


def link(
    docs: list[RawDoc], diags: Diagnostics, allow_missing: bool = False
) -> list[ir.Model]:
    """The IR models of ``docs``, in doc order; duplicates and unresolved references are diagnostics."""
    linker = Linker.of_heads(
        [(d.path, d.name, d.line) for d in docs], diags, allow_missing
    )
    return finish([linker.link_doc(d) for d in docs if d.path in linker.keys], diags)


def finish(linked: Sequence[Linked], diags: Diagnostics) -> list[ir.Model]:
    """The models of linked docs, nullable where any example says so; their diagnostics to ``diags``."""
    for x in linked:
        diags.extend(list(x.diagnostics))
    return nullable_from_paths(
        [x.model for x in linked], [e for x in linked for e in x.examples]
    )


def _model(
    d: RawDoc,
    key: ir.ModelKey,
    index: _Index,
    seen: dict[ir.ModelKey, str],
    diags: Diagnostics,
    allow_missing: bool,
) -> ir.Model:
    def resolve(t, line: int, col: int):
        """``t`` with every RawRef resolved to an ir.Ref; unresolved ones become Any (with
        allow_missing) or errors (then None)."""

        def one(r):
            if not isinstance(r, RawRef):
                return r
            found = index.lookup(r, d.path, key.namespace)
            if isinstance(found, ir.ModelKey):
                return ir.Ref(found)
            what = f"unresolved reference '{r.text}'" + (
                f" ({r.target})" if r.target else ""
            )
            if found:
                shown = ", ".join(seen[k] for k in found[:4]) + (
                    ", ..." if len(found) > 4 else ""
                )
                what = f"ambiguous reference '{r.text}': it could mean {shown}"
            if allow_missing:
                diags.warning(
                    d.path, line, what + "; typed as Any", "link-unresolved", col
                )
                return ir.ANY
            diags.error(d.path, line, what, "link-unresolved", col)
            return None

        return ir.map_leaves(t, one)

    dialect = dialects.DIALECTS[d.dialect]
    common: dict[str, Any] = dict(
        key=key,
        description=d.description,
        deprecated=d.deprecated,
        source=ir.Source(d.path, d.line),
        path_hint=posixpath.basename(d.path)[:-3],
    )
    if d.kind == "enum":
        members = tuple(
            ir.EnumMember(
                cast("str | int | float | bool", v.value),  # parse reads only scalars
                ir.Source(d.path, v.line),
                name_hint=dialect.member_name(d.name, v.name) if v.name else "",
            )
            for v in d.values
        )
        return ir.EnumModel(members=members, open=d.open, **common)
    if d.kind == "union":
        ms = []
        for m in d.members:
            if m.type is SKIP:
                diags.info(
                    d.path,
                    m.line,
                    "SDK plumbing member is not a JSON type; left out of the union",
                    "link-plumbing",
                )
                continue
            t = resolve(_element(m.type, d, m.line, diags), m.line, 5)
            if t is not None and t not in ms:
                ms.append(t)
        if not d.members_known:
            diags.warning(
                d.path,
                d.line,
                f"union '{d.name}' lists no members; typed as Any",
                "link-union-unknown",
                3,
            )
        return ir.UnionModel(
            members=tuple(ms), known=d.members_known and bool(ms), **common
        )
    fields, extra, extra_name = [], None, ""
    for f in d.fields:
        if f.type is SKIP:
            continue
        t = resolve(_element(f.type, d, f.line, diags), f.line, f.type_col)
        if t is None:
            continue
        if f.name in dialect.extra_fields and isinstance(t, ir.DictOf):
            extra, extra_name = t.value, dialect.json_name(f.name)
            continue
        if (
            f.json_name
        ):  # our own docs: the Field cell is the attribute, a column the JSON name
            name, hint = f.json_name, f.name
        else:
            name, hint = dialect.json_name(f.name), ""
        source = ir.Source(d.path, f.line, f.type_col)
        example = ir.Example(f.example) if f.example else None
        fields.append(
            ir.Field(
                name,
                t,
                f.required,
                source,
                f.description,
                f.deprecated,
                hint,
                example,
            )
        )
    return ir.ObjectModel(
        fields=tuple(fields), extra=extra, extra_name=extra_name, **common
    )


def _null_paths(
    d: RawDoc, key: ir.ModelKey, index: _Index
) -> list[tuple[ir.TypeExpr, list[tuple[str, ...]]]]:
    """(root type, paths set to null) of every example of a doc: its Example Usage block and union
    member blocks, read by the doc's dialect."""
    dialect = dialects.DIALECTS[d.dialect]
    out: list[tuple[ir.TypeExpr, list[tuple[str, ...]]]] = []
    if d.example and d.kind == "object":
        paths = dialect.null_paths(d.example)
        if paths:
            out.append((ir.Ref(key), paths))
    for m in d.members:
        if m.example and m.type is not SKIP and not isinstance(m.type, Stream):
            paths = dialect.null_paths(m.example)
            if not paths:
                continue
            root = ir.map_leaves(
                m.type,
                lambda r: (
                    _resolved(r, index.resolve(r, d.path, key.namespace))
                    if isinstance(r, RawRef)
                    else r
                ),
            )
            if root is not None:
                out.append((root, paths))
    return out


def _element(t: object, d: RawDoc, line: int, diags: Diagnostics) -> object:
    """A stream's element type, with a note that the stream is modelled as it; other types as is."""
    if not isinstance(t, Stream):
        return t
    diags.info(
        d.path,
        line,
        "event stream: each event is modelled as its element type (the type of one event's data)",
        "link-stream",
    )
    return t.element


def _resolved(r: RawRef, key: ir.ModelKey | None) -> ir.Ref | None:
    return None if key is None else ir.Ref(key)


def _models_at(path: str) -> int:
    parts = path.split("/")[:-1]
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() == "models":
            return i
    return -1
