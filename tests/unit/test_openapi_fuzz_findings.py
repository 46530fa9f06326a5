"""What tests/unit/test_fuzz_openapi.py found, each as the smallest spec that showed it: bad input
gives diagnostics at its place (never a traceback), input without errors a package that imports.
"""

from __future__ import annotations

import json

import pytest

from generator import generate

from .test_fuzz import import_package
from .test_fuzz_openapi import CASES


def spec(schemas: dict, version: str = "3.1.0") -> dict[str, str]:
    doc = {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    return {"api.json": json.dumps(doc, indent=1)}


def run(specs: dict[str, str], **options):
    r = generate(specs, write=False, **options)
    if r.ok:
        import_package(r.files)
    return r


def codes(r, severity: str) -> list[str]:
    return [d.code for d in r.diagnostics if d.severity.name == severity.upper()]


DEEP_LIST: list = []
for _ in range(500):
    DEEP_LIST = [DEEP_LIST]


@pytest.mark.parametrize(
    "type_",
    [{"a": 1}, [{"a": 1}, "string"], [[]], [["string"]], DEEP_LIST],
    ids=["object", "list-with-object", "empty-list-in-list", "list-in-list", "deep"],
)
def test_a_type_that_is_an_object_or_holds_a_list_is_an_unknown_type(type_):
    """A ``type`` that is a mapping was looked up in a set (TypeError); lists in the list were
    read as unions of their items, ``[[]]`` as an empty union: ``x:  | None`` in the output.
    """
    r = run(spec({"A": {"type": "object", "properties": {"x": {"type": type_}}}}))
    assert r.ok and "openapi-type-unknown" in codes(r, "warning")
    assert "x: Any | None = None" in dict(r.files)["models/components/a.py"]


@pytest.mark.parametrize(
    "schema",
    [
        {"$ref": "#/components/schemas/A", "x-note": 1},
        {"allOf": [{"$ref": "#/components/schemas/A"}]},
        {
            "oneOf": [
                {"$ref": "#/components/schemas/A"},
                {"$ref": "#/components/schemas/A"},
            ]
        },
        {"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]},
    ],
    ids=["ref", "allOf", "oneOf", "anyOf-null"],
)
def test_a_schema_that_is_only_itself_is_an_error_at_its_place(schema):
    """A schema whose type is a reference to itself referred to a model nobody made: KeyError in
    render."""
    r = run(spec({"A": schema, "B": {"type": "object", "properties": {"a": schema}}}))
    assert not r.ok
    errors = [d for d in r.diagnostics if d.code == "openapi-ref-cycle"]
    assert errors and all(d.file == "api.json" and d.line > 1 for d in errors), [
        str(d) for d in r.diagnostics
    ]
    assert "#/components/schemas/A" in errors[0].message


def chain(n: int) -> dict[str, str]:
    """``S0`` to ``S{n}``, each one's required ``next`` the next; the last is nullable."""
    schemas: dict = {
        f"S{i}": {
            "type": "object",
            "required": ["next"],
            "properties": {"next": {"$ref": f"#/components/schemas/S{i + 1}"}},
        }
        for i in range(n)
    }
    schemas[f"S{n}"] = {"type": ["object", "null"], "properties": {"x": {}}}
    return spec(schemas)


def test_a_long_chain_of_references_is_read():
    """Each reference was read inside the one naming it: a chain of 100 was a RecursionError."""
    r = generate(chain(400), write=False)
    assert r.ok, [str(d) for d in r.diagnostics][:3]
    files = dict(r.files)
    assert "    next: S1\n" in files["models/components/s0.py"]
    # the last, read after the others were put off, is still nullable where it is used
    assert "    next: S400 | None\n" in files["models/components/s399.py"]


def test_putting_schemas_off_changes_no_output(monkeypatch):
    from generator.frontends.openapi import schema

    for specs in (chain(20), *CASES):
        before = generate(specs, write=False, names="speakeasy")
        monkeypatch.setattr(schema, "PUT_OFF_DEPTH", 1)
        after = generate(specs, write=False, names="speakeasy")
        monkeypatch.undo()
        assert before.ok and after.files == before.files


def test_schemas_nested_too_deep_inline_are_an_error_at_their_place():
    """Inline schemas nested hundreds deep were a RecursionError, or (``items`` 200 deep) a
    module Python cannot compile ("too many nested parentheses")."""
    for inner in (
        {"type": "array", "items": {}},
        {"type": "object", "properties": {"a": {}}},
    ):
        root = node = json.loads(json.dumps(inner))
        for _ in range(300):
            child = json.loads(json.dumps(inner))
            if "items" in node:
                node["items"] = child
            else:
                node["properties"]["a"] = child
            node = child
        r = generate(spec({"Deep": root}), write=False)
        errors = [d for d in r.diagnostics if d.code == "openapi-too-deep"]
        assert not r.ok and errors and errors[0].line > 1, [
            str(d) for d in r.diagnostics
        ][:3]


def test_a_component_with_a_very_long_name_gets_a_module_a_file_system_can_hold():
    """A 300-character name gave a 300-character module file name (over the 255 bytes a file
    name may have)."""
    long = "a" * 300
    r = run(
        spec(
            {
                long: {"type": "object", "properties": {"x": {"type": "string"}}},
                long + "b": {"type": "object", "properties": {"y": {"type": "string"}}},
                "名" * 100: {"type": "string", "enum": ["a"]},
            }
        )
    )
    assert r.ok
    names = [p.rsplit("/", 1)[-1] for p, _ in r.files]
    assert max(len(n.encode()) for n in names) <= 210, sorted(names, key=len)[-1]
    modules = {
        p for p, _ in r.files if p.startswith("models/components/") and "__" not in p
    }
    assert len(modules) == 3, modules


@pytest.mark.parametrize("where", ["additionalProperties", "patternProperties"])
def test_an_allof_held_again_by_its_own_additional_properties_is_a_warning(where):
    """Merging the allOf read its parts' additional properties, which held the allOf again:
    endless (a RecursionError; with two such parts each level read it twice, exponential).
    """
    again = {"allOf": [{"$ref": "#/components/schemas/A"}, {"required": ["x"]}]}
    a = {
        "type": "object",
        "properties": {"x": {"type": "string"}},
        where: again if where == "additionalProperties" else {"^y": again},
    }
    r = run(spec({"A": a}))
    assert r.ok, [str(d) for d in r.diagnostics]
    warned = [d for d in r.diagnostics if d.code == "openapi-allof"]
    assert warned and warned[0].line > 1 and "hold it again" in warned[0].message


def test_an_integer_with_bounds_that_are_not_integers_builds_and_validates_the_same():
    """pydantic takes only integer bounds for an ``int`` (``Field(gt=1.5)``, ``lt=1e308`` were a
    SchemaError when the model was built)."""
    import pydantic

    r = generate(
        spec(
            {
                "A": {
                    "type": "object",
                    "properties": {
                        "n": {
                            "type": "integer",
                            "exclusiveMinimum": 1.5,
                            "exclusiveMaximum": 1e308,
                            "multipleOf": 1.5,
                        },
                        "m": {"type": "integer", "minimum": 2.0, "maximum": 7.5},
                    },
                }
            }
        ),
        write=False,
    )
    assert r.ok
    text = dict(r.files)["models/components/a.py"]
    ns: dict = {}
    body = text.split("from .._runtime import BaseModel")[1]
    exec("from pydantic import BaseModel, Field\n" + body, ns)
    a = ns["A"]
    assert a(n=3, m=7).n == 3
    for bad in ({"n": 1}, {"n": 4}, {"m": 1}, {"m": 8}):
        with pytest.raises(pydantic.ValidationError):
            a(**bad)


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_big_and_small_floats_are_written_as_black_writes_them(kind):
    """``repr`` writes ``1e+308``, black ``1e308``: the module was not in black's layout."""
    from generator import format as fmt

    big = {"type": "number", "enum": [1e308, 1.5e20], "default": 1.5e20}
    r = run(
        spec(
            {
                "A": {
                    "type": "object",
                    "properties": {
                        "x": {"default": 1e308},
                        "y": {"type": "number", "maximum": 1e22, "default": 2.5e-7},
                        "z": big,
                    },
                }
            }
        ),
        kind=kind,
    )
    assert r.ok
    for path, text in r.files:
        if path.endswith(".py"):
            assert fmt.format_python(text) == text, path
    assert "1e308" in dict(r.files)["models/components/a.py"]


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_a_default_nested_too_deep_is_a_warning_and_not_kept(kind):
    """A default 200 levels deep was written out as a Python literal Python cannot compile
    ("too many nested parentheses")."""
    deep: object = 1
    for _ in range(200):
        deep = {"items": deep}
    props = {"x": {"type": "object", "default": deep}, "y": {"example": deep}}
    r = run(spec({"A": {"type": "object", "properties": props}}), kind=kind)
    assert r.ok
    warned = [d for d in r.diagnostics if d.code == "openapi-too-deep"]
    assert len(warned) == 1 and "default" in warned[0].message and warned[0].line > 1


def test_an_alias_of_a_recursive_model_used_by_another_model_builds():
    """pydantic cannot rebuild a model whose field is a TypeAliasType of a self-recursive model
    ('contains a circular reference to itself'): an alias of a class is the class itself.
    """
    tree = {
        "type": "object",
        "properties": {
            "children": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Tree"},
            }
        },
    }
    a = {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/Alias"}}}
    run(spec({"Tree": tree, "Alias": {"$ref": "#/components/schemas/Tree"}, "A": a}))
