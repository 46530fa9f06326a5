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
