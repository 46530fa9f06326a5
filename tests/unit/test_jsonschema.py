"""``--emit jsonschema``: the IR as one JSON Schema 2020-12 document. It is valid against the
2020-12 metaschema, and on the golden inputs and an OpenAPI spec of every construct, the
generated pydantic models and the document agree on good and bad instances, but for the one
leniency the README states (``null`` for an optional property that is not nullable)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import generate, ir
from generator.options import OptionError, Options
from generator.render.jsonschema import def_names, document, dumps, schema

from .helpers import ROOT, run_cli
from .test_openapi_frontend import PET

jsonschema = pytest.importorskip("jsonschema")

GOLDEN = ROOT / "tests" / "golden"
GOLDEN_INPUTS = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())


def _spec_dir(tmp_path: Path) -> Path:
    d = tmp_path / "spec"
    d.mkdir()
    (d / "api.json").write_text(json.dumps(PET))
    return d


def _inputs(tmp_path: Path) -> list[tuple[str, Path]]:
    return [(c, GOLDEN / c / "input") for c in GOLDEN_INPUTS] + [
        ("openapi", _spec_dir(tmp_path))
    ]


# ---------------------------------------------------------------- the document


def test_types_map_to_2020_12_keywords():
    names = {ir.ModelKey("", "Pet"): "Pet"}
    s = ir.Prim("string", "date", ir.Constraints(min_length=1, pattern="^a"))
    assert schema(s, names) == {
        "type": "string",
        "format": "date",
        "minLength": 1,
        "pattern": "^a",
    }
    assert schema(ir.Nullable(ir.STRING), names) == {"type": ["string", "null"]}
    assert schema(ir.Nullable(ir.Ref(ir.ModelKey("", "Pet"))), names) == {
        "anyOf": [{"$ref": "#/$defs/Pet"}, {"type": "null"}]
    }
    assert schema(ir.Nullable(ir.Lit("x")), names) == {
        "anyOf": [{"const": "x"}, {"type": "null"}]
    }
    assert schema(ir.Nullable(ir.ANY), names) == {}
    assert schema(ir.NULL, names) == {"type": "null"}  # null and nothing else
    assert schema(
        ir.ListOf(ir.INTEGER, ir.Constraints(min_items=1, unique_items=True)), names
    ) == {
        "type": "array",
        "items": {"type": "integer"},
        "minItems": 1,
        "uniqueItems": True,
    }
    assert schema(ir.DictOf(ir.NUMBER), names) == {
        "type": "object",
        "additionalProperties": {"type": "number"},
    }
    bounds = ir.Prim("number", "", ir.Constraints(exclusive_maximum=100.0, minimum=0.5))
    assert schema(bounds, names) == {
        "type": "number",
        "minimum": 0.5,
        "exclusiveMaximum": 100,
    }
    assert schema(ir.Prim("string", "byte"), names)["contentEncoding"] == "base64"


def test_the_constructs_of_an_openapi_spec(tmp_path):
    r = generate(_spec_dir(tmp_path), write=False, emit="jsonschema")
    assert r.ok, [str(d) for d in r.diagnostics]
    assert [p for p, _ in r.files] == ["models.schema.json"]
    doc = json.loads(r.files[0][1])
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    defs = doc["$defs"]
    pet = defs["Pet"]
    assert pet["required"] == ["name", "kind"]
    props = pet["properties"]
    assert props["name"] == {
        "type": "string",
        "minLength": 1,
        "maxLength": 20,
        "pattern": "^[a-z]+$",
    }
    assert props["kind"] == {"$ref": "#/$defs/Kind"}
    assert props["age"] == {
        "type": "integer",
        "minimum": 0,
        "exclusiveMaximum": 100,
        "default": 1,
    }
    assert props["tags"]["type"] == ["array", "null"]
    assert props["tags"]["uniqueItems"] is True
    assert props["id"] == {"type": "string", "format": "uuid"}
    assert props["not-an-identifier"] == {
        "type": "boolean",
        "deprecated": True,
        "readOnly": True,
    }
    assert props["fixed"] == {"const": "x"}
    assert props["meta"]["additionalProperties"] == {"type": "integer"}
    assert props["anything"] == {}
    assert defs["Kind"] == {"type": "string", "enum": ["cat", "dog"]}
    assert defs["PetStatus"]["anyOf"] == [{"enum": ["a", "b"]}, {"type": "string"}]
    assert defs["Animal"]["oneOf"] == [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]
    assert defs["Animal"]["discriminator"] == {
        "propertyName": "kind",
        "mapping": {"cat": "#/$defs/Cat", "dog": "#/$defs/Dog"},
    }
    assert defs["Maybe"] == {"type": ["string", "null"]}
    # every $ref names a $defs entry
    refs = set(re.findall(r'"\$ref": "#/\$defs/([^"]+)"', r.files[0][1]))
    assert refs and refs <= set(defs)


def test_null_alone_and_a_union_that_holds_null():
    r = generate(GOLDEN / "oa_unions" / "input", write=False, emit=("jsonschema",))
    assert r.ok
    defs = json.loads(r.files[0][1])["$defs"]
    assert defs["NoValue"] == {"type": "null"}
    assert defs["IdOrName"]["anyOf"] == [
        {"type": "integer"},
        {"type": "string"},
        {"type": "null"},
    ]
    # a discriminated union's null is beside its tagged members, not one of them
    tagged, null = defs["MaybeShape"]["anyOf"]
    assert (
        null == {"type": "null"} and tagged["discriminator"]["propertyName"] == "kind"
    )
    assert tagged["oneOf"] == [{"$ref": "#/$defs/Circle"}, {"$ref": "#/$defs/Square"}]


def test_null_is_said_once_where_a_union_holds_it():
    # a field that may be null, of a union type that holds null already: the reference alone
    # (msgspec and typeddict, made from this document, say ``x: IdOrName``, not ``| None``)
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Val": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                "Text": {"type": "string"},
                "Holder": {
                    "type": "object",
                    "required": ["a"],
                    "properties": {
                        "a": {"$ref": "#/components/schemas/Val"},
                        "b": {"anyOf": [{"$ref": "#/components/schemas/Val"}]},
                        "c": {
                            "anyOf": [
                                {"$ref": "#/components/schemas/Text"},
                                {"type": "null"},
                            ]
                        },
                    },
                },
            }
        },
    }
    r = generate({"api.json": json.dumps(spec)}, write=False, emit=("jsonschema",))
    assert r.ok, r.diagnostics
    props = json.loads(r.files[0][1])["$defs"]["Holder"]["properties"]
    assert props["a"] == props["b"] == {"$ref": "#/$defs/Val"}
    # a model that does not hold null keeps its null beside it
    assert props["c"] == {"anyOf": [{"$ref": "#/$defs/Text"}, {"type": "null"}]}
    key = ir.ModelKey("", "Val")
    val = ir.UnionModel(
        key, "", None, ir.Source("api.json", 1), members=(ir.STRING, ir.NULL)
    )
    names = {key: "Val"}
    nullable = ir.Nullable(ir.Ref(key))
    assert schema(nullable, names, {key: val}) == {"$ref": "#/$defs/Val"}
    assert schema(nullable, names) == {
        "anyOf": [{"$ref": "#/$defs/Val"}, {"type": "null"}]
    }


@pytest.mark.parametrize("case", GOLDEN_INPUTS)
def test_golden_inputs_give_valid_documents(case):
    r = generate(GOLDEN / case / "input", write=False, emit=("jsonschema",))
    assert r.ok
    doc = json.loads(dict(r.files)["models.schema.json"])
    jsonschema.Draft202012Validator.check_schema(doc)
    assert len(doc["$defs"]) == len(r.package.models)


def test_class_names_two_namespaces_share_take_their_namespace():
    src = ir.Source("a.md")
    a = ir.ObjectModel(ir.ModelKey("components", "Pet"), "", None, src)
    b = ir.ObjectModel(ir.ModelKey("operations", "Pet"), "", None, ir.Source("b.md"))
    c = ir.ObjectModel(
        ir.ModelKey("operations", "Owner"),
        "",
        None,
        ir.Source("c.md"),
        fields=(ir.Field("pet", ir.Ref(a.key), True, src),),
    )
    from generator.render.naming import name_package

    package = ir.package([a, b, c])
    naming = name_package(package, "pydantic")
    assert sorted(def_names(package, naming).values()) == [
        "ComponentsPet",
        "OperationsPet",
        "Owner",
    ]
    doc = document(package, naming)
    assert doc["$defs"]["Owner"]["properties"]["pet"] == {
        "$ref": "#/$defs/ComponentsPet"
    }


def test_input_text_cannot_hide_in_the_document():
    src = ir.Source("a.md")
    m = ir.ObjectModel(
        ir.ModelKey("", "Pet"),
        'evil\u202e"}, "x": {\x1b[2J\x85',
        None,
        src,
        fields=(
            ir.Field("a", ir.STRING, False, src, default=ir.Value.of(float("inf"))),
        ),
    )
    from generator.render.naming import name_package

    package = ir.package([m])
    text = dumps(document(package, name_package(package, "pydantic")))
    assert "\u202e" not in text and "\x1b" not in text and "\x85" not in text
    assert "\\u202e" in text and "\\u001b" in text and "\\u0085" in text
    back = json.loads(text)  # valid JSON: no Infinity
    assert back["$defs"]["Pet"]["description"] == m.description
    assert "default" not in back["$defs"]["Pet"]["properties"]["a"]


def test_emit_is_checked_and_deterministic(tmp_path):
    assert Options(emit="models, jsonschema").emit == ("models", "jsonschema")
    assert Options().emit == ("models", "docs")
    assert Options(docs=False).emit == ("models",)
    assert Options(emit=("jsonschema", "docs", "models")).emit == (
        "models",
        "docs",
        "jsonschema",
    )
    assert Options(kind="msgspec").emit == ("models",)
    for bad in ("", "model", ("models", "pdf")):
        with pytest.raises(OptionError):
            Options(emit=bad)
    with pytest.raises(OptionError):
        Options(kind="typeddict", emit="docs")
    with pytest.raises(TypeError):
        Options(emit=3)
    spec = _spec_dir(tmp_path)
    env = {"PYTHONHASHSEED": "1"}
    outs = []
    for seed in ("1", "2"):
        env["PYTHONHASHSEED"] = seed
        out = tmp_path / f"out{seed}"
        proc = run_cli(spec, out, "--emit", "jsonschema", "--emit", "models", env=env)
        assert proc.returncode == 0, proc.stderr
        outs.append((out / "models.schema.json").read_bytes())
        assert (out / "models" / "__init__.py").is_file()
        assert not (out / "docs").exists()
    assert outs[0] == outs[1]


def test_emit_in_pyproject(tmp_path):
    spec = _spec_dir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.gen-models]\nspecs = "{spec.name}"\nout = "out"\nemit = ["jsonschema"]\n'
    )
    proc = subprocess.run(
        [sys.executable, "-m", "generator"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".gen-models",
        "models.schema.json",
    ]
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.gen-models]\nspecs = "{spec.name}"\nout = "out"\nemit = ["pdf"]\n'
    )
    proc = subprocess.run(
        [sys.executable, "-m", "generator"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "[config-value]" in proc.stderr


# ---------------------------------------------------------------- pydantic and the document agree

FORMAT_SAMPLES = {
    "date": "2024-01-02",
    "date-time": "2024-01-02T03:04:05Z",
    "time": "03:04:05",
    "duration": "P1D",
    "uuid": "12345678-1234-5678-1234-567812345678",
    "email": "a@example.com",
    "uri": "https://example.com/",
    "byte": "aGk=",
    "binary": "hi",
    "decimal": "1.5",
}
_SKIP = object()  # no sample (a pattern we cannot satisfy, required recursion)


def _fits(v, c: ir.Constraints) -> bool:
    if isinstance(v, str):
        if c.min_length is not None and len(v) < c.min_length:
            return False
        if c.max_length is not None and len(v) > c.max_length:
            return False
        return c.pattern is None or re.search(c.pattern, v) is not None
    checks = (
        (c.minimum, lambda b: v >= b),
        (c.maximum, lambda b: v <= b),
        (c.exclusive_minimum, lambda b: v > b),
        (c.exclusive_maximum, lambda b: v < b),
        (c.multiple_of, lambda b: (v / b) == int(v / b)),
    )
    return all(b is None or ok(b) for b, ok in checks)


def sample(t, by_key, depth=0, full=False):
    """A JSON value of type ``t`` (``_SKIP`` when we cannot make one)."""
    if depth > 6:
        return None if isinstance(t, ir.Nullable) else _SKIP
    if isinstance(t, ir.Prim):
        c = t.constraints
        if t.kind == "any":
            return {"any": 1}
        if t.kind == "boolean":
            return True
        if t.kind == "string":
            base = FORMAT_SAMPLES.get(t.format, "abc")
            for v in (base, "a", "abcdefgh", "A", "0", "a1", "x" * (c.min_length or 1)):
                if _fits(v, c):
                    return v
            return _SKIP
        for v in (1, 0, 2, 10, 100, -1, c.minimum, c.maximum, 1.5):
            if v is None or (t.kind == "integer" and v != int(v)):
                continue
            v = int(v) if t.kind == "integer" else v
            if _fits(v, c):
                return v
        return _SKIP
    if isinstance(t, ir.Lit):
        return t.value
    if isinstance(t, ir.Null):
        return None
    if isinstance(t, ir.ListOf):
        item = sample(t.item, by_key, depth + 1, full)
        n = max(t.constraints.min_items or 1, 1)
        return _SKIP if item is _SKIP or n > 1 else [item]
    if isinstance(t, ir.DictOf):
        v = sample(t.value, by_key, depth + 1, full)
        return _SKIP if v is _SKIP else {"k": v}
    if isinstance(t, ir.Nullable):
        v = sample(t.inner, by_key, depth, full)
        return None if v is _SKIP else v
    if isinstance(t, ir.UnionOf):
        for m in t.members:
            v = sample(m, by_key, depth, full)
            if v is not _SKIP:
                return v
        return _SKIP
    m = by_key[t.key]
    return model_sample(m, by_key, depth + 1, full)


def model_sample(m, by_key, depth=0, full=False):
    if isinstance(m, ir.EnumModel):
        return m.members[0].value if m.members else _SKIP
    if isinstance(m, ir.UnionModel):
        if not m.known:
            return {"any": 1}
        return sample(ir.UnionOf(m.members), by_key, depth, full)
    out = {}
    for f in m.fields:
        if not (f.required or full):
            continue
        v = sample(f.type, by_key, depth, full and depth < 2)
        if v is _SKIP:
            if f.required:
                return _SKIP
            continue
        out[f.name] = v
    return out


def wrong(t, by_key):
    """A value neither side should accept for ``t`` (None when every value fits)."""
    if isinstance(t, ir.Nullable):
        return wrong(t.inner, by_key)
    if isinstance(t, ir.Prim):
        if t.kind == "any":
            return None
        return {"not": "a string"} if t.kind == "string" else "not a value"
    if isinstance(t, ir.Lit):
        return "another" if t.value != "another" else "x"
    if isinstance(t, ir.Null):
        return "not null"
    if isinstance(t, (ir.ListOf, ir.DictOf)):
        return "not a container"
    if isinstance(t, ir.UnionOf):
        return None
    m = by_key[t.key]
    if isinstance(m, ir.EnumModel):
        return None if m.open else "__not_a_member__"
    if isinstance(m, ir.UnionModel):
        return None
    return "not an object"


def instances(package: ir.Package):
    """(model key, label, instance) triples: good ones and mutations of them."""
    by_key = package.by_key()
    for m in package.models:
        for full in (False, True):
            good = model_sample(m, by_key, full=full)
            if good is _SKIP:
                continue
            yield m.key, f"good{'-full' if full else ''}", good
            if not isinstance(m, ir.ObjectModel) or full:
                continue
            for f in m.fields:
                if f.required:
                    yield m.key, f"missing {f.name}", {
                        k: v for k, v in good.items() if k != f.name
                    }
                bad = wrong(f.type, by_key)
                if bad is not None:
                    yield m.key, f"wrong {f.name}", {**good, f.name: bad}
                if not isinstance(f.type, (ir.Nullable, ir.Null)) and f.type != ir.ANY:
                    yield m.key, f"null {f.name}", {**good, f.name: None}
        if isinstance(m, ir.EnumModel) and not m.open:
            yield m.key, "not a member", "__not_a_member__"
        if isinstance(m, ir.ObjectModel):
            yield m.key, "not an object", [1]


CHECK = r"""
import importlib, json, sys
import jsonschema, pydantic
cases = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
validators = {}
out = []
for module, cls, def_name, label, inst in cases:
    obj = getattr(importlib.import_module(module), cls)
    try:
        pydantic.TypeAdapter(obj).validate_json(json.dumps(inst))
        py = True
    except pydantic.ValidationError:
        py = False
    if def_name not in validators:
        validators[def_name] = jsonschema.Draft202012Validator(
            {"$ref": "#/$defs/" + def_name, "$defs": doc["$defs"]}
        )
    js = validators[def_name].is_valid(inst)
    out.append([def_name, label, py, js])
print(json.dumps(out))
"""


@pytest.mark.parametrize("case", GOLDEN_INPUTS + ["openapi"])
def test_pydantic_and_the_document_agree(tmp_path, case):
    src = dict(_inputs(tmp_path))[case]
    r = generate(src, tmp_path / "out", emit="models,jsonschema")
    assert r.ok, [str(d) for d in r.diagnostics]
    names = def_names(r.package, r.naming)
    cases = []
    for key, label, inst in instances(r.package):
        n = r.naming[key]
        cases.append(["models." + n.module, n.class_name, names[key], label, inst])
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            CHECK,
            str(tmp_path / "cases.json"),
            str(tmp_path / "out" / "models.schema.json"),
        ],
        cwd=tmp_path / "out",
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    verdicts = json.loads(proc.stdout)
    good = [v for v in verdicts if v[1].startswith("good")]
    bad = [v for v in verdicts if not v[1].startswith("good")]
    # the samples are good and the mutations bad for most models (else the test says little)
    assert sum(v[2] and v[3] for v in good) >= 0.8 * len(good) > 0
    assert sum(not v[2] and not v[3] for v in bad) >= 0.5 * len(bad) > 0
    by_key = r.package.by_key()
    optional = {
        (names[m.key], f"null {f.name}")
        for m in r.package.models
        if isinstance(m, ir.ObjectModel)
        for f in m.fields
        if not f.required
    }
    # a required constant defaults to its value, so pydantic takes an object without it
    constants = {
        (names[m.key], f"missing {f.name}")
        for m in r.package.models
        if isinstance(m, ir.ObjectModel)
        for f in m.fields
        if f.required and isinstance(f.type, ir.Lit)
    }
    # the stated leniencies: pydantic takes null for an optional, non-nullable property, and
    # fills in a missing constant
    disagree = [v for v in verdicts if v[2] != v[3]]
    unexplained = [
        v
        for v in disagree
        if not (v[2] and ((v[0], v[1]) in optional or (v[0], v[1]) in constants))
    ]
    assert unexplained == [], unexplained[:10]
    assert by_key  # the package was not empty
