"""The join stage (generator/join/): docs and the spec they came from, matched and joined into one
package, every disagreement a drift warning. Small doc sets and specs in memory, one rule each.
"""

from __future__ import annotations

import json

import pytest

from generator import generate, ir
from generator.diagnostics import Diagnostics
from generator.frontends import LoadOptions, load_each
from generator.join import join, join_loaded
from generator.join.report import KINDS
from generator.join.shapes import norm
from generator.read import SourceFile

from .helpers import object_doc

REQ, OPT = ":heavy_check_mark:", ":heavy_minus_sign:"


def row(name: str, typ: str, required: bool = False, text: str = "N/A") -> str:
    return f"| `{name}` | {typ} | {REQ if required else OPT} | {text} |"


def link(name: str, ns: str = "components") -> str:
    return f"[{ns}.{name}](../../models/{ns}/{name.lower()}.md)"


def enum_doc(name: str, *values: str) -> str:
    shown = " | ".join(json.dumps(v) for v in values)
    return f"# {name}\n\n## Values\n\n```typescript\n{shown}\n```\n"


def union_doc(name: str, *members: str) -> str:
    parts = [f"# {name}\n\n\n## Supported Types\n"]
    for m in members:
        parts.append(
            f"### `components.{m}`\n\n```typescript\nconst value: components.{m} = {{}};\n```\n"
        )
    return "\n".join(parts)


def spec(schemas: dict, paths: dict | None = None) -> str:
    return json.dumps(
        {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": paths or {},
            "components": {"schemas": schemas},
        },
        indent=1,
    )


def run(docs: dict[str, str], schemas: dict, paths: dict | None = None, **kw):
    files = {f"models/{k}": v for k, v in docs.items()}
    files["openapi.json"] = spec(schemas, paths)
    result = generate(files, write=False, **kw)
    assert result.ok, "\n".join(map(str, result.diagnostics))
    return result


def model(result, name: str, ns: str = "components") -> ir.Model:
    return result.package.by_key()[ir.ModelKey(ns, name)]


def fields(result, name: str, ns: str = "components") -> dict[str, ir.Field]:
    return {f.name: f for f in model(result, name, ns).fields}


def kinds(result) -> dict[str, int]:
    return {k: v for k, v in result.drift.counts().items() if v}


PET_SCHEMA = {
    "type": "object",
    "required": ["pet_id", "name"],
    "properties": {
        "pet_id": {"type": "integer", "format": "int64", "minimum": 1},
        "name": {"type": ["string", "null"]},
        "uid": {"type": "string", "format": "uuid"},
        "status": {"type": "string", "default": "available", "readOnly": True},
    },
}
PET_DOC = object_doc(
    "Pet",
    row("petId", "*number*", True),
    row("name", "*string*", True),
    row("uid", "*string*"),
    row("status", "*string*"),
)


# ---------------------------------------------------------------- what the spec gives


def test_wire_names_nullability_formats_constraints_defaults_come_from_the_spec():
    r = run({"components/pet.md": PET_DOC}, {"Pet": PET_SCHEMA})
    f = fields(r, "Pet")
    assert list(f) == ["pet_id", "name", "uid", "status"]  # the docs' order, wire names
    assert f["pet_id"].type == ir.Prim(
        "integer", "int64", ir.Constraints(minimum=1)
    )  # TypeScript's number is the spec's integer: no drift
    assert f["name"].required and f["name"].type == ir.Nullable(ir.STRING)
    assert f["uid"].type == ir.Prim("string", "uuid")
    assert f["status"].default == ir.Value.of("available") and f["status"].read_only
    assert r.drift.taken["wire_names"] == 1
    assert r.drift.taken["nullable_required"] == 1
    assert r.drift.taken["formats"] == 2 and r.drift.taken["constraints"] == 1
    assert kinds(r) == {}
    assert not [d for d in r.diagnostics if d.code.startswith("join-")]


def test_the_docs_keep_their_names_descriptions_and_attributes():
    doc = PET_DOC.replace("# Pet\n", "# Pet\n\nA pet, as the docs say.\n")
    r = run({"components/pet.md": doc}, {"Pet": {**PET_SCHEMA, "description": "x"}})
    m = model(r, "Pet")
    assert m.description == "A pet, as the docs say." and m.key.name == "Pet"
    assert r.naming[m.key].attrs[0] == "pet_id"
    module = dict(r.files)["models/components/pet.py"]
    assert "pet_id: int = Field(ge=1)" in module and "name: str | None\n" in module


def test_a_required_nullable_field_has_no_default_in_either_kind():
    for kind in ("pydantic", "dataclasses"):
        r = run({"components/pet.md": PET_DOC}, {"Pet": PET_SCHEMA}, kind=kind)
        module = dict(r.files)["models/components/pet.py"]
        assert (
            "name: str | None\n" in module
            or "name: str | None = dataclasses.field(" in module
        )
        assert "name: str | None = None" not in module


def test_python_docs_meet_camel_case_wire_names():
    doc = object_doc("Choice", row("finish_reason", "*str*", True))
    doc = doc.replace("| Field |", "| Field |")  # Python flavour: str
    r = run(
        {"components/choice.md": doc},
        {
            "Choice": {
                "type": "object",
                "required": ["finishReason"],
                "properties": {"finishReason": {"type": "string"}},
            }
        },
    )
    assert list(fields(r, "Choice")) == ["finishReason"]
    assert r.naming[ir.ModelKey("components", "Choice")].attrs == ("finish_reason",)


def test_nested_models_are_matched_through_fields_lists_and_maps():
    docs = {
        "components/pet.md": object_doc(
            "Pet",
            row("label", link("Label"), True),
            row("tags", f"{link('Tag')}[]", True),
            row("byName", f"Record<string, {link('Tag')}>", True),
        ),
        "components/label.md": object_doc("Label", row("labelText", "*string*")),
        "components/tag.md": object_doc("Tag", row("tagId", "*string*")),
    }
    tag = {"type": "object", "properties": {"tag_id": {"type": "string"}}}
    r = run(
        docs,
        {
            "Pet": {
                "type": "object",
                "required": ["label", "tags", "by_name"],
                "properties": {
                    "label": {
                        "type": "object",
                        "properties": {"label_text": {"type": "string"}},
                    },
                    "tags": {"type": "array", "items": tag},
                    "by_name": {"type": "object", "additionalProperties": tag},
                },
            }
        },
    )
    assert list(fields(r, "Label")) == ["label_text"]
    assert list(fields(r, "Tag")) == ["tag_id"]
    assert list(fields(r, "Pet")) == ["label", "tags", "by_name"]
    assert r.drift.matched_by["structure"] == 2 and kinds(r) == {}


def test_union_members_are_paired_by_shape_and_the_discriminator_comes_from_the_spec():
    docs = {
        "components/animal.md": union_doc("Animal", "Cat", "Dog"),
        "components/cat.md": object_doc(
            "Cat", row("petType", "*string*", True), row("meows", "*boolean*")
        ),
        "components/dog.md": object_doc(
            "Dog", row("petType", "*string*", True), row("barks", "*boolean*")
        ),
    }

    def animal(extra: str) -> dict:
        return {
            "type": "object",
            "required": ["pet_type"],
            "properties": {"pet_type": {"type": "string"}, extra: {"type": "boolean"}},
        }

    r = run(
        docs,
        {
            "Animal": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Dog"},
                    {"$ref": "#/components/schemas/Cat"},
                ],
                "discriminator": {"propertyName": "pet_type"},
            },
            "Cat": animal("meows"),
            "Dog": animal("barks"),
        },
    )
    u = model(r, "Animal")
    assert u.discriminator == ir.Discriminator(
        "pet_type",
        (
            ("Dog", ir.ModelKey("components", "Dog")),
            ("Cat", ir.ModelKey("components", "Cat")),
        ),
    )
    assert r.drift.taken["discriminators"] == 1 and kinds(r) == {}


def test_operation_bodies_are_matched_by_operation_id_even_through_a_ref():
    docs = {
        "operations/createpetrequestbody.md": object_doc(
            "CreatePetRequestBody", row("petName", "*string*")
        ),
        "operations/createpetresponsebody.md": object_doc(
            "CreatePetResponseBody", row("petId", "*string*")
        ),
        "operations/createpetrequest.md": object_doc(
            "CreatePetRequest",
            row("xTrace", "*string*", False),
            row("requestBody", link("CreatePetRequestBody", "operations")),
        ),
    }
    paths = {
        "/pets": {
            "post": {
                "operationId": "create_pet",
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"pet_name": {"type": "string"}},
                            }
                        }
                    }
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Created"}
                            }
                        },
                    }
                },
            }
        }
    }
    created = {"type": "object", "properties": {"pet_id": {"type": "string"}}}
    r = run(docs, {"Created": created}, paths)
    assert list(fields(r, "CreatePetRequestBody", "operations")) == ["pet_name"]
    assert list(fields(r, "CreatePetResponseBody", "operations")) == ["pet_id"]
    assert r.drift.matched_by["operation"] == 2
    # the SDK's request wrapper is no schema of the spec: an info, not drift
    assert [str(m.key) for m in r.drift.wrappers] == ["operations.CreatePetRequest"]
    assert [d.code for d in r.diagnostics if d.code.startswith("join-")] == [
        "join-sdk-wrapper"
    ]


def test_constants_and_enums_of_one_value_match_without_drift():
    docs = {
        "components/part.md": object_doc(
            "Part", row("type", link("PartType"), True), row("mode", '*"fast"*', True)
        ),
        "components/parttype.md": enum_doc("PartType", "text"),
    }
    r = run(
        docs,
        {
            "Part": {
                "type": "object",
                "required": ["type", "mode"],
                "properties": {
                    "type": {"const": "text"},
                    "mode": {"type": "string", "enum": ["fast"]},
                },
            }
        },
    )
    assert kinds(r) == {}
    assert r.drift.matched_models == 2


# ---------------------------------------------------------------- drift, one kind each


def drift_of(result, kind: str):
    got = [d for d in result.drift.drift if d.kind == kind]
    assert got, f"no {kind} drift in {result.drift.drift}"
    return got


def test_model_on_one_side_only():
    docs = {
        "components/pet.md": PET_DOC,
        "components/orphan.md": object_doc("Orphan", row("x", "*string*")),
    }
    r = run(
        docs,
        {
            "Pet": PET_SCHEMA,
            "Unused": {"type": "object", "properties": {"y": {"type": "string"}}},
        },
    )
    (doc_only,) = drift_of(r, "model-doc-only")
    assert doc_only.model == "components.Orphan" and doc_only.spec is None
    (spec_only,) = drift_of(r, "model-spec-only")
    assert (
        spec_only.spec.pointer == "/components/schemas/Unused" and spec_only.doc is None
    )
    shown = [str(d) for d in r.diagnostics if d.code == "join-model-spec-only"]
    assert (
        shown[0].startswith("openapi.json:")
        and "#/components/schemas/Unused" in shown[0]
    )


def test_models_only_an_unmatched_model_names_are_counted_under_it():
    docs = {
        "components/orphan.md": object_doc("Orphan", row("inner", link("Inner"), True)),
        "components/inner.md": object_doc("Inner", row("x", "*string*")),
        "components/pet.md": PET_DOC,
    }
    r = run(docs, {"Pet": PET_SCHEMA})
    (d,) = drift_of(r, "model-doc-only")
    assert d.model == "components.Orphan" and d.holds == 1
    assert r.drift.summary()["models"]["doc_only"] == 2


def test_field_on_one_side_only_names_both_places():
    doc = object_doc(
        "Pet", row("petId", "*number*"), row("nickname", "*string*", False)
    )
    r = run(
        {"components/pet.md": doc},
        {
            "Pet": {
                "type": "object",
                "properties": {
                    "pet_id": {"type": "integer"},
                    "weight": {"type": "number"},
                },
            }
        },
    )
    (d,) = drift_of(r, "field-doc-only")
    assert d.field == "nickname" and d.doc.file == "models/components/pet.md"
    assert d.spec.pointer == "/components/schemas/Pet"
    (s,) = drift_of(r, "field-spec-only")
    assert (
        s.field == "weight"
        and s.spec.pointer == "/components/schemas/Pet/properties/weight"
    )
    text = next(str(x) for x in r.diagnostics if x.code == "join-field-spec-only")
    assert text.startswith("models/components/pet.md:1:") and "openapi.json:" in text
    assert "#/components/schemas/Pet/properties/weight" in text
    # the docs decide which fields exist
    assert list(fields(r, "Pet")) == ["pet_id", "nickname"]


def test_different_types_keep_the_docs_type():
    doc = object_doc("Pet", row("color", "*boolean*", True))
    r = run(
        {"components/pet.md": doc},
        {
            "Pet": {
                "type": "object",
                "required": ["color"],
                "properties": {"color": {"type": "string"}},
            }
        },
    )
    (d,) = drift_of(r, "type")
    assert (d.docs_say, d.spec_says) == ("boolean", "string")
    assert fields(r, "Pet")["color"].type == ir.BOOLEAN


def test_requiredness_differs():
    doc = object_doc("Pet", row("name", "*string*", True))
    r = run(
        {"components/pet.md": doc},
        {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
    )
    (d,) = drift_of(r, "required")
    assert (d.docs_say, d.spec_says) == ("required", "optional")
    assert fields(r, "Pet")["name"].required


def test_enum_values_differ():
    r = run(
        {"components/status.md": enum_doc("Status", "available", "sold")},
        {"Status": {"type": "string", "enum": ["available", "pending"]}},
    )
    (d,) = drift_of(r, "enum")
    assert d.docs_say == '"sold"' and d.spec_says == '"pending"'
    assert [x.value for x in model(r, "Status").members] == ["available", "sold"]


def test_union_member_on_one_side_only():
    docs = {
        "components/animal.md": union_doc("Animal", "Cat"),
        "components/cat.md": object_doc("Cat", row("meows", "*boolean*")),
    }
    obj = {"type": "object", "properties": {"meows": {"type": "boolean"}}}
    r = run(
        docs,
        {
            "Animal": {
                "oneOf": [
                    obj,
                    {"type": "object", "properties": {"barks": {"type": "boolean"}}},
                ]
            }
        },
    )
    (d,) = drift_of(r, "member")
    assert d.spec_says.startswith("object") and not d.docs_say


def test_a_spec_union_that_allows_null_is_no_member_drift_and_its_null_is_taken():
    docs = {
        "components/animal.md": union_doc("Animal", "Cat", "Dog"),
        "components/cat.md": object_doc("Cat", row("meows", "*boolean*")),
        "components/dog.md": object_doc("Dog", row("barks", "*boolean*")),
    }
    r = run(
        docs,
        {
            "Animal": {
                "anyOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/Dog"},
                    {"type": "null"},
                ]
            },
            "Cat": {"type": "object", "properties": {"meows": {"type": "boolean"}}},
            "Dog": {"type": "object", "properties": {"barks": {"type": "boolean"}}},
        },
    )
    u = model(r, "Animal")
    assert u.members[-1] == ir.NULL and len(u.members) == 3
    assert kinds(r) == {}


def _packages(docs: list[ir.Model], spec: list[ir.Model]):
    return ir.package(docs), ir.package(spec)


def test_nullable_in_the_docs_only():
    src = ir.Source("models/components/pet.md", 3, 1)
    ssrc = ir.Source("openapi.json", 9, 5, "/components/schemas/Pet")
    d = ir.ObjectModel(
        ir.ModelKey("components", "Pet"),
        "",
        None,
        src,
        fields=(ir.Field("name", ir.Nullable(ir.STRING), True, src),),
    )
    s = ir.ObjectModel(
        ir.ModelKey("components", "Pet"),
        "",
        None,
        ssrc,
        fields=(ir.Field("name", ir.STRING, True, ssrc),),
    )
    package, report = join(*_packages([d], [s]))
    (x,) = report.drift
    assert x.kind == "nullable" and x.doc == src and x.spec == ssrc
    assert package.models[0].fields[0].type == ir.Nullable(ir.STRING)


# ---------------------------------------------------------------- the report, the stage


def test_the_json_report_is_stable_and_documented():
    r = run(
        {"components/pet.md": PET_DOC, "components/orphan.md": object_doc("Orphan")},
        {"Pet": PET_SCHEMA},
    )
    a, b = (
        r.drift.to_json(),
        run(
            {
                "components/orphan.md": object_doc("Orphan"),
                "components/pet.md": PET_DOC,
            },
            {"Pet": PET_SCHEMA},
        ).drift.to_json(),
    )
    assert a == b
    data = json.loads(a)
    assert list(data) == [
        "format",
        "version",
        "joined",
        "specs",
        "summary",
        "sdk_wrappers",
        "drift",
    ]
    assert (
        data["version"] == 1
        and data["joined"] is True
        and data["specs"] == ["openapi.json"]
    )
    assert set(data["summary"]) == {"models", "fields", "taken", "drift"}
    assert list(data["summary"]["drift"]) == list(KINDS)
    (item,) = data["drift"]
    assert set(item) == {
        "kind",
        "model",
        "field",
        "doc",
        "spec",
        "docs_say",
        "spec_says",
        "message",
        "holds",
    }
    assert item["doc"] == {"file": "models/components/orphan.md", "line": 1, "col": 1}


def test_drift_report_is_written_with_the_output(tmp_path):
    docs = tmp_path / "docs"
    (docs / "models/components").mkdir(parents=True)
    (docs / "models/components/pet.md").write_text(PET_DOC)
    spec_file = tmp_path / "api" / "openapi.json"
    spec_file.parent.mkdir()
    spec_file.write_text(spec({"Pet": PET_SCHEMA}))
    report = tmp_path / "drift.json"
    r = generate(docs, tmp_path / "out", spec=str(spec_file), drift_report=str(report))
    assert r.ok and r.written
    data = json.loads(report.read_text())
    assert data["specs"] == [
        "../api/openapi.json"
    ]  # relative to SPECS, as diagnostics name it
    assert data["summary"]["taken"]["wire_names"] == 1
    manifest = json.loads((tmp_path / "out/.gen-models/manifest.json").read_text())
    assert "spec" in json.dumps(manifest)
    # nothing to join: an empty report that says so
    r = generate(docs, tmp_path / "out2", drift_report=str(report))
    assert r.ok and json.loads(report.read_text())["joined"] is False


def test_spec_option_rejects_a_folder(tmp_path):
    r = generate({"models/components/pet.md": PET_DOC}, write=False, spec=str(tmp_path))
    assert [d.code for d in r.diagnostics if d.severity.name == "ERROR"] == [
        "read-spec"
    ]


def test_without_a_spec_or_without_docs_nothing_is_joined():
    r = generate({"models/components/pet.md": PET_DOC}, write=False)
    assert r.drift is None
    r = generate({"openapi.json": spec({"Pet": PET_SCHEMA})}, write=False)
    assert r.drift is None and [m.key.name for m in r.package.models] == ["Pet"]


def test_join_loaded_merges_other_front_ends_as_before():
    diags = Diagnostics()
    files = [SourceFile("models/components/pet.md", PET_DOC)]
    loaded = load_each(files, diags, LoadOptions())
    package, report = join_loaded(loaded, diags)
    assert report is None and [m.key.name for m in package.models] == ["Pet"]


@pytest.mark.parametrize(
    "a, b", [("finishReason", "finish_reason"), ("x-api-key", "xApiKey"), ("_id", "id")]
)
def test_sdk_names_meet_wire_names(a, b):
    assert norm(a) == norm(b)


def test_cli_and_config_name_the_spec_and_the_report(tmp_path):
    from generator import config
    from generator.diagnostics import Diagnostics as D

    from .helpers import run_cli, write_docs

    write_docs(
        tmp_path,
        {
            "docs/models/components/pet.md": PET_DOC,
            "api/openapi.json": spec({"Pet": PET_SCHEMA}),
        },
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gen-models]\nspecs = "docs"\nout = "out"\nspec = "api/openapi.json"\n'
        'drift-report = "drift.json"\n'
    )
    (target,) = config.load(tmp_path / "pyproject.toml", D())
    assert target.spec == str(tmp_path / "api/openapi.json")
    assert target.drift_report == str(tmp_path / "drift.json")
    proc = run_cli(
        tmp_path / "docs",
        tmp_path / "out",
        "--spec",
        tmp_path / "api/openapi.json",
        "--drift-report",
        tmp_path / "r.json",
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        json.loads((tmp_path / "r.json").read_text())["summary"]["taken"]["wire_names"]
        == 1
    )
    assert "pet_id: int" in (tmp_path / "out/models/components/pet.py").read_text()


def test_a_spec_that_shares_no_model_with_the_docs_is_not_joined():
    result = run(
        {"components/pet.md": PET_DOC},
        {"Invoice": {"type": "object", "properties": {"total": {"type": "integer"}}}},
    )
    keys = {str(m.key) for m in result.package.models}
    assert {"components.Pet", "components.Invoice"} <= keys
    assert result.drift is None
    assert [d.code for d in result.diagnostics if d.code.startswith("join-")] == [
        "join-unrelated"
    ]
