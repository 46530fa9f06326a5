"""gen-models against datamodel-code-generator on the same OpenAPI specs, schema by schema:
``python benchmarks/differential.py [SPEC ...]`` (default: the orq spec and the gentests specs of
the corpora cache).

Both tools generate pydantic v2 models of the spec with their default settings
(``datamodel-codegen --input SPEC --input-file-type openapi``, ``gen-models SPEC OUT``). Each
output is imported in a fresh interpreter (a module it imports that is not installed, such as
``ulid`` for datamodel-code-generator's ``format: ulid``, is stubbed) and every
``components/schemas`` entry is described the same way from its class: an object's fields by JSON
name with their requiredness and type, an enum's values, an alias's type. Types are normalized:
``Annotated`` and constraints dropped, unions as sets, ``None`` as ``null`` (and dropped from
optional fields, where both tools add it), lists, maps, literals, enums by their values, classes
of other component schemas by the schema's name, other classes as ``object``, format types by
their class name. Then each schema is compared under its name, and every disagreement is put in
one kind (the first that applies):

- ``dropped by dcg`` / ``missing in gen-models``: the schema has no class on that side;
- ``kind``: object on one side, enum or alias on the other;
- ``fields``: the two objects have different JSON names (allOf merging, properties beside oneOf);
- ``required``: a field is required on one side only (not compared for a constant that
  defaults to its value: gen-models gives every constant its value as default, required or not);
- ``nullable``: a required field's types differ only by ``null``;
- ``format``: the types differ only where one side has ``str`` and the other a format type
  (``AnyUrl``, ``EmailStr``, ``ULID``, ``datetime``...) or ``int``/``float`` differ;
- ``union``: both are unions (or one is) with different members;
- ``enum values``, ``literal``: enum or constant values differ, or one side has a literal and
  the other an enum;
- ``type``: any other type difference.

The agreement figure is the share of component schemas whose description is the same on both
sides. ``tests/test_differential.py`` holds the figures measured here as floors.

A spec datamodel-code-generator rejects as a whole (the gentests ``test.yaml``: a ``required``
list written under ``properties`` in ``components.yaml``) is reported, then compared on a copy
with that list moved to the schema's ``required`` (both tools get the copy).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# ---------------------------------------------------------------- describing the classes

DESCRIBE = r'''
import enum, importlib, json, sys, types, typing
import pydantic, pydantic.networks

# EmailStr needs email-validator to build a schema (not to be described): not needed here
pydantic.networks.import_email_validator = lambda: None

def stub_class(name, module):
    """A class pydantic takes as any value, named as the missing one (``ULID``)."""
    from pydantic_core import core_schema
    hook = classmethod(lambda cls, source, handler: core_schema.any_schema())
    return type(name, (), {"__module__": module, "__get_pydantic_core_schema__": hook})

def stub_missing(module_name):
    """Import ``module_name``; a module it imports that is not installed becomes a stub."""
    for _ in range(20):
        try:
            return importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is None or exc.name == module_name or exc.name.startswith(module_name + "."):
                raise
            stub = types.ModuleType(exc.name)
            stub.__getattr__ = lambda attr, _n=exc.name: stub_class(attr, _n)
            sys.modules[exc.name] = stub
            for name in [m for m in sys.modules if m == module_name or m.startswith(module_name + ".")]:
                del sys.modules[name]
    raise SystemExit("too many missing modules")

request = json.load(open(sys.argv[1]))
classes = {}  # id(class) -> component schema name
objects = {}
for schema, (module, attr) in request["schemas"].items():
    mod = stub_missing(module)
    obj = getattr(mod, attr)
    objects[schema] = obj
    classes[id(obj)] = schema

def resolve(t, ns):
    """A forward reference (a string, ``ForwardRef``) evaluated in the module ``ns``."""
    text = t.__forward_arg__ if isinstance(t, typing.ForwardRef) else t
    try:
        return eval(text, ns)
    except Exception:
        return None

def norm(t, top=False, ns=None):
    if isinstance(t, (str, typing.ForwardRef)):
        found = resolve(t, ns or {})
        return "forward:" + str(t) if found is None else norm(found, top, ns)
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if t is None or t is type(None):
        return "null"
    if t is typing.Any or t is object:
        return "any"
    if isinstance(t, typing.TypeAliasType if hasattr(typing, "TypeAliasType") else ()) or type(t).__name__ == "TypeAliasType":
        if not top and id(t) in classes:
            return ["ref", classes[id(t)]]
        return norm(t.__value__, ns=vars(sys.modules[t.__module__]))
    if origin is typing.Annotated:
        return norm(args[0], top, ns)
    if origin is typing.Union or origin is types.UnionType:
        members = []
        for a in args:
            n = norm(a, ns=ns)
            for m in (n[1] if isinstance(n, list) and n[0] == "union" else [n]):
                if m not in members:
                    members.append(m)
        members.sort(key=json.dumps)
        if "any" in members:
            return "any"
        return members[0] if len(members) == 1 else ["union", members]
    if origin is typing.Literal:
        return ["literal", sorted(json.dumps(a) for a in args)]
    if origin in (list, set, frozenset, tuple) or (isinstance(origin, type) and issubclass(origin, (list, set, tuple))):
        return ["list", norm(args[0], ns=ns) if args else "any"]
    if origin is dict or (isinstance(origin, type) and issubclass(origin, dict)):
        return ["dict", norm(args[1], ns=ns) if len(args) > 1 else "any"]
    if origin is not None:
        return norm(origin, ns=ns)
    if isinstance(t, type):
        if not top and id(t) in classes:
            return ["ref", classes[id(t)]]
        if issubclass(t, enum.Enum):
            return ["enum", sorted(json.dumps(m.value) for m in t)]
        if issubclass(t, pydantic.RootModel):
            return norm(t.model_fields["root"].annotation, ns=vars(sys.modules[t.__module__]))
        if issubclass(t, pydantic.BaseModel):
            return "object"
        if t is list:
            return ["list", "any"]
        if t is dict:
            return ["dict", "any"]
        for base in (bool, int, float, str, bytes):
            if t is base:
                return base.__name__
        return t.__name__
    return repr(t)

def describe(obj):
    if isinstance(obj, type) and issubclass(obj, enum.Enum):
        return {"kind": "enum", "values": sorted(json.dumps(m.value) for m in obj)}
    if isinstance(obj, type) and issubclass(obj, pydantic.RootModel):
        ns = vars(sys.modules[obj.__module__])
        return describe_alias(obj.model_fields["root"].annotation, ns)
    if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel):
        obj.model_rebuild()
        fields = {}
        for name, f in obj.model_fields.items():
            wire = f.alias or name
            required = f.is_required()
            t = norm(f.annotation, ns=vars(sys.modules[obj.__module__]))
            if not required:  # both tools add None to optional fields
                if isinstance(t, list) and t[0] == "union":
                    rest = [m for m in t[1] if m != "null"]
                    t = rest[0] if len(rest) == 1 else ["union", rest]
                elif t == "null":
                    t = "any"
            args = typing.get_args(f.annotation)
            if (
                typing.get_origin(f.annotation) is typing.Literal
                and len(args) == 1
                and f.default == args[0]
            ):
                required = "constant"  # gen-models defaults every constant to its value
            fields[wire] = [required, t]
        return {"kind": "object", "fields": fields}
    return describe_alias(obj)

def describe_alias(t, ns=None):
    n = norm(t, top=True, ns=ns)
    if isinstance(n, list) and n[0] == "enum":
        return {"kind": "enum", "values": n[1]}
    return {"kind": "alias", "type": n}

out = {}
for schema, obj in objects.items():
    try:
        out[schema] = describe(obj)
    except Exception as exc:
        out[schema] = {"kind": "error", "error": f"{type(exc).__name__}: {exc}"}
print(json.dumps(out))
'''


def describe(root: Path, schemas: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """Descriptions of the classes ``schemas`` names (schema -> (module, attribute)), imported
    from ``root`` in a fresh interpreter."""
    request = root / "describe-request.json"
    request.write_text(json.dumps({"schemas": schemas}))
    proc = subprocess.run(
        [sys.executable, "-c", DESCRIBE, str(request)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    if proc.returncode != 0:
        raise RuntimeError(f"describing {root} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


# ---------------------------------------------------------------- running the tools


def component_names(spec: Path) -> list[str]:
    """The ``components/schemas`` names of the spec and of the files beside it (which its
    ``$ref``s may name), first seen first."""
    names: dict[str, None] = {}
    files = [spec] + sorted(
        f
        for f in spec.parent.iterdir()
        if f.suffix in (".yaml", ".yml", ".json") and f != spec
    )
    for f in files:
        doc = yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if isinstance(doc, dict):
            schemas = (doc.get("components") or {}).get("schemas") or {}
            names.update(dict.fromkeys(schemas))
    return list(names)


def run_dcg(spec: Path, out: Path) -> tuple[dict[str, tuple[str, str]], str]:
    """datamodel-codegen with default settings: schema name -> (module, class), or its error."""
    exe = Path(sys.executable).parent / "datamodel-codegen"
    cmd = [str(exe) if exe.exists() else "datamodel-codegen"]
    cmd += ["--input", str(spec), "--input-file-type", "openapi"]
    cmd += ["--emit-model-metadata", str(out / "dcg_meta.json"), "--output"]
    proc = subprocess.run(
        cmd + [str(out / "dcg_models.py")], capture_output=True, text=True
    )
    if proc.returncode != 0 and "require an output directory" in proc.stderr:
        # references to other files: it writes a package
        proc = subprocess.run(
            cmd + [str(out / "dcg_models")], capture_output=True, text=True
        )
    if proc.returncode != 0:
        lines = [
            x
            for x in proc.stderr.splitlines()
            if x.strip() and not x.startswith(" ") and "Warning" not in x
        ]
        return {}, " ".join(lines[:2])[:300]
    meta = json.loads((out / "dcg_meta.json").read_text())
    found = {}
    for m in meta["models"]:
        path = m.get("source_path") or []
        if len(path) == 3 and path[:2] == ["components", "schemas"]:
            module = "dcg_models" + (f".{m['module']}" if m.get("module") else "")
            found.setdefault(path[2], (module, m["class_name"]))
    return found, ""


def run_gen_models(spec_dir: Path, out: Path) -> dict[str, tuple[str, str]]:
    """gen-models (pydantic, default settings): schema name -> (module, class)."""
    from generator import generate

    r = generate(spec_dir, out, docs=False, package="gm_models")
    errors = [str(d) for d in r.diagnostics if d.severity.name == "ERROR"]
    if errors:
        raise RuntimeError("gen-models failed: " + "; ".join(errors[:3]))
    found = {}
    for m in r.package.models:
        if m.key.namespace == "components" and m.source.pointer.count("/") == 3:
            names = r.naming[m.key]
            found[m.key.name] = ("gm_models." + names.module, names.class_name)
    return found


def repaired_copy(spec: Path, target: Path) -> list[str]:
    """Copy the spec's folder to ``target`` with every ``required`` list written under
    ``properties`` moved to the schema's ``required``; the pointers repaired."""
    fixed: list[str] = []

    def walk(node, pointer, file):
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict) and isinstance(props.get("required"), list):
                node["required"] = props.pop("required")
                fixed.append(f"{file}#{pointer}")
            for k, v in node.items():
                walk(v, f"{pointer}/{k}", file)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{pointer}/{i}", file)

    target.mkdir(parents=True)
    for f in sorted(spec.parent.iterdir()):
        if f.suffix in (".yaml", ".yml", ".json") and not f.name.startswith("."):
            doc = yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            walk(doc, "", f.name)
            (target / f.name).write_text(
                yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
            )
    return fixed


# ---------------------------------------------------------------- comparing


_NOT_FORMATS = {"any", "object", "null"}


def _leaves(t) -> list:
    if isinstance(t, list) and t[0] == "union":
        return t[1]
    return [t]


def type_kind(a, b, required: bool) -> str | None:
    """Why two normalized types differ (None when they do not)."""
    if a == b:
        return None
    la, lb = _leaves(a), _leaves(b)
    if required and [x for x in la if x != "null"] == [x for x in lb if x != "null"]:
        return "nullable"
    if isinstance(a, list) and isinstance(b, list) and a[0] == b[0]:
        if a[0] in ("list", "dict"):
            return type_kind(a[1], b[1], False)
        if a[0] == "enum":
            return "enum values"
        if a[0] == "literal":
            return "literal"
    kinds = {x[0] if isinstance(x, list) else x for x in (a, b)}
    if "literal" in kinds and "enum" in kinds:
        return "literal"
    if isinstance(a, str) and isinstance(b, str) and not {a, b} & _NOT_FORMATS:
        return "format"  # str vs EmailStr, datetime vs AwareDatetime, int vs float
    if "union" in kinds:
        return "union"
    return "type"


def compare(ours: dict, theirs: dict) -> tuple[str | None, str]:
    """(kind of disagreement or None, a short detail)."""
    if ours["kind"] == "error" or theirs["kind"] == "error":
        return "error", ours.get("error") or theirs.get("error", "")
    if ours["kind"] != theirs["kind"]:
        return "kind", f"gen-models {ours['kind']}, dcg {theirs['kind']}"
    if ours["kind"] == "enum":
        if ours["values"] == theirs["values"]:
            return None, ""
        return "enum values", f"{ours['values'][:4]} vs {theirs['values'][:4]}"
    if ours["kind"] == "alias":
        why = type_kind(ours["type"], theirs["type"], True)
        return why, "" if why is None else f"{ours['type']} vs {theirs['type']}"[:200]
    a, b = ours["fields"], theirs["fields"]
    if set(a) != set(b):
        only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        return "fields", f"only gen-models {only_a[:4]}, only dcg {only_b[:4]}"
    for name in a:
        if a[name][0] != b[name][0] and "constant" not in (a[name][0], b[name][0]):
            return "required", f"{name}: gen-models {a[name][0]}, dcg {b[name][0]}"
    for name in a:
        why = type_kind(a[name][1], b[name][1], a[name][0])
        if why is not None:
            return why, f"{name}: {a[name][1]} vs {b[name][1]}"[:200]
    return None, ""


def canonical(d):
    """A description with one-value enums written as literals (both accept exactly that value)."""
    if isinstance(d, dict):
        return {k: canonical(v) for k, v in d.items()}
    if isinstance(d, list):
        if len(d) == 2 and d[0] == "enum" and isinstance(d[1], list) and len(d[1]) == 1:
            return ["literal", d[1]]
        return [canonical(x) for x in d]
    return d


@dataclass
class Report:
    spec: str
    schemas: int = 0
    agree: int = 0
    agree_values: int = 0  # also agree when one-value enums count as literals
    fields: int = 0  # fields of objects both sides have
    fields_agree: int = 0
    kinds: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.agree / self.schemas if self.schemas else 0.0

    @property
    def field_rate(self) -> float:
        return self.fields_agree / self.fields if self.fields else 0.0

    def lines(self) -> list[str]:
        out = [f"{self.spec}: {self.schemas} component schemas"]
        out += [f"  note: {n}" for n in self.notes]
        out.append(f"  agree: {self.agree} ({100 * self.rate:.1f}%)")
        share = 100 * self.agree_values / self.schemas if self.schemas else 0.0
        out.append(
            f"  agree, a one-value enum counted as its literal: {self.agree_values} "
            f"({share:.1f}%)"
        )
        out.append(
            f"  fields of objects on both sides: {self.fields}, agree "
            f"{self.fields_agree} ({100 * self.field_rate:.1f}%)"
        )
        for kind, n in self.kinds.most_common():
            out.append(f"  {kind}: {n}")
            for ex in self.examples[kind][:3]:
                out.append(f"      e.g. {ex}")
        return out


def differential(spec: Path, work: Path) -> Report:
    """Run both tools on ``spec`` (its folder is the input of gen-models) and compare."""
    report = Report(spec.name)
    work.mkdir(parents=True, exist_ok=True)
    dcg_out, gm_out = work / "dcg", work / "gm"
    dcg_out.mkdir()
    theirs_at, error = run_dcg(spec, dcg_out)
    if error:
        report.notes.append(f"datamodel-codegen rejects the spec: {error}")
        copy = work / "repaired"
        fixed = repaired_copy(spec, copy)
        if not fixed:
            return report
        report.notes.append(
            "compared on a copy with the 'required' list under 'properties' moved to "
            "'required' at " + ", ".join(fixed)
        )
        spec = copy / spec.name
        theirs_at, error = run_dcg(spec, dcg_out)
        if error:
            report.notes.append(f"datamodel-codegen rejects the copy too: {error}")
            return report
    single = work / "gm-input"
    single.mkdir()
    for f in spec.parent.iterdir():
        if f.suffix in (".yaml", ".yml", ".json"):
            shutil.copyfile(f, single / f.name)
    ours_at = run_gen_models(single, gm_out)
    names = component_names(spec)
    report.schemas = len(names)
    ours = describe(gm_out, {n: ours_at[n] for n in names if n in ours_at})
    theirs = describe(dcg_out, {n: theirs_at[n] for n in names if n in theirs_at})
    for name in names:
        if name not in theirs:
            kind, detail = "dropped by dcg", name
        elif name not in ours:
            kind, detail = "missing in gen-models", name
        else:
            kind, detail = compare(ours[name], theirs[name])
            if ours[name]["kind"] == theirs[name]["kind"] == "object":
                a, b = ours[name]["fields"], theirs[name]["fields"]
                for f in set(a) & set(b):
                    report.fields += 1
                    same = (
                        a[f][0] == b[f][0] or "constant" in (a[f][0], b[f][0])
                    ) and type_kind(a[f][1], b[f][1], a[f][0]) is None
                    report.fields_agree += same
            detail = f"{name}: {detail}" if detail else name
        if kind is None or (
            name in ours
            and name in theirs
            and compare(canonical(ours[name]), canonical(theirs[name]))[0] is None
        ):
            report.agree_values += 1
        if kind is None:
            report.agree += 1
        else:
            report.kinds[kind] += 1
            report.examples.setdefault(kind, []).append(detail)
    return report


def default_specs() -> list[Path]:
    """The orq spec and the gentests ``test.yaml`` (unpacked into the corpora cache if needed)."""
    sys.path.insert(0, str(REPO / "tests"))
    from support.corpora import openapi_corpus

    out = []
    for corpus, name in (("orq-openapi", "orq.yaml"), ("gentests", "test.yaml")):
        try:
            out.append(openapi_corpus(corpus) / name)
        except BaseException:  # pytest's skip: the archive is not there
            pass
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("specs", nargs="*", type=Path)
    args = ap.parse_args()
    specs = args.specs or [p for p in default_specs() if p.is_file()]
    if not specs:
        sys.exit(
            "no specs: name them, or unpack the corpora (see tests/support/corpora.py)"
        )
    with tempfile.TemporaryDirectory(prefix="differential-") as tmp:
        for i, spec in enumerate(specs):
            print("\n".join(differential(spec, Path(tmp) / str(i)).lines()))


if __name__ == "__main__":
    main()
