"""Validate every example an OpenAPI spec gives against the models gen-models generates from it.

    python benchmarks/openapi_examples.py SPECS [--kind pydantic|dataclasses|both] [--show 10] [--json FILE]

SPECS is a folder (or one file) of OpenAPI documents. The examples: a schema's ``example`` and each
item of its ``examples`` list; a media type's, parameter's or header's ``example`` and each entry of
its ``examples`` map (``$ref`` to ``components/examples`` followed; an ``externalValue`` is counted
as not checked). Each is validated, as JSON, with the type gen-models gave the schema it belongs
to (the schema itself, or the ``schema`` beside a media type's or parameter's example):

- pydantic: ``TypeAdapter(<type>).validate_json(example)``;
- dataclasses: ``TypeAdapter(<type>).validate_json(example)`` too: pydantic reads a dataclass
  field's ``metadata`` as ``Field`` arguments, which is what gen-models writes there (the JSON name
  as ``alias``, the constraints); only additional properties, which pydantic does not know for
  dataclasses, are first gathered into the field that holds them (``for_dataclasses``). UniqueItems
  is not checked for dataclasses (it is metadata only).

Prints, per kind: examples found, checked, validated, failed, rate = validated / checked, examples
that could not be checked (no schema the generator read, an external value) and each failure (the
JSON pointer of the example, the model, pydantic's first error). An example that contradicts its own
schema is a bug of the spec, not of the models: the failures are listed for a person to judge.

The functions here are also used by ``tests/test_openapi_corpus.py``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator import generate, ir  # noqa: E402
from generator.diagnostics import Diagnostics  # noqa: E402
from generator.frontends import LoadOptions  # noqa: E402
from generator.frontends.openapi import EXTENSIONS, Built, build  # noqa: E402
from generator.frontends.openapi.refs import escape  # noqa: E402
from generator.read import read  # noqa: E402
from generator.render.python import ModuleContext  # noqa: E402

# the keys whose value is a map of names (a key "example" in it is a name, not the keyword)
MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "$defs",
        "definitions",
        "dependentSchemas",
        "schemas",
        "responses",
        "parameters",
        "headers",
        "examples",
        "content",
        "requestBodies",
        "securitySchemes",
        "links",
        "callbacks",
        "paths",
        "mapping",
        "variables",
        "encoding",
        "pathItems",
        "webhooks",
    }
)
# keywords whose values are data, not more of the spec
DATA = frozenset({"example", "examples", "default", "enum", "const", "value"})


@dataclass
class Example:
    file: str
    pointer: str  # of the example value
    where: str  # schema, media, parameter, header, other
    schema: str  # the address (file#pointer) of the schema it belongs to, "" if none
    value: Any = None
    note: str = ""  # why it cannot be checked ("" when it can)


@dataclass
class Outcome:
    example: Example
    kind: str
    status: str  # ok, failed, unchecked
    model: str = ""  # the annotation it was validated with
    error: str = ""


@dataclass
class Report:
    specs: str
    examples: list[Example] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # error diagnostics of a run
    seconds: dict[str, float] = field(default_factory=dict)

    def counts(self, kind: str) -> dict[str, int]:
        c = Counter(o.status for o in self.outcomes if o.kind == kind)
        return {
            "examples": len(self.examples),
            "checked": c["ok"] + c["failed"],
            "ok": c["ok"],
            "failed": c["failed"],
            "unchecked": c["unchecked"],
        }

    def rate(self, kind: str) -> float:
        c = self.counts(kind)
        return c["ok"] / c["checked"] if c["checked"] else 1.0


# ---------------------------------------------------------------- finding the examples


def spec_files(specs: Path) -> Built:
    diags = Diagnostics()
    files = [f for f in read(specs, diags) if f.path.lower().endswith(EXTENSIONS)]
    root = specs if specs.is_dir() else specs.parent
    return build(files, diags, LoadOptions(root=str(root)))


def collect(built: Built) -> list[Example]:
    """Every example of every document the front-end loaded, in document order."""
    found: list[Example] = []
    for file, loaded in sorted(built.docs.loaded.items()):
        if loaded is not None and loaded.root is not None:
            _walk(built, file, loaded.root, "", found)
    return found


def _walk(
    built: Built, file: str, node: object, pointer: str, out: list, in_map: bool = False
) -> None:
    """``in_map``: ``node`` is an entry of a map of names (a property named ``variables`` is a
    schema, not the map of server variables)."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            _walk(built, file, item, f"{pointer}/{i}", out)
        return
    if not isinstance(node, dict):
        return
    last = pointer.rsplit("/", 1)[-1] if pointer else ""
    is_map = not in_map and last in MAPS
    # (components/examples holds reusable examples, counted where they are used)
    if (
        not is_map
        and pointer != "/components"
        and ("example" in node or "examples" in node)
    ):
        _examples(built, file, node, pointer, out)
    for k, v in node.items():
        if not is_map and (k in DATA or k.startswith("x-")):
            continue
        _walk(built, file, v, f"{pointer}/{escape(str(k))}", out, is_map)


def _examples(built: Built, file: str, node: dict, pointer: str, out: list) -> None:
    types = built.types
    here = f"{file}#{pointer}"
    if here in types:
        where, schema = "schema", here
    elif "schema" in node or "content" in node:
        parts = pointer.split("/")
        where = (
            "media"
            if len(parts) > 2 and parts[-2] == "content"
            else "parameter" if "in" in node else "header"
        )
        schema = f"{here}/schema"
        if (
            "schema" not in node
        ):  # a parameter with content: the first media type's schema
            content = node.get("content")
            first = next(iter(content), None) if isinstance(content, dict) else None
            schema = f"{here}/content/{escape(str(first))}/schema"
    else:
        where, schema = "other", ""
    note = ""
    if schema not in types:
        note = (
            "a header (gen-models makes no model for headers)"
            if where == "header" or "/headers/" in pointer
            else "in a schema no spec uses (the generator did not read it)"
        )
    if "example" in node:
        out.append(
            Example(file, f"{pointer}/example", where, schema, node["example"], note)
        )
    examples = node.get("examples")
    if isinstance(examples, list):
        for i, v in enumerate(examples):
            out.append(Example(file, f"{pointer}/examples/{i}", where, schema, v, note))
    elif isinstance(examples, dict):
        for name, ex in examples.items():
            at = f"{pointer}/examples/{escape(str(name))}"
            target = ex
            if isinstance(ex, dict) and isinstance(ex.get("$ref"), str):
                loc, why = built.docs.resolve(file, ex["$ref"])
                target = loc.node if loc is not None else None
                if loc is None:
                    out.append(
                        Example(file, at, where, schema, None, f"unresolved: {why}")
                    )
                    continue
            if isinstance(target, dict) and "value" in target:
                out.append(Example(file, at, where, schema, target["value"], note))
            elif isinstance(target, dict) and "externalValue" in target:
                out.append(Example(file, at, where, schema, None, "an external value"))
            else:
                out.append(Example(file, at, where, schema, None, "no value"))


PLACEHOLDER = re.compile(r"\.\.\.|(?:one|any|all)Of\[\d+\]")


def placeholders(value: Any) -> list[str]:
    """The placeholder strings in an example (``"..."``, ``"oneOf[1]"``): where a test spec marks
    "some value here" instead of giving one, so the example contradicts its schema."""
    if isinstance(value, str):
        return [value] if PLACEHOLDER.fullmatch(value) else []
    if isinstance(value, list):
        return [p for v in value for p in placeholders(v)]
    if isinstance(value, dict):
        return [p for v in value.values() for p in placeholders(v)]
    return []


# ---------------------------------------------------------------- types at run time


class Types:
    """Python types for IR types, from the generated package (imported from ``out``)."""

    def __init__(self, result, package: str, kind: str) -> None:
        self.result = result
        self.package = package
        self.kind = kind
        self.by_key = result.package.by_key()
        self.anchor = result.package.models[0]
        self.cache: dict[str, tuple[str, Any]] = {}

    def of(self, t: ir.TypeExpr) -> tuple[str, Any]:
        """(annotation text, the type)."""
        ctx = ModuleContext(self.anchor, self.by_key, {}, self.result.naming, self.kind)
        text = ctx.ann(t, runtime=True, quote="")
        if text in self.cache:
            return self.cache[text]
        lines = [f"import {m}" for m in sorted(ctx.imports.modules)]
        for mod, names in (
            ("typing", ctx.imports.typing),
            ("typing_extensions", ctx.imports.typing_extensions),
            ("pydantic", ctx.imports.pydantic),
        ):
            if names:
                lines.append(f"from {mod} import {', '.join(sorted(names))}")
        if ctx.imports.runtime:
            names = ", ".join(sorted(ctx.imports.runtime))
            lines.append(f"from {self.package}._runtime import {names}")
        lines.append("from typing import Any, ForwardRef, Optional, Union")
        for key, local in ctx.locals.items():
            if key == self.anchor.key and local not in text:
                continue
            names = self.result.naming[key]
            lines.append(
                f"from {self.package}.{names.module} import {names.class_name} as {local}"
            )
        lines.append(f"T = {text}")
        space: dict[str, Any] = {"__name__": f"{self.package}._examples"}
        exec("\n".join(lines), space)  # noqa: S102 - generated from our own IR
        self.cache[text] = (text, space["T"])
        return self.cache[text]


def for_dataclasses(tp: Any, value: Any) -> Any:
    """A JSON value as pydantic validates it into the generated dataclasses: pydantic reads a
    dataclass field's ``metadata`` as ``Field`` arguments (the JSON name as ``alias``, the
    constraints), but knows no additional properties; so the keys no field names are gathered
    into the field that holds them (under its alias), following the type."""
    import dataclasses
    import typing

    import pydantic

    tp = _unalias(tp)
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return for_dataclasses(typing.get_args(tp)[0], value)
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        hints = typing.get_type_hints(tp, include_extras=True)
        fields = dataclasses.fields(tp)
        extra = next((f for f in fields if f.metadata.get("extra")), None)
        by_json = {f.metadata.get("alias", f.name): f for f in fields if f is not extra}
        out: dict[str, Any] = {}
        more: dict[str, Any] = {}
        for k, v in value.items():
            f = by_json.get(k)
            if f is not None:
                out[k] = for_dataclasses(hints[f.name], v)
            else:
                more[k] = v
        if extra is not None:
            (vt,) = typing.get_args(hints[extra.name])[1:]
            name = extra.metadata.get("alias", extra.name)
            out[name] = {k: for_dataclasses(vt, v) for k, v in more.items()}
        return out
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(tp) or (Any,)
        return [for_dataclasses(item, v) for v in value]
    if origin is dict and isinstance(value, dict):
        vt = typing.get_args(tp)[1] if typing.get_args(tp) else Any
        return {k: for_dataclasses(vt, v) for k, v in value.items()}
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for member in typing.get_args(tp):
            converted = for_dataclasses(member, value)
            try:
                pydantic.TypeAdapter(member).validate_json(json.dumps(converted))
            except Exception:  # noqa: BLE001 - try the next member
                continue
            return converted
    return value


def _unalias(tp: Any) -> Any:
    import typing

    while True:
        if isinstance(tp, typing.ForwardRef):
            tp = typing._eval_type(tp, {}, {})  # type: ignore[attr-defined]
        elif type(tp).__name__ == "TypeAliasType":
            tp = tp.__value__
        else:
            return tp


# ---------------------------------------------------------------- running


def run(
    specs: Path,
    out: Path,
    kinds: tuple[str, ...] = ("pydantic", "dataclasses"),
    package: str = "models",
) -> Report:
    import pydantic

    specs = Path(specs)
    report = Report(str(specs))
    t = time.perf_counter()
    built = spec_files(specs)
    report.examples = collect(built)
    report.seconds["collect"] = time.perf_counter() - t
    for kind in kinds:
        t = time.perf_counter()
        target = out / kind
        result = generate(specs, target, kind=kind, package=package)
        errors = [str(d) for d in result.diagnostics if d.severity.name == "ERROR"]
        report.errors += errors
        if errors:
            continue
        sys.path.insert(0, str(target))
        try:
            for name in [m for m in sys.modules if m.split(".")[0] == package]:
                del sys.modules[name]
            importlib.invalidate_caches()
            types = Types(result, package, kind)
            adapters: dict[str, Any] = {}
            for ex in report.examples:
                if ex.note:
                    report.outcomes.append(
                        Outcome(ex, kind, "unchecked", error=ex.note)
                    )
                    continue
                text, tp = types.of(built.types[ex.schema])
                try:
                    if text not in adapters:
                        adapters[text] = pydantic.TypeAdapter(tp)
                    payload = json.dumps(ex.value, ensure_ascii=False)
                    if kind == "dataclasses":
                        payload = json.dumps(for_dataclasses(tp, ex.value))
                    adapters[text].validate_json(payload)
                except pydantic.ValidationError as exc:
                    first = exc.errors()[0]
                    loc = ".".join(str(x) for x in first["loc"])
                    report.outcomes.append(
                        Outcome(
                            ex,
                            kind,
                            "failed",
                            text,
                            f"{loc}: {first['msg']} [{first['type']}]",
                        )
                    )
                    continue
                report.outcomes.append(Outcome(ex, kind, "ok", text))
        finally:
            sys.path.remove(str(target))
            for name in [m for m in sys.modules if m.split(".")[0] == package]:
                del sys.modules[name]
        report.seconds[kind] = time.perf_counter() - t
    return report


def print_report(report: Report, kinds: tuple[str, ...], show: int = 10) -> None:
    print(f"specs: {report.specs}")
    for e in report.errors[:20]:
        print(f"  error: {e}")
    where = Counter(e.where for e in report.examples)
    print(
        f"examples: {len(report.examples)} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(where.items()))
        + f"); collected in {report.seconds.get('collect', 0):.2f}s"
    )
    for kind in kinds:
        c = report.counts(kind)
        print(
            f"{kind}: {c['ok']}/{c['checked']} validated (rate {report.rate(kind):.4f}), "
            f"{c['failed']} failed, {c['unchecked']} not checked; {report.seconds.get(kind, 0):.1f}s"
        )
        bad = [o for o in report.outcomes if o.kind == kind and o.status != "ok"]
        classes = Counter(
            (
                o.error
                if o.status == "unchecked"
                else (
                    "failed: a placeholder where a value belongs"
                    if placeholders(o.example.value)
                    else "failed: other"
                )
            )
            for o in bad
        )
        for what, n in classes.most_common():
            print(f"  {n} {what}")
        for o in bad[:show]:
            ex = o.example
            value = json.dumps(ex.value, ensure_ascii=False)
            value = value if len(value) < 60 else value[:57] + "..."
            print(
                f"  {o.status}: {ex.file}#{ex.pointer} ({ex.where}) {o.model}: {o.error}; "
                f"example {value}"
            )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("specs", type=Path)
    p.add_argument(
        "--kind", choices=("pydantic", "dataclasses", "both"), default="both"
    )
    p.add_argument("--show", type=int, default=10, help="failures to print per kind")
    p.add_argument("--json", type=Path, help="write every outcome as JSON")
    args = p.parse_args(argv)
    kinds = ("pydantic", "dataclasses") if args.kind == "both" else (args.kind,)
    tmp = Path(tempfile.mkdtemp(prefix="gen-models-oa-examples-"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = run(args.specs, tmp, kinds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_report(report, kinds, args.show)
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "kind": o.kind,
                        "status": o.status,
                        "file": o.example.file,
                        "pointer": o.example.pointer,
                        "where": o.example.where,
                        "model": o.model,
                        "error": o.error,
                    }
                    for o in report.outcomes
                ],
                indent=1,
            )
        )
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
