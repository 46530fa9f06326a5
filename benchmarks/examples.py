"""Validate the TypeScript ``## Example Usage`` values of a corpus against the generated models.

    python benchmarks/examples.py .cache/corpora/orq-node/docs [--members] [--examples 2] [--json out.json]

Generates the models into a temporary folder, imports every generated module (import failures must
be zero), then for each object/enum/union doc with an Example Usage block parses the example with
``tests/support/ts_literal.py`` and validates it with ``pydantic.TypeAdapter(<model>)``. With
``--members`` the per-member examples of union docs (``### `components.X` `` + ``const value: ...``)
are validated against the union too, and counted separately.

Prints: docs with examples, parsed, unsupported (by reason), validated ok, failed,
rate = ok / (ok + failed), the failure classes (pydantic error type + the kind of type involved) with
examples, and "lossy" examples (valid, but a round trip through the model drops or changes data:
unknown keys ignored, values coerced).

The functions here are also used by ``tests/test_corpus.py``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "tests") not in sys.path:
    sys.path.insert(0, str(REPO / "tests"))

from support.ts_literal import (  # noqa: E402
    TsSyntaxError,
    Unsupported,
    example_usage_code,
    parse_example,
    union_member_codes,
)

# ---------------------------------------------------------------- data


@dataclass
class Outcome:
    doc: str  # doc path relative to the docs root
    source: str  # "usage" or "member:<heading>"
    model: str  # str(model key)
    kind: str  # object / enum / union
    status: str  # ok, failed, unsupported, syntax, no-class
    reason: str = ""  # unsupported reason / syntax message / failure class
    errors: list[dict[str, Any]] = field(
        default_factory=list
    )  # pydantic errors (trimmed)
    lossy: str = ""  # for ok: first difference after a round trip, "" if none


@dataclass
class Report:
    docs_root: str
    package: str
    out: str
    generate_seconds: float = 0.0
    diagnostics: list[str] = field(default_factory=list)  # error diagnostics
    generate_ok: bool = True
    modules: int = 0
    import_failures: list[tuple[str, str]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    drift: Any = (
        None  # the join's report (generator.join.JoinReport) when a spec was joined
    )

    def select(self, source: str = "usage") -> list[Outcome]:
        if source == "usage":
            return [o for o in self.outcomes if o.source == "usage"]
        return [o for o in self.outcomes if o.source.startswith("member")]

    def counts(self, source: str = "usage") -> dict[str, Any]:
        sel = self.select(source)
        st = Counter(o.status for o in sel)
        ok, failed = st["ok"], st["failed"] + st["no-class"]
        return {
            "examples": len(sel),
            "parsed": len(sel) - st["unsupported"] - st["syntax"],
            "unsupported": dict(
                Counter(o.reason for o in sel if o.status == "unsupported")
            ),
            "syntax_errors": st["syntax"],
            "ok": ok,
            "failed": failed,
            "rate": ok / (ok + failed) if ok + failed else 1.0,
            "lossy": sum(1 for o in sel if o.status == "ok" and o.lossy),
            "spec_constraint": st["spec-constraint"],
        }

    def failures(self, source: str | None = None) -> list[Outcome]:
        return [
            o
            for o in self.outcomes
            if o.status in ("failed", "no-class", "syntax")
            and (source is None or o.source == source or o.source.startswith(source))
        ]


# ---------------------------------------------------------------- classification


def _loc_kind(loc: tuple[Any, ...]) -> str:
    """The innermost type-ish step of a pydantic error location (``list[...]``, ``literal[...]``,
    ``function-after[...]``, a class name), or "field" when the location is only field names.
    """
    for step in reversed(loc):
        if isinstance(step, int):
            continue
        s = str(step)
        if "[" in s:
            return s.split("[", 1)[0]
        if s[:1].isupper():
            return "model"
    return "field"


def classify(errors: list[dict[str, Any]]) -> str:
    """One label per failed example: the most specific error type, plus the input's JSON type."""
    if not errors:
        return "?"
    # prefer the most specific error (a union reports every branch; take the deepest one)
    e = max(errors, key=lambda e: len(e.get("loc", ())))
    inp = e.get("input")
    jtype = {
        dict: "object",
        list: "array",
        str: "string",
        bool: "boolean",
        type(None): "null",
    }.get(type(inp), "number" if isinstance(inp, (int, float)) else type(inp).__name__)
    return f"{e['type']} ({_loc_kind(tuple(e.get('loc', ())))}, got {jtype})"


def _trim(errors: list[dict[str, Any]], limit: int = 6) -> list[dict[str, Any]]:
    out = []
    for e in errors[:limit]:
        inp = e.get("input")
        text = json.dumps(inp, default=str)
        out.append(
            {
                "type": e["type"],
                "loc": ".".join(str(x) for x in e.get("loc", ())),
                "msg": e.get("msg", ""),
                "input": text if len(text) <= 120 else text[:117] + "...",
            }
        )
    return out


def _first_diff(a: Any, b: Any, path: str = "$") -> str:
    """Where the round-tripped value ``b`` differs from the example ``a`` ("" if equivalent)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                return f"{path}.{k}: dropped"
        for k in b:
            if k not in a:
                return f"{path}.{k}: added"
        for k in a:
            d = _first_diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return ""
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: length {len(a)} -> {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = _first_diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return ""
    if isinstance(a, bool) or isinstance(b, bool):
        return "" if a is b else f"{path}: {a!r} -> {b!r}"
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return (
            ""
            if a == b or (math.isnan(a) and math.isnan(b))
            else f"{path}: {a!r} -> {b!r}"
        )
    if isinstance(a, str) and isinstance(b, str) and a != b:
        # date-times are re-spelled (Z vs +00:00, trailing zeros): compare as instants
        import datetime as dt

        try:
            if dt.datetime.fromisoformat(
                a.replace("Z", "+00:00")
            ) == dt.datetime.fromisoformat(b.replace("Z", "+00:00")):
                return ""
        except ValueError:
            pass
    return "" if a == b else f"{path}: {a!r} -> {b!r}"


# ---------------------------------------------------------------- running


def generate_package(
    docs: Path, out: Path, package: str, spec: Path | None = None
) -> tuple[Any, float]:
    from generator import generate

    t = time.perf_counter()
    result = generate(
        docs, out, package=package, docs=False, spec=None if spec is None else str(spec)
    )
    return result, time.perf_counter() - t


def to_wire(value: Any, t: Any, models: dict[Any, Any], depth: int = 0) -> Any:
    """An example written with the SDK's property names (TypeScript: ``finishReason``) in the
    wire names of the IR's fields (``finish_reason``, which a docs+spec join takes from the spec):
    keys matched to fields by name, else by ``generator.join.shapes.norm``; union members by the
    keys they share. Without a join the names are the same and nothing changes."""
    from generator import ir
    from generator.join.shapes import norm

    if depth > 64:
        return value
    if isinstance(t, ir.Nullable):
        return to_wire(value, t.inner, models, depth + 1)
    if isinstance(t, ir.ListOf) and isinstance(value, list):
        return [to_wire(x, t.item, models, depth + 1) for x in value]
    if isinstance(t, ir.DictOf) and isinstance(value, dict):
        return {k: to_wire(v, t.value, models, depth + 1) for k, v in value.items()}
    if isinstance(t, ir.UnionOf):
        return _member_to_wire(value, t.members, models, depth)
    m = models.get(t.key) if isinstance(t, ir.Ref) else None
    if isinstance(m, ir.UnionModel):
        return _member_to_wire(value, m.members, models, depth)
    if not isinstance(m, ir.ObjectModel) or not isinstance(value, dict):
        return value
    exact = {f.name: f for f in m.fields}
    loose = {norm(f.name): f for f in reversed(m.fields)}
    out = {}
    for k, v in value.items():
        f = exact.get(k) or loose.get(norm(k))
        if f is None:
            out[k] = to_wire(v, m.extra, models, depth + 1) if m.extra else v
        else:
            out[f.name] = to_wire(v, f.type, models, depth + 1)
    return out


def _member_to_wire(
    value: Any, members: Any, models: dict[Any, Any], depth: int
) -> Any:
    """``value`` in the wire names of the union member whose names it fits best (all the way
    down: two members may differ only inside)."""
    if not isinstance(value, (dict, list)):
        return value
    best = max(members, key=lambda t: _fit(value, t, models, depth), default=None)
    return value if best is None else to_wire(value, best, models, depth + 1)


def _fit(value: Any, t: Any, models: dict[Any, Any], depth: int) -> int:
    """How many keys of ``value``, at any depth, name a field where ``t`` says (-1: no fit)."""
    from generator import ir
    from generator.join.shapes import norm

    if depth > 64:
        return 0
    if isinstance(t, ir.Nullable):
        return _fit(value, t.inner, models, depth + 1)
    if isinstance(t, ir.UnionOf):
        return max(_fit(value, m, models, depth + 1) for m in t.members)
    m = models.get(t.key) if isinstance(t, ir.Ref) else None
    if isinstance(m, ir.UnionModel):
        return max((_fit(value, x, models, depth + 1) for x in m.members), default=0)
    if isinstance(value, list):
        if not isinstance(t, ir.ListOf):
            return -1
        return sum(max(_fit(x, t.item, models, depth + 1), 0) for x in value)
    if isinstance(value, dict):
        if isinstance(t, ir.DictOf):
            return 0
        if not isinstance(m, ir.ObjectModel):
            return -1
        fields = {norm(f.name): f for f in m.fields}
        score = 0
        for k, v in value.items():
            f = fields.get(norm(k))
            if f is not None:
                score += 1 + max(_fit(v, f.type, models, depth + 1), 0)
        return score
    return 0


def import_all(out: Path, package: str) -> tuple[int, list[tuple[str, str]]]:
    """Import every module of the generated package; return (count, [(module, error)])."""
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    root = out / package
    failures = []
    n = 0
    for py in sorted(root.rglob("*.py")):
        rel = py.relative_to(out).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        n += 1
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - report every failure
            tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
            failures.append((name, tb))
    return n, failures


def validate_examples(*args: Any, **kwargs: Any) -> list[Outcome]:
    """Validate every example; deprecated models warn on use, which is noise here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _validate_examples(*args, **kwargs)


# what a docs example breaks when the join added the spec's constraints: Speakeasy's placeholders
# ("<key>") against a pattern, empty lists against minItems, fractions where the spec says integer
SPEC_CONSTRAINTS = frozenset(
    {
        "string_pattern_mismatch",
        "string_too_short",
        "string_too_long",
        "too_short",
        "too_long",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "multiple_of",
        "int_from_float",
    }
)


def _validate_examples(
    docs: Path,
    package_ir: Any,
    naming: Any,
    package: str,
    members: bool = True,
    joined: bool = False,
) -> list[Outcome]:
    """With ``joined`` (the docs were joined with a spec), an example that breaks one of the
    spec's constraints (``SPEC_CONSTRAINTS``) is ``spec-constraint``: drift between the docs'
    example and the spec, counted apart from the generator's failures."""
    from pydantic import TypeAdapter, ValidationError

    from generator import ir

    models = package_ir.by_key()
    adapters: dict[Any, Any] = {}
    outcomes: list[Outcome] = []
    for model in package_ir.models:
        doc = model.source.file
        path = Path(doc) if Path(doc).is_absolute() else docs / doc
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        codes: list[tuple[str, str]] = []
        usage = example_usage_code(text)
        if usage is not None:
            codes.append(("usage", usage))
        if members and model.kind == "union":
            codes += [(f"member:{h}", c) for h, c in union_member_codes(text)]
        for source, code in codes:
            o = Outcome(
                doc=doc,
                source=source,
                model=str(model.key),
                kind=model.kind,
                status="ok",
            )
            outcomes.append(o)
            try:
                value = to_wire(parse_example(code).value, ir.Ref(model.key), models)
            except Unsupported as exc:
                o.status, o.reason = "unsupported", exc.reason
                continue
            except TsSyntaxError as exc:
                o.status, o.reason = "syntax", str(exc)
                continue
            if model.key not in adapters:
                try:
                    names = naming[model.key]
                    mod = importlib.import_module(f"{package}.{names.module}")
                    adapters[model.key] = TypeAdapter(getattr(mod, names.class_name))
                except Exception as exc:  # noqa: BLE001
                    adapters[model.key] = exc
            adapter = adapters[model.key]
            if isinstance(adapter, Exception):
                o.status, o.reason = "no-class", f"{type(adapter).__name__}: {adapter}"
                continue
            try:
                obj = adapter.validate_python(value)
            except ValidationError as exc:
                errs = exc.errors(include_url=False)
                o.status, o.reason, o.errors = "failed", classify(errs), _trim(errs)
                if joined and any(e["type"] in SPEC_CONSTRAINTS for e in errs):
                    o.status = "spec-constraint"
                continue
            try:
                dumped = adapter.dump_python(
                    obj, mode="json", by_alias=True, exclude_unset=True
                )
                o.lossy = _first_diff(value, dumped)
            except Exception as exc:  # noqa: BLE001
                o.lossy = f"dump failed: {type(exc).__name__}: {exc}"
    return outcomes


def run(
    docs: Path,
    out: Path | None = None,
    *,
    package: str = "models",
    members: bool = True,
    spec: Path | None = None,
) -> Report:
    """Generate, import and validate; ``out`` defaults to a fresh temporary folder. ``spec``: the
    OpenAPI spec to join the docs with (``--spec``)."""
    docs = Path(docs)
    out = (
        Path(out)
        if out is not None
        else Path(tempfile.mkdtemp(prefix="gen-models-examples-"))
    )
    report = Report(docs_root=str(docs), package=package, out=str(out))
    # a previous run in this process may have imported another package of the same name
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    result, report.generate_seconds = generate_package(docs, out, package, spec)
    report.drift = result.drift
    report.diagnostics = [
        str(d) for d in result.diagnostics if d.severity.name == "ERROR"
    ]
    report.generate_ok = result.ok
    if not result.ok:
        return report
    report.modules, report.import_failures = import_all(out, package)
    report.outcomes = validate_examples(
        docs, result.package, result.naming, package, members, result.drift is not None
    )
    return report


# ---------------------------------------------------------------- printing


def format_report(report: Report, examples: int = 2, members: bool = True) -> str:
    lines = [
        f"corpus: {report.docs_root}",
        f"generated into: {report.out}/{report.package} "
        f"({report.generate_seconds:.1f} s)",
    ]
    if report.drift is not None:
        lines.append(f"join with the spec: {json.dumps(report.drift.summary())}")
    if not report.generate_ok:
        lines.append(f"GENERATION FAILED with {len(report.diagnostics)} error(s):")
        lines += ["  " + d for d in report.diagnostics[:20]]
        return "\n".join(lines)
    lines.append(
        f"modules imported: {report.modules}, import failures: {len(report.import_failures)}"
    )
    for name, err in report.import_failures[:20]:
        lines.append(f"  {name}: {err}")
    sources = ["usage"] + (["member"] if members else [])
    for source in sources:
        c = report.counts(source)
        title = "Example Usage blocks" if source == "usage" else "union member examples"
        lines.append("")
        lines.append(f"== {title}")
        lines.append(f"  docs with examples : {c['examples']}")
        lines.append(f"  parsed             : {c['parsed']}")
        lines.append(
            f"  unsupported        : {sum(c['unsupported'].values())} "
            + (json.dumps(c["unsupported"], sort_keys=True) if c["unsupported"] else "")
        )
        if c["syntax_errors"]:
            lines.append(f"  parser errors      : {c['syntax_errors']}")
        lines.append(f"  validated ok       : {c['ok']}")
        lines.append(f"  failed             : {c['failed']}")
        lines.append(f"  rate ok/(ok+failed): {c['rate'] * 100:.2f}%")
        if c["spec_constraint"]:
            lines.append(
                f"  break the spec     : {c['spec_constraint']} (a constraint the join took "
                "from the spec; not counted above)"
            )
        lines.append(
            f"  lossy round trips  : {c['lossy']} (valid, but data dropped/changed)"
        )
        fails = [
            o
            for o in report.select(source)
            if o.status in ("failed", "no-class", "syntax", "spec-constraint")
        ]
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for o in fails:
            label = o.reason if o.status in ("failed", "spec-constraint") else o.status
            if o.status == "spec-constraint":
                label = "[breaks the spec] " + label
            groups[label].append(o)
        if groups:
            lines.append("  failure classes:")
        for label, outs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"    {len(outs):5d}  {label}")
            for o in outs[:examples]:
                where = o.doc + ("" if o.source == "usage" else f" [{o.source}]")
                if o.errors:
                    e = o.errors[0]
                    more = f" (+{len(o.errors) - 1} more)" if len(o.errors) > 1 else ""
                    lines.append(
                        f"           {where}: {e['loc']}: {e['type']}: {e['msg']} "
                        f"input={e['input']}{more}"
                    )
                else:
                    lines.append(f"           {where}: {o.reason}")
        lossy = [o for o in report.select(source) if o.status == "ok" and o.lossy]
        if lossy:
            kinds: dict[str, list[Outcome]] = defaultdict(list)
            for o in lossy:
                kinds[
                    (
                        o.lossy.rsplit(": ", 1)[-1].split(" ")[0]
                        if ": " in o.lossy
                        else o.lossy
                    )
                ].append(o)
            lines.append("  lossy round trips by kind:")
            for label, outs in sorted(kinds.items(), key=lambda kv: -len(kv[1]))[:10]:
                lines.append(f"    {len(outs):5d}  {label[:60]}")
                for o in outs[:examples]:
                    lines.append(f"           {o.doc}: {o.lossy[:160]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs", type=Path, help="docs root of a TypeScript Speakeasy SDK")
    ap.add_argument(
        "--out", type=Path, help="where to generate (default: a temporary folder)"
    )
    ap.add_argument("--package", default="models")
    ap.add_argument(
        "--spec",
        type=Path,
        help="the OpenAPI spec to join the docs with (gen-models --spec)",
    )
    ap.add_argument(
        "--members",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also validate union member examples (default: yes)",
    )
    ap.add_argument(
        "--examples", type=int, default=2, help="examples shown per failure class"
    )
    ap.add_argument("--json", type=Path, help="also write every outcome as JSON here")
    ap.add_argument(
        "--keep", action="store_true", help="keep the temporary output folder"
    )
    args = ap.parse_args(argv)
    t = time.perf_counter()
    out = args.out or Path(tempfile.mkdtemp(prefix="gen-models-examples-"))
    try:
        report = run(
            args.docs, out, package=args.package, members=args.members, spec=args.spec
        )
        print(format_report(report, args.examples, args.members))
        print(f"\ntotal time: {time.perf_counter() - t:.1f} s")
        if args.json:
            payload = {
                "counts": {s: report.counts(s) for s in ("usage", "member")},
                "import_failures": report.import_failures,
                "outcomes": [o.__dict__ for o in report.outcomes],
            }
            args.json.write_text(json.dumps(payload, indent=1, default=str))
    finally:
        if args.out is None and not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    if not report.generate_ok or report.import_failures:
        return 2
    return 0 if report.counts("usage")["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
