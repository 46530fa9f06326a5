"""Garbage in, diagnostics out, for OpenAPI input and the docs+spec join.

``test_fuzz.py`` fuzzes markdown docs; this file fuzzes what the OpenAPI front-end
(``generator/frontends/openapi``: loading with positions, ``$ref``, schemas, paths, names,
operations) and the join (``generator/join``) read:

- Seeded mutation of the golden OpenAPI inputs (``tests/golden/oa_*``, ``join_*``), applied to the
  parsed JSON value and written back as YAML or JSON (``test_mutated_specs_*``): keys deleted,
  values replaced by values of another JSON type, properties duplicated and renamed, ``$ref``s
  pointed anywhere (missing, cyclic, into ``paths``, into a sibling file that does not exist, ``#``,
  not a string), ``type`` swapped, combinators, discriminators, enums, consts,
  ``patternProperties`` and ``openapi`` versions made up, schemas nested 1000 deep, hostile
  property and component names. The join case mutates the spec and its docs together.
- Property-based tests (hypothesis): specs whose components are drawn from a small JSON Schema
  grammar (``test_schema_grammar_property``).

Property: ``generate()`` of the spec in memory (both kinds, sometimes ``names="speakeasy"``)
never raises; it gives error diagnostics and no files, or no errors and a package whose every
module compiles, imports and builds (``test_fuzz.check_result``), in black's layout.

CI runs a bounded, reproducible number of examples (the ``gen-models`` hypothesis profile of
``tests/conftest.py``; the seeded mutations are fixed seeds); this file takes well under 30 seconds.
Fuzz longer locally with, for example::

    GEN_MODELS_FUZZ_EXAMPLES=3000 .venv/bin/python -m pytest tests/unit/test_fuzz_openapi.py -x

which gives each seeded batch and each property that many examples (batches then draw fresh
seeds, properties run random and with hypothesis's example database).
"""

from __future__ import annotations

import copy
import json
import os
import random

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import format as fmt

from .test_fuzz import GOLDEN, check_result, examples, mutate

# ================================================================ the corpus: golden OpenAPI inputs

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def _cases() -> list[dict[str, str]]:
    """Each golden case with an OpenAPI input: its input files by relative path."""
    cases = []
    for case in sorted(GOLDEN.iterdir()):
        root = case / "input"
        if not (case.name.startswith(("oa_", "join_")) and root.is_dir()):
            continue
        cases.append(
            {
                p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(root.rglob("*"))
                if p.is_file()
            }
        )
    return cases


CASES = _cases()
JOIN_CASES = [c for c in CASES if any(p.endswith(".md") for p in c)]

# ================================================================ mutations of a parsed spec

HUGE = 10**700  # more digits than an integer may have (640)
JUNK = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    -0.0,
    1e308,
    HUGE,
    -HUGE,
    "",
    " ",
    "x",
    "NaN",
    "Infinity",
    "-inf",
    ".nan",
    "1e999",
    "null",
    "名",
    '"""',
    "\\",
    "${x}",
    [],
    [None],
    [1, "a", None],
    {},
    {"a": 1},
    {"type": "string"},
    {"$ref": "#"},
]
HOSTILE_NAMES = [
    "",
    " ",
    "_",
    "class",
    "None",
    "True",
    "type",
    "match",
    "model_config",
    "__init__",
    "__class__",
    "self",
    "Field",
    "BaseModel",
    "名前",
    "été",
    "Ａ",
    "A²",
    "ﬁeld",
    "\u00ad",
    "a\u0301",
    "../x",
    "a/b",
    "/",
    "..",
    ".",
    "~",
    "~1",
    "a~1b",
    "$ref",
    "#",
    "1",
    "-",
    "a-b",
    "a.b",
    "x-y",
    "models",
    "_runtime",
    "__init__.py",
    "Pet",
    "pet",
    "PET",
    "errors",
    "components",
    "operations",
    "com1",
    "con",
    "a" * 300,
]
TYPES = [
    "string",
    "integer",
    "number",
    "boolean",
    "object",
    "array",
    "null",
    ["string", "null"],
    ["integer", "string"],
    ["object", "array", "null"],
    ["null"],
    [],
    ["string", "string"],
    "wat",
    "String",
    5,
    None,
    ["wat", 3],
]
REFS = [
    "#",
    "",
    "#/",
    "#/components/schemas/Nope",
    "#/components/schemas",
    "#/components",
    "#/paths",
    "#/info",
    "#/openapi",
    "#/components/schemas/~1x",
    "#/components/schemas/a~2b",
    "#/components/schemas/%7E",
    "#/components/schemas/名",
    "#anchor",
    "missing.yaml",
    "missing.yaml#/components/schemas/A",
    "shared.yaml#/components/schemas/Address",
    "shared.yaml#/components/schemas/Nope",
    "shared.yaml",
    "./api.yaml#/components/schemas/Pet",
    "../outside.yaml#/x",
    "/etc/passwd#/x",
    "http://example.com/x.yaml#/A",
    "file:///x.yaml",
    "%2E%2E/x.yaml#/A",
    "docs/models/components/pet.md",
    "#/components/schemas/Pet/properties/name",
    "#/components/schemas/Pet/required/0",
    "#/x/0/1",
    5,
    None,
    True,
    [],
    {"$ref": "#"},
    ["#/components/schemas/Pet"],
]
DEEP = "GENMODELSDEEPNEST"  # a marker value replaced by a deeply nested schema after dumping


def _nodes(value, pointer="") -> list[tuple[str, object]]:
    """Every container in ``value`` with its JSON pointer (iterative: values can be deep)."""
    out = []
    stack = [(pointer, value)]
    while stack:
        p, v = stack.pop()
        if isinstance(v, dict):
            out.append((p, v))
            for k, c in v.items():
                stack.append((f"{p}/{_esc(str(k))}", c))
        elif isinstance(v, list):
            out.append((p, v))
            for i, c in enumerate(v):
                stack.append((f"{p}/{i}", c))
    out.sort(key=lambda pv: pv[0])  # deterministic whatever the traversal order
    return out


def _esc(s: str) -> str:
    return s.replace("~", "~0").replace("/", "~1")


def _schema_like(d: dict) -> bool:
    return any(
        k in d
        for k in (
            "type",
            "properties",
            "$ref",
            "items",
            "allOf",
            "oneOf",
            "anyOf",
            "enum",
            "schema",
        )
    )


def _pointers(root) -> list[str]:
    return ["#" + p for p, _ in _nodes(root)] if isinstance(root, dict) else ["#"]


def _small_schema(rng: random.Random, refs: list[str]) -> object:
    return rng.choice(
        [
            {"type": "string"},
            {"type": "integer", "format": "int64"},
            {"type": "object", "properties": {"k": {"type": "string"}}},
            {
                "type": "object",
                "required": ["kind"],
                "properties": {"kind": {"const": rng.choice(["a", "b", 1])}},
            },
            {"$ref": rng.choice(refs)},
            {"$ref": rng.choice(REFS)},
            {"type": "null"},
            {"enum": [None]},
            {"type": "array", "items": {"$ref": rng.choice(refs)}},
            {},
            True,
            False,
            rng.choice(JUNK),
        ]
    )


def _mutate_dict(
    d: dict, pointer: str, root, rng: random.Random, refs: list[str]
) -> None:
    op = rng.randrange(24)
    keys = list(d)
    if op == 0 and keys:  # delete a key
        del d[rng.choice(keys)]
    elif op == 1 and keys:  # another JSON type
        d[rng.choice(keys)] = copy.deepcopy(rng.choice(JUNK))
    elif op == 2 and keys:  # rename a key
        k = rng.choice(keys)
        d[rng.choice(HOSTILE_NAMES + keys)] = d.pop(k)
    elif op == 3 and keys:  # duplicate a key under another name
        k = rng.choice(keys)
        d[rng.choice(HOSTILE_NAMES + [str(k).upper(), f"{k}_", str(k).lower()])] = (
            copy.deepcopy(d[k])
        )
    elif op == 4:  # a $ref anywhere
        d["$ref"] = rng.choice(
            [rng.choice(REFS), rng.choice(refs), "#" + pointer, rng.choice(refs)]
        )
    elif op == 5:
        d["type"] = copy.deepcopy(rng.choice(TYPES))
    elif op == 6:  # combinators
        kw = rng.choice(["allOf", "oneOf", "anyOf", "not"])
        if kw == "not":
            d[kw] = _small_schema(rng, refs)
        else:
            d[kw] = rng.choice(
                [
                    [_small_schema(rng, refs) for _ in range(rng.randint(0, 4))],
                    rng.choice(JUNK),
                ]
            )
    elif op == 7:  # a discriminator with junk mappings
        d["discriminator"] = rng.choice(
            [
                {"propertyName": rng.choice(["kind", "type", "", "名", 5])},
                {
                    "propertyName": "kind",
                    "mapping": {
                        rng.choice(["a", "", "1", "名"]): rng.choice(
                            refs + REFS + ["Pet", "Nope", "shared.yaml"]
                        )
                        for _ in range(rng.randint(0, 3))
                    },
                },
                {"propertyName": "kind", "mapping": rng.choice(JUNK)},
                rng.choice(JUNK),
            ]
        )
        if rng.random() < 0.5 and "oneOf" not in d:
            d["oneOf"] = [{"$ref": rng.choice(refs)} for _ in range(rng.randint(1, 3))]
    elif op == 8:  # enums
        d["enum"] = copy.deepcopy(
            rng.choice(
                [
                    [],
                    [None],
                    [None, None],
                    ["a", "a"],
                    [1, "1", 1.0, True, None],
                    ["", " ", "名", "a-b", "class", "None", "_", "1"],
                    [1.5, 2, -0.0],
                    [HUGE],
                    [{"a": 1}],
                    [[1]],
                    ["A", "a", "a_", "A_"],
                    [True, False],
                    [0, False],
                    ['"""', "\\", "\n", "\x00"],
                    rng.choice(JUNK),
                ]
            )
        )
        if rng.random() < 0.3:
            d["x-speakeasy-enums"] = rng.choice(
                [["A", "A"], ["class", ""], [1, None], "x", ["名"]]
            )
        if rng.random() < 0.3:
            d["x-speakeasy-unknown-values"] = rng.choice(["allow", True, 1])
    elif op == 9:
        d["const"] = copy.deepcopy(
            rng.choice(
                [
                    {"a": 1},
                    [1, 2],
                    None,
                    1.5,
                    2.0,
                    HUGE,
                    "x",
                    "",
                    '"""',
                    True,
                    {"$ref": "#"},
                ]
            )
        )
    elif op == 10:  # patternProperties, bad regexes among them
        d["patternProperties"] = {
            rng.choice(["[", "(?<x", "^a$", "*", "\\", "", "(?P<a>x)(?P=a)", "名"]): (
                _small_schema(rng, refs)
            )
            for _ in range(rng.randint(1, 3))
        }
    elif op == 11:  # properties with hostile names
        props = d.get("properties")
        if not isinstance(props, dict):
            props = d["properties"] = {}
        for _ in range(rng.randint(1, 3)):
            props[rng.choice(HOSTILE_NAMES)] = _small_schema(rng, refs)
        if rng.random() < 0.5:
            d["required"] = list(props)[: rng.randint(0, len(props))] + rng.choice(
                [[], ["nope"], [1, None]]
            )
    elif op == 12:
        d[rng.choice(["required", "items", "additionalProperties", "properties"])] = (
            copy.deepcopy(
                rng.choice(
                    JUNK
                    + [
                        "x",
                        ["x", "x"],
                        [1],
                        {"type": "wat"},
                        [{"type": "string"}],
                        False,
                    ]
                )
            )
        )
    elif op == 13:  # constraints and formats with junk
        d[
            rng.choice(
                [
                    "minLength",
                    "maxLength",
                    "minimum",
                    "maximum",
                    "exclusiveMinimum",
                    "exclusiveMaximum",
                    "multipleOf",
                    "minItems",
                    "maxItems",
                    "uniqueItems",
                    "minProperties",
                    "pattern",
                    "format",
                ]
            )
        ] = copy.deepcopy(
            rng.choice(
                JUNK + [-5, 3, 0.5, 10**30, "[", "(?<x", "^\\d+$", "date-time", "int64"]
            )
        )
    elif op == 14:  # annotations with junk
        d[
            rng.choice(
                [
                    "description",
                    "title",
                    "default",
                    "example",
                    "examples",
                    "deprecated",
                    "nullable",
                    "readOnly",
                    "writeOnly",
                    "x-speakeasy-name-override",
                ]
            )
        ] = copy.deepcopy(
            rng.choice(
                JUNK + ['a """ b', "x\\", "é 名 \u2028", "\r\n", "'''", "{}", True]
            )
        )
    elif op == 15:
        d[rng.choice(keys) if keys and rng.random() < 0.5 else "items"] = DEEP
    elif op == 16:  # a component with a hostile name, possibly referenced
        schemas = root.get("components") if isinstance(root, dict) else None
        schemas = schemas.get("schemas") if isinstance(schemas, dict) else None
        if isinstance(schemas, dict):
            name = rng.choice(HOSTILE_NAMES)
            schemas[name] = _small_schema(rng, refs)
            d["$ref"] = "#/components/schemas/" + _esc(name)
    elif op == 17:  # operation-level junk
        d[
            rng.choice(
                [
                    "operationId",
                    "parameters",
                    "requestBody",
                    "responses",
                    "content",
                    "schema",
                    "in",
                    "name",
                    "tags",
                    "required",
                ]
            )
        ] = copy.deepcopy(
            rng.choice(
                JUNK
                + HOSTILE_NAMES
                + [
                    [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                    [{"name": rng.choice(HOSTILE_NAMES), "in": "query"}],
                    {"200": {"description": "x"}},
                    {"default": {"content": {"application/json": {}}}},
                    {"application/json": {"schema": _small_schema(rng, refs)}},
                    {"$ref": "#/components/responses/Nope"},
                ]
            )
        )
    elif op == 18 and keys:  # replace a value with a copy of another node
        _, other = rng.choice(_nodes(root))
        d[rng.choice(keys)] = copy.deepcopy(other)
    elif op == 19:  # $ref with siblings
        d["$ref"] = rng.choice(refs)
        d[rng.choice(["properties", "description", "nullable", "type", "x-a"])] = (
            rng.choice([{"z": {"type": "string"}}, "d", True, "object", 1])
        )
    elif op == 20:  # a cycle of two schemas that only name each other
        schemas = root.get("components") if isinstance(root, dict) else None
        schemas = schemas.get("schemas") if isinstance(schemas, dict) else None
        if isinstance(schemas, dict):
            kw = rng.choice(["oneOf", "allOf", "anyOf", "$ref", "items"])
            a, b = "#/components/schemas/CycA", "#/components/schemas/CycB"
            if kw == "$ref":
                schemas["CycA"], schemas["CycB"] = {"$ref": b}, {"$ref": a}
            elif kw == "items":
                schemas["CycA"] = {"type": "array", "items": {"$ref": b}}
                schemas["CycB"] = {"type": "array", "items": {"$ref": a}}
            else:
                schemas["CycA"] = {kw: [{"$ref": b}, {"type": "string"}]}
                schemas["CycB"] = {kw: [{"$ref": a}, {"type": "integer"}]}
            d["$ref"] = rng.choice([a, b])
    elif op == 21 and isinstance(root, dict):  # the openapi version
        root["openapi"] = rng.choice(
            [
                "2.0",
                "3.2.0",
                "3.0",
                "3.1",
                "garbage",
                3.1,
                3,
                None,
                "",
                "4.0.0",
                "3.1.0",
            ]
        )
        if rng.random() < 0.2:
            root["swagger"] = "2.0"
    elif op == 22:  # nullable and null in odd places
        d["nullable"] = rng.choice([True, False, "true", None])
        if rng.random() < 0.5:
            d["type"] = rng.choice([["null"], "null", ["string", "null", "null"]])
    else:  # a whole subtree replaced by a small schema
        if keys:
            d[rng.choice(keys)] = _small_schema(rng, refs)


def _mutate_list(lst: list, rng: random.Random, refs: list[str]) -> None:
    op = rng.randrange(5)
    if op == 0 and lst:
        del lst[rng.randrange(len(lst))]
    elif op == 1 and lst:
        lst.insert(rng.randrange(len(lst)), copy.deepcopy(rng.choice(lst)))
    elif op == 2:
        lst.insert(rng.randint(0, len(lst)), copy.deepcopy(rng.choice(JUNK)))
    elif op == 3:
        lst.append(_small_schema(rng, refs))
    elif lst:
        lst[rng.randrange(len(lst))] = DEEP


def mutate_spec(root: object, rng: random.Random) -> object:
    """``root`` (a parsed document) with 1 to 6 random mutations (see the module docstring)."""
    if not isinstance(root, (dict, list)) or rng.random() < 0.02:
        return copy.deepcopy(rng.choice(JUNK))
    refs = _pointers(root)
    for _ in range(rng.randint(1, 6)):
        nodes = _nodes(root)
        schemas = [(p, v) for p, v in nodes if isinstance(v, dict) and _schema_like(v)]
        pointer, node = rng.choice(schemas if schemas and rng.random() < 0.7 else nodes)
        if isinstance(node, dict):
            _mutate_dict(node, pointer, root, rng, refs)
        else:
            _mutate_list(node, rng, refs)
    return root


def _deep(rng: random.Random) -> str:
    """A schema nested ``n`` levels deep, as flow text (JSON, and so YAML too)."""
    n = rng.choice([33, 200, 1000, 1001])
    form = rng.randrange(5)
    if form == 0:
        return '{"type": "array", "items": ' * n + '{"type": "string"}' + "}" * n
    if form == 1:
        return '{"type": "object", "properties": {"a": ' * n + "{}" + "}}" * n
    if form == 2:
        return '{"allOf": [' * n + '{"type": "object"}' + "]}" * n
    if form == 3:
        return '{"oneOf": [{"type": "string"}, ' * n + "{}" + "]}" * n
    return "[" * n + "]" * n


def dump(value: object, path: str, rng: random.Random) -> str:
    """``value`` as JSON (a ``.json`` path) or YAML, with the deep-nesting markers filled in."""
    if path.endswith(".json"):
        text = json.dumps(value, ensure_ascii=rng.random() < 0.5, indent=2)
        marker = json.dumps(DEEP)
    else:
        text = yaml.safe_dump(
            value, sort_keys=False, allow_unicode=rng.random() < 0.5, width=80
        )
        marker = DEEP
    while marker in text:
        text = text.replace(marker, _deep(rng), 1)
    return text


def _load(path: str, text: str) -> object:
    return json.loads(text) if path.endswith(".json") else yaml.safe_load(text)


def mutate_case(case: dict[str, str], rng: random.Random) -> dict[str, str]:
    """One golden case's input with its spec files mutated (each written back as YAML or JSON,
    under a name of that kind), its docs mutated as ``test_fuzz`` mutates docs, now and then a
    file left out."""
    out: dict[str, str] = {}
    for path, text in case.items():
        if len(case) > 1 and rng.random() < 0.05:
            continue  # a sibling (or a doc) missing
        if path.endswith(".md"):
            out[path] = mutate(text, rng) if rng.random() < 0.3 else text
            continue
        value = _load(path, text)
        if rng.random() < 0.85:
            value = mutate_spec(value, rng)
        if rng.random() < 0.2:  # the other format, keeping the name $refs use
            as_json = not path.endswith(".json")
        else:
            as_json = path.endswith(".json")
        out[path] = dump(value, ".json" if as_json else ".yaml", rng)
    return out


# ================================================================ running and checking


def run_mapping(specs: dict[str, str], **options):
    from generator import generate

    try:
        return generate(specs, None, write=False, **options)
    except Exception as exc:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"generate raised {exc!r}") from exc


def check_black(files: list[tuple[str, str]]) -> None:
    for path, text in files:
        if path.endswith(".py"):
            assert fmt.format_python(text) == text, f"{path} is not in black's layout"


def check(specs: dict[str, str], options: dict, import_it: bool) -> None:
    result = run_mapping(specs, **options)
    check_result(result, import_it=import_it)
    if result.ok:
        check_black(result.files)
    if result.drift is not None:
        json.loads(result.drift.to_json())


def _options(rng: random.Random) -> dict:
    return {
        "kind": rng.choice(["pydantic", "dataclasses"]),
        "names": "speakeasy" if rng.random() < 0.3 else "stable",
        "allow_missing": rng.random() < 0.3,
    }


def _report(specs: dict[str, str], options: dict) -> str:
    shown = "\n".join(f"--- {p}\n{t[:4000]}" for p, t in specs.items())
    return f"options={options!r}\n{shown}"


# ================================================================ seeded mutation of the golden specs

BATCHES = 6
PER_BATCH = examples(20)  # specs per batch in CI; GEN_MODELS_FUZZ_EXAMPLES for more
_LONG = bool(os.environ.get("GEN_MODELS_FUZZ_EXAMPLES"))


def _seed(batch: int) -> int:
    # CI: fixed seeds; a long local run: fresh ones (printed with any failure)
    return random.SystemRandom().randrange(2**32) if _LONG else 4711 + batch


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_specs_never_raise(batch):
    seed = _seed(batch)
    rng = random.Random(seed)
    assert CASES
    for i in range(PER_BATCH):
        case = rng.choice(CASES)
        specs = mutate_case(case, rng)
        options = _options(rng)
        try:
            check(specs, options, import_it=i % 3 == 0)
        except AssertionError as exc:
            raise AssertionError(
                f"seed {seed}, spec {i}: {exc}\n{_report(specs, options)}"
            ) from exc


@pytest.mark.parametrize("batch", range(2))
def test_mutated_join_never_raises(batch):
    """Spec and docs mutated together: the join meets drift of every kind."""
    seed = _seed(100 + batch)
    rng = random.Random(seed)
    assert JOIN_CASES
    for i in range(PER_BATCH):
        case = rng.choice(JOIN_CASES)
        specs = mutate_case(case, rng)
        for path in [p for p in specs if p.endswith(".md")]:
            if rng.random() < 0.5:
                specs[path] = mutate(specs[path], rng)
        options = _options(rng)
        try:
            check(specs, options, import_it=i % 3 == 0)
        except AssertionError as exc:
            raise AssertionError(
                f"seed {seed}, tree {i}: {exc}\n{_report(specs, options)}"
            ) from exc


# ================================================================ hypothesis: a JSON Schema grammar

COMPONENTS = ["Pet", "Owner", "Tag", "Kind", "pet", "名"]

leaf_schemas = st.one_of(
    st.sampled_from(
        [
            {"type": "string"},
            {"type": "string", "format": "date-time"},
            {"type": "string", "format": "uuid", "nullable": True},
            {"type": "integer", "format": "int64", "minimum": 1},
            {"type": "number", "exclusiveMinimum": 0},
            {"type": "boolean", "default": False},
            {"type": "null"},
            {"type": ["string", "null"]},
            {"type": ["integer", "string"]},
            {},
            True,
            False,
            {"const": "x"},
            {"const": None},
            {"const": {"a": 1}},
            {"type": "object"},
            {"type": "wat"},
        ]
    ),
    st.lists(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-3, 3),
            st.sampled_from(["a", "A", "a-b", "", "class", "名", "1"]),
        ),
        max_size=5,
    ).map(lambda vs: {"enum": vs}),
    st.sampled_from(COMPONENTS).map(lambda n: {"$ref": f"#/components/schemas/{n}"}),
)


def _object(props: dict, required: list[str], extra) -> dict:
    d: dict = {"type": "object", "properties": props}
    if required:
        d["required"] = required
    if extra is not None:
        d["additionalProperties"] = extra
    return d


def _extend(children):
    names = st.one_of(
        st.sampled_from(["id", "type", "class", "kind", "a-b", "名", "", "$ref"]),
        st.from_regex(r"\A[a-z][A-Za-z0-9_]{0,6}\Z"),
    )
    return st.one_of(
        st.builds(
            _object,
            st.dictionaries(names, children, max_size=4),
            st.lists(names, max_size=3),
            st.one_of(st.none(), st.booleans(), children),
        ),
        children.map(lambda c: {"type": "array", "items": c}),
        st.builds(
            lambda kw, ms, disc: {kw: ms}
            | ({"discriminator": {"propertyName": "kind"}} if disc else {}),
            st.sampled_from(["oneOf", "anyOf", "allOf"]),
            st.lists(children, min_size=1, max_size=3),
            st.booleans(),
        ),
        children.map(lambda c: {"allOf": [c], "description": "d"}),
        children.map(lambda c: {"additionalProperties": c}),
    )


schemas = st.recursive(leaf_schemas, _extend, max_leaves=12)


@st.composite
def grammar_specs(draw):
    comps = {
        n: draw(schemas)
        for n in draw(st.lists(st.sampled_from(COMPONENTS), max_size=4))
    }
    spec: dict = {
        "openapi": draw(st.sampled_from(["3.0.3", "3.1.0"])),
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": comps},
    }
    if draw(st.booleans()):
        spec["paths"] = {
            "/pets/{id}": {
                "post": {
                    "operationId": draw(st.sampled_from(["createPet", "x", "名", ""])),
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": draw(schemas),
                        }
                    ],
                    "requestBody": {
                        "content": {"application/json": {"schema": draw(schemas)}}
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": draw(schemas)}},
                        }
                    },
                }
            }
        }
    as_json = draw(st.booleans())
    text = json.dumps(spec) if as_json else yaml.safe_dump(spec, sort_keys=False)
    options = {
        "kind": draw(st.sampled_from(["pydantic", "dataclasses"])),
        "names": draw(st.sampled_from(["stable", "speakeasy"])),
    }
    return {"api.json" if as_json else "api.yaml": text}, options


@settings(max_examples=examples(40))
@given(grammar_specs())
def test_schema_grammar_property(tree):
    specs, options = tree
    try:
        check(specs, options, import_it=True)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n{_report(specs, options)}") from exc
