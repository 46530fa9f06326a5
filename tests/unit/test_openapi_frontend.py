"""The OpenAPI front-end end to end on small specs the tests write: models, names, $ref,
diagnostics, stability, and how the constructs render in both kinds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import generate, ir

PET = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/pets/{id}": {
            "get": {
                "operationId": "getPet",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "pet": {"$ref": "#/components/schemas/Pet"}
                                    },
                                }
                            }
                        },
                    },
                    "404": {
                        "description": "no",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"message": {"type": "string"}},
                                }
                            }
                        },
                    },
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["name", "kind"],
                "properties": {
                    "name": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": 20,
                        "pattern": "^[a-z]+$",
                    },
                    "kind": {"$ref": "#/components/schemas/Kind"},
                    "age": {
                        "type": "integer",
                        "minimum": 0,
                        "exclusiveMaximum": 100,
                        "default": 1,
                    },
                    "status": {
                        "type": "string",
                        "enum": ["a", "b"],
                        "x-speakeasy-unknown-values": "allow",
                        "default": "a",
                    },
                    "tags": {
                        "type": ["array", "null"],
                        "items": {"type": "string", "maxLength": 5},
                        "uniqueItems": True,
                    },
                    "born": {"type": "string", "format": "date"},
                    "at": {"type": "string", "format": "time"},
                    "took": {"type": "string", "format": "duration"},
                    "price": {"type": "string", "format": "decimal"},
                    "raw": {"type": "string", "format": "binary"},
                    "id": {"type": "string", "format": "uuid"},
                    "email": {"type": "string", "format": "email"},
                    "not-an-identifier": {
                        "type": "boolean",
                        "deprecated": True,
                        "readOnly": True,
                    },
                    "parent": {"$ref": "#/components/schemas/Pet"},
                    "meta": {
                        "type": "object",
                        "additionalProperties": {"type": "integer"},
                    },
                    "anything": {},
                    "nothing": False,
                    "fixed": {"const": "x"},
                },
            },
            "Kind": {"type": "string", "enum": ["cat", "dog"]},
            "Cat": {
                "type": "object",
                "required": ["kind"],
                "properties": {"kind": {"const": "cat"}, "meow": {"type": "boolean"}},
            },
            "Dog": {
                "type": "object",
                "required": ["kind"],
                "properties": {
                    "kind": {"type": "string", "enum": ["dog"]},
                    "bark": {"type": "boolean"},
                },
            },
            "Animal": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/Dog"},
                ],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {
                        "cat": "#/components/schemas/Cat",
                        "dog": "#/components/schemas/Dog",
                    },
                },
            },
            "Named": {
                "allOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {
                        "type": "object",
                        "properties": {"name": {"type": "string"}},
                        "required": ["name"],
                    },
                ]
            },
            "Maybe": {"type": "string", "nullable": True},
            "Empty": {"type": "object", "additionalProperties": False},
        }
    },
}


def write(tmp: Path, spec: dict, name: str = "api.json") -> Path:
    d = tmp / "in"
    d.mkdir(exist_ok=True)
    (d / name).write_text(json.dumps(spec, indent=1))
    return d


def keys(result) -> set[str]:
    return {str(m.key) for m in result.package.models}


def test_models_and_names(tmp_path):
    r = generate(write(tmp_path, PET), write=False)
    assert r.ok, [str(d) for d in r.diagnostics]
    k = keys(r)
    assert {
        "components.Pet",
        "components.Kind",
        "components.Animal",
        "components.Named",
        "components.Maybe",
        "components.Empty",
    } <= k
    assert {
        "components.PetStatus",
        "operations.GetPetResponseBody",
        "errors.GetPetResponseBody",
    } <= k
    assert not any(x[-1].isdigit() for x in k)
    codes = {d.code for d in r.diagnostics}
    assert "openapi-false-schema" in codes  # 'nothing: false' is said, not dropped
    named = r.package.by_key()[ir.ModelKey("components", "Named")]
    assert [f.name for f in named.fields] == ["kind", "meow", "name"]


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_output_imports_and_validates(tmp_path, kind):
    out = tmp_path / "out"
    r = generate(write(tmp_path, PET), out, kind=kind)
    assert r.ok, [str(d) for d in r.diagnostics]
    pet = (out / "models/components/pet.py").read_text()
    if kind == "pydantic":
        assert 'min_length=1, max_length=20, pattern="^[a-z]+$"' in pet.replace(
            "\n", " "
        ).replace("  ", "")
        assert (
            "ge=0" in pet
            and "lt=100" in pet
            and "uuid.UUID" in pet
            and "datetime.timedelta" in pet
        )
        script = """
import models, uuid, pydantic
P = models.Pet
p = P.model_validate({"name": "rex", "kind": "cat", "id": str(uuid.UUID(int=1)), "status": "zzz"})
assert p.age == 1 and p.status == "zzz"
for bad in ({"name": "", "kind": "cat"}, {"name": "Rex", "kind": "cat"}, {"name": "rex", "kind": "cat", "age": 100}):
    try:
        P.model_validate(bad)
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(bad)
a = pydantic.TypeAdapter(models.Animal).validate_python({"kind": "dog", "bark": True})
assert type(a).__name__ == "Dog"
"""
    else:
        assert '"min_length": 1' in pet and '"lt": 100' in pet
        script = """
import models
p = models.Pet(name="rex", kind=models.Kind.CAT)
assert p.age == 1 and p.status == models.PetStatus.A
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=out, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "models"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout


def test_stability_editing_one_schema_changes_no_other_file(tmp_path):
    a = generate(write(tmp_path, PET), write=False)
    spec = json.loads(json.dumps(PET))
    schemas = spec["components"]["schemas"]
    schemas["Zebra"] = {
        "type": "object",
        "properties": {"status": {"enum": ["x"]}},
    }  # added
    del schemas["Empty"]  # removed
    schemas["Dog"]["properties"]["bark"][
        "description"
    ] = "edited"  # edited (Cat would also change Named: allOf copies its fields)
    (tmp_path / "in" / "api.json").unlink()
    b = generate(write(tmp_path, spec), write=False)
    before, after = dict(a.files), dict(b.files)
    changed = {p for p in before.keys() & after.keys() if before[p] != after[p]}
    changed = {
        p
        for p in changed
        if not p.endswith(("__init__.py", "__init__.pyi", "README.md"))
    }
    assert changed == {"models/components/dog.py", "docs/models/components/dog.md"}
    assert set(after) - set(before) == {
        "models/components/zebra.py",
        "models/components/zebrastatus.py",
        "docs/models/components/zebra.md",
        "docs/models/components/zebrastatus.md",
    }
    assert set(before) - set(after) == {
        "models/components/empty.py",
        "docs/models/components/empty.md",
    }


def test_refs_to_sibling_files_and_cycles(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "common.yaml").write_text(
        "components:\n  schemas:\n    Node:\n      type: object\n      properties:\n"
        "        next: {$ref: '#/components/schemas/Node'}\n        value: {type: integer}\n"
    )
    (d / "api.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    List:\n      type: object\n      properties:\n        head: {$ref: 'common.yaml#/components/schemas/Node'}\n"
        "    Bad:\n      $ref: '#/components/schemas/Missing'\n"
    )
    r = generate(d, write=False)
    assert {"components.List", "components.Node"} <= keys(r)
    bad = [d for d in r.diagnostics if d.code == "openapi-ref-unresolved"]
    assert (
        len(bad) == 1
        and str(bad[0]).startswith("api.yaml:10:5:")
        and "#/components/schemas/Bad" in bad[0].message
    )


def test_swagger_2_is_a_clear_error(tmp_path):
    d = write(tmp_path, {"swagger": "2.0", "info": {}, "paths": {}}, "old.json")
    r = generate(d, write=False)
    assert any(
        x.code == "openapi-swagger2" and "Swagger 2.0" in x.message
        for x in r.diagnostics
    )
    assert not r.ok


def test_bad_input_never_raises(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "api.yaml").write_text(
        "openapi: 3.1.0\ncomponents:\n  schemas:\n    A: 3\n    B: {type: object, properties: [1]}\n"
        "    C: {allOf: 5}\n    D: {oneOf: []}\n    E: {$ref: 7}\n    F: {enum: []}\n    G: {type: wat}\n"
    )
    r = generate(d, write=False)
    assert r.package is not None and all(x.line >= 1 for x in r.diagnostics)


def test_in_memory_specs_read_like_a_folder(tmp_path):
    """read_mapping takes *.yaml/*.yml/*.json as the folder walk does; a $ref names only the mapping."""
    folder = write(tmp_path, PET)
    from_disk = generate(folder, write=False)
    in_memory = generate(
        {"api.json": (folder / "api.json").read_text(), "notes.txt": "x"}, write=False
    )
    assert in_memory.ok, [str(d) for d in in_memory.diagnostics]
    assert in_memory.files == from_disk.files
    assert in_memory.diagnostics == from_disk.diagnostics
    spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
    spec += "    A:\n      type: object\n      properties:\n        b: {$ref: 'other.yml#/B'}\n"
    r = generate(
        {
            "api.yaml": spec,
            "other.yml": "B: {type: object, properties: {x: {type: integer}}}\n",
        },
        write=False,
    )
    assert {"components.A", "components.B"} <= keys(r), [str(d) for d in r.diagnostics]
    r = generate({"api.yaml": spec}, write=False)
    assert [d.code for d in r.diagnostics if d.code == "openapi-ref-unresolved"] == [
        "openapi-ref-unresolved"
    ]


def test_sibling_files_are_read_by_the_read_stage_rules(tmp_path, monkeypatch):
    from generator import read as read_module

    monkeypatch.setattr(read_module, "MAX_BYTES", 200)
    d = tmp_path / "in"
    (d / ".hidden").mkdir(parents=True)  # not walked: only a $ref reads it
    (d / ".hidden" / "big.yaml").write_text("B:\n  type: object\n" + "#" * 300 + "\n")
    (d / "api.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A:\n      type: object\n      properties:\n        b: {$ref: '.hidden/big.yaml#/B'}\n"
    )
    r = generate(d, write=False)
    bad = [x for x in r.diagnostics if x.code == "openapi-ref-unresolved"]
    assert len(bad) == 1 and "cannot be read" in bad[0].message


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_templates_receive_the_final_field_values(tmp_path, kind):
    """Constraints and defaults are in each field's call, args, value and line; a template laying
    fields out with the macros writes the same files."""
    tpl = tmp_path / "tpl" / "python"
    tpl.mkdir(parents=True)
    name = "pydantic_object" if kind == "pydantic" else "dataclass_object"
    call = (
        "m.pydantic_object(name, bases, doc, decorators, config, extra, fields)"
        if kind == "pydantic"
        else "m.dataclass_object(name, bases, doc, decorators, fields)"
    )
    (tpl / f"{name}.py.jinja").write_text(
        '{% import "python/_macros.jinja" as m %}\n'
        "{% for f in fields %}{% if f.line != m.field_statement(f) %}"
        "{{ f.line_mismatch }}{% endif %}{% endfor %}\n"
        "{{ " + call + " }}\n"
    )
    folder = write(tmp_path, PET)
    plain = generate(folder, write=False, kind=kind)
    templated = generate(
        folder, write=False, kind=kind, templates=str(tmp_path / "tpl")
    )
    assert templated.ok, [str(d) for d in templated.diagnostics]
    assert dict(templated.files) == dict(plain.files)


def test_constructs_without_a_python_type_are_warnings_naming_them(tmp_path):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {
            "schemas": {
                "Odd": {
                    "type": "object",
                    "properties": {
                        "a": {"type": "string", "not": {"const": "x"}},
                        "b": {"type": "array", "items": {}, "contains": {"const": 1}},
                    },
                    "propertyNames": {"pattern": "^[a-z]+$"},
                    "dependentRequired": {"a": ["b"]},
                }
            }
        },
    }
    r = generate({"spec.json": json.dumps(spec)}, write=False)
    assert r.ok
    got = sorted(
        (d.severity.name, d.code, d.message.split(" is not")[0])
        for d in r.diagnostics
        if d.code == "openapi-unexpressed"
    )
    assert got == [
        ("WARNING", "openapi-unexpressed", "'contains' (an item the list must hold)"),
        (
            "WARNING",
            "openapi-unexpressed",
            "'dependentRequired' (properties required by another's presence)",
        ),
        ("WARNING", "openapi-unexpressed", "'not' (anything but a schema)"),
        (
            "WARNING",
            "openapi-unexpressed",
            "'propertyNames' (a schema for property names)",
        ),
    ]
    # the closest types: the rest of each schema
    pkg = r.package.by_key()
    odd = pkg[ir.ModelKey("components", "Odd")]
    assert [f.type for f in odd.fields] == [
        ir.STRING,
        ir.ListOf(ir.ANY),
    ]


NULLS = {
    "openapi": "3.1.0",
    "info": {"title": "nulls", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            # null and nothing else, three ways
            "OnlyNull": {"enum": [None]},
            "ConstNull": {"const": None},
            "TypeNull": {"type": "null"},
            # a named nullable union
            "IdOrName": {
                "anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]
            },
            # a nullable discriminated union
            "MaybePet": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/Dog"},
                    {"type": "null"},
                ],
                "discriminator": {"propertyName": "pet"},
            },
            "Cat": {
                "type": "object",
                "required": ["pet"],
                "properties": {"pet": {"const": "Cat"}},
            },
            "Dog": {
                "type": "object",
                "required": ["pet"],
                "properties": {"pet": {"const": "Dog"}},
            },
            # a named nullable enum, and an alias of it
            "Color": {"type": ["string", "null"], "enum": ["red", "green", None]},
            "ColorAlias": {"$ref": "#/components/schemas/Color"},
            "Holder": {
                "type": "object",
                "required": ["req_n", "req_u", "req_c"],
                "properties": {
                    "req_n": {"$ref": "#/components/schemas/OnlyNull"},
                    "opt_n": {"$ref": "#/components/schemas/OnlyNull"},
                    "inline_n": {"type": "null"},
                    "req_u": {"$ref": "#/components/schemas/IdOrName"},
                    "opt_u": {"$ref": "#/components/schemas/IdOrName"},
                    "pet": {"$ref": "#/components/schemas/MaybePet"},
                    "req_c": {"$ref": "#/components/schemas/Color"},
                    "opt_c": {"$ref": "#/components/schemas/Color"},
                    "list_c": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Color"},
                    },
                    "map_c": {
                        "type": "object",
                        "additionalProperties": {"$ref": "#/components/schemas/Color"},
                    },
                    "union_c": {
                        "anyOf": [
                            {"$ref": "#/components/schemas/Color"},
                            {"type": "integer"},
                        ]
                    },
                },
            },
        }
    },
}
NULLS_30 = {
    "openapi": "3.0.3",
    "info": {"title": "nulls 3.0", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Legacy": {
                "nullable": True,
                "oneOf": [{"type": "string"}, {"type": "integer"}],
            },
            "Shade": {"type": "string", "nullable": True, "enum": ["dark", "light"]},
            "Holder30": {
                "type": "object",
                "required": ["u"],
                "properties": {
                    "u": {"$ref": "#/components/schemas/Legacy"},
                    "s": {"$ref": "#/components/schemas/Shade"},
                    "ss": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Shade"},
                    },
                },
            },
        }
    },
}


def _nulls(tmp_path: Path) -> Path:
    d = write(tmp_path, NULLS)
    (d / "api30.json").write_text(json.dumps(NULLS_30))
    return d


def _line(text: str, start: str) -> str:
    return next(x.strip() for x in text.splitlines() if x.strip().startswith(start))


def test_null_only_schemas_and_nullable_unions_in_the_ir(tmp_path):
    r = generate(_nulls(tmp_path), write=False)
    assert r.ok, [str(d) for d in r.diagnostics]
    by = {m.key.name: m for m in r.package.models}
    for name in ("OnlyNull", "ConstNull", "TypeNull"):
        assert by[name].members == (ir.NULL,), name
    assert by["IdOrName"].members == (ir.STRING, ir.INTEGER, ir.NULL)
    assert by["Legacy"].members == (ir.STRING, ir.INTEGER, ir.NULL)  # 3.0 nullable
    assert by["MaybePet"].members[-1] == ir.NULL
    assert by["MaybePet"].discriminator is not None  # null aside, still tagged
    fields = {f.name: f.type for f in by["Holder"].fields}
    assert fields["inline_n"] == ir.NULL
    # the uses still say nullable (the IR says what each place allows)
    assert fields["req_u"] == ir.Nullable(ir.Ref(by["IdOrName"].key))
    # an enum cannot hold None: every use of a nullable enum is Nullable
    color = ir.Ref(by["Color"].key)
    assert fields["req_c"] == fields["opt_c"] == ir.Nullable(color)
    assert fields["list_c"] == ir.ListOf(ir.Nullable(color))
    assert fields["map_c"] == ir.DictOf(ir.Nullable(color))
    union_c = by[fields["union_c"].inner.key.name]  # type: ignore[union-attr]
    assert union_c.members == (color, ir.INTEGER, ir.NULL)
    assert by["ColorAlias"].members == (ir.Nullable(color),)
    shade = ir.Ref(by["Shade"].key)
    fields30 = {f.name: f.type for f in by["Holder30"].fields}
    assert fields30["s"] == ir.Nullable(shade)
    assert fields30["ss"] == ir.ListOf(ir.Nullable(shade))


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_null_only_is_none_and_nullable_unions_hold_none(tmp_path, kind):
    out = tmp_path / "out"
    r = generate(_nulls(tmp_path), out, kind=kind)
    assert r.ok, [str(d) for d in r.diagnostics]
    comp = out / "models" / "components"
    holder = (comp / "holder.py").read_text()
    if kind == "pydantic":
        assert (
            'OnlyNull = TypeAliasType("OnlyNull", None)'
            in (comp / "onlynull.py").read_text()
        )
        assert "Union[str, int, None]" in (comp / "idorname.py").read_text()
        assert (
            'Optional[Annotated[Union[Cat, Dog], Field(discriminator="pet")]]'
            in " ".join((comp / "maybepet.py").read_text().split())
        )
        # no redundant "| None": the aliases hold None already
        assert _line(holder, "req_n:") == "req_n: OnlyNull"
        assert _line(holder, "opt_n:") == "opt_n: OnlyNull = None"
        assert _line(holder, "inline_n:") == "inline_n: None = None"
        assert _line(holder, "req_u:") == "req_u: IdOrName"
        assert _line(holder, "opt_u:") == "opt_u: IdOrName = None"
        assert _line(holder, "pet:") == "pet: MaybePet = None"
        # a nullable enum's uses add None
        assert _line(holder, "req_c:") == "req_c: Color | None"
        assert _line(holder, "list_c:") == "list_c: list[Color | None] | None = None"
        assert _line(holder, "map_c:").startswith("map_c: dict[str, Color | None] |")
        assert "Optional[Color]" in (comp / "coloralias.py").read_text()
        assert "Union[Color, int, None]" in (comp / "holderunionc.py").read_text()
    else:
        assert "OnlyNull: TypeAlias = None" in (comp / "onlynull.py").read_text()
        assert "inline_n: None = dataclasses.field(" in holder
    script = """
import pydantic, typing
from models import Holder, Holder30, IdOrName, Legacy, MaybePet, OnlyNull, ConstNull, TypeNull
for t in (OnlyNull, ConstNull, TypeNull, IdOrName, Legacy, MaybePet):
    assert pydantic.TypeAdapter(t).validate_python(None) is None, t
for t in (OnlyNull, ConstNull, TypeNull):
    try:
        pydantic.TypeAdapter(t).validate_python(0)
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(t)
assert type(pydantic.TypeAdapter(MaybePet).validate_python({"pet": "Dog"})).__name__ == "Dog"
ta = pydantic.TypeAdapter(Holder)
h = ta.validate_python({"req_n": None, "req_u": None, "req_c": None,
    "list_c": ["red", None], "map_c": {"a": None}, "union_c": None, "inline_n": None})
assert h.req_u is None and h.list_c[1] is None and h.union_c is None
for missing in ("req_n", "req_u", "req_c"):  # required stays required
    try:
        ta.validate_python({k: None for k in {"req_n", "req_u", "req_c"} - {missing}})
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(missing)
h30 = pydantic.TypeAdapter(Holder30).validate_python({"u": None, "s": None, "ss": [None]})
assert h30.u is None and h30.ss == [None]
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=out, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "models"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout


def test_null_in_docs_and_back(tmp_path):
    """Docs show null as ``null``; gen-models' docs read back give the same models."""
    a = generate(_nulls(tmp_path), tmp_path / "A")
    assert a.ok
    docs = tmp_path / "A" / "docs" / "models" / "components"
    assert "### `null`" in (docs / "onlynull.md").read_text()
    assert "| `inline_n` | *null* |" in (docs / "holder.md").read_text()
    b = generate(tmp_path / "A" / "docs", tmp_path / "B")
    assert b.ok, [str(d) for d in b.diagnostics]
    for p in sorted((tmp_path / "A" / "models").rglob("*.py")):
        q = tmp_path / "B" / p.relative_to(tmp_path / "A")
        strip = lambda t: t.split("\n", 1)[1]  # noqa: E731 - the header names the input
        assert strip(p.read_text()) == strip(q.read_text()), p.name
