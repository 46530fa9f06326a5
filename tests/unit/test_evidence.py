"""Nullability evidence from TypeScript examples (the scanner in generator/parse/dialects/typescript.py, the path follower in generator/evidence.py)."""

from __future__ import annotations

import pytest

from generator import generate, ir
from generator.evidence import nullable_from_examples
from generator.parse.dialects.typescript import MAX_DEPTH, null_paths

from .helpers import write_docs
from .timing import assert_linear, assert_scales

WRAPPED = """import {
  VeryLongName,
} from "x/models/components";

let value:
  VeryLongName =
    {
      name: "<value>",
      parameters: null,
      nested: {
        deep: [
          {
            flag: null,
          },
        ],
        "odd-key": null,
      },
      list: [
        null,
      ],
      after: null,
    };
"""


def test_null_paths_follow_objects_arrays_and_wrapped_declarations():
    assert null_paths(WRAPPED) == [
        ("parameters",),
        ("nested", "deep", "[]", "flag"),
        ("nested", "odd-key"),
        ("list", "[]"),
        ("after",),
    ]


def test_null_paths_of_non_object_examples_are_empty():
    assert null_paths('let value: X = "a";') == []
    assert null_paths("no declaration at all") == []
    assert (
        null_paths("let value: X = {\n}\n}\n]\n") == []
    )  # unbalanced closers do not crash


def _object(name: str, example: str, rows: list[str]) -> str:
    head = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
    return (
        f"# {name}\n\n## Example Usage\n\n```typescript\n{example}\n```\n\n## Fields\n\n{head}"
        + "\n".join(rows)
        + "\n"
    )


def test_a_nested_null_makes_the_nested_required_field_nullable(tmp_path):
    outer = _object(
        "Outer",
        "let value: Outer = {\n  inner: [\n    {\n      code: null,\n    },\n  ],\n};",
        [
            "| `inner` | [components.Inner](../../models/components/inner.md)[] | :heavy_check_mark: | N/A |"
        ],
    )
    inner = _object(
        "Inner",
        'let value: Inner = {\n  code: "x",\n  other: "y",\n};',
        [
            "| `code` | *string* | :heavy_check_mark: | N/A |",
            "| `other` | *string* | :heavy_check_mark: | N/A |",
        ],
    )
    specs = write_docs(
        tmp_path / "specs",
        {"models/components/outer.md": outer, "models/components/inner.md": inner},
    )
    result = generate(specs, write=False, docs=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    text = dict(result.files)["models/components/inner.py"]
    assert "    code: str | None\n" in text  # required, but may be null
    assert "    other: str\n" in text


# ---------------------------------------------------------------- linear time on hostile examples


def test_values_are_stripped_and_deep_nulls_are_not_followed():
    assert null_paths("let value: X = {\n  a:    null   ,\n  b: x   y,\n};") == [("a",)]
    deep = (
        "let value: X = {\n"
        + "  a: {\n" * (MAX_DEPTH + 5)
        + "  b: null,\n"
        + "  }\n" * (MAX_DEPTH + 6)
    )
    assert null_paths(deep) == []
    shallow = (
        "let value: X = {\n"
        + "  a: {\n" * (MAX_DEPTH - 1)
        + "  b: null,\n"
        + "  }\n" * MAX_DEPTH
    )
    assert null_paths(shallow) == [("a",) * (MAX_DEPTH - 1) + ("b",)]


HOSTILE_EXAMPLES = {
    # the property regex rescanned a run of spaces inside a value from each of its characters
    "spaces inside a value": (
        lambda n: "let value: X = {\n  a: b" + " " * n + "c,\n};",
        20_000,
    ),
    # a declaration prettier never closed with '=' was regrown and rescanned line by line
    "declaration without '='": (lambda n: "let value:\n" + "  A\n" * (n // 4), 100_000),
    # each null cost its whole depth
    "deep objects, many nulls": (
        lambda n: "let value: X = {\n"
        + "a: {\n" * (n // 10)
        + "b: null,\n" * (n // 18),
        20_000,
    ),
}


@pytest.mark.parametrize("shape", HOSTILE_EXAMPLES)
def test_null_paths_take_linear_time(shape):
    make, n = HOSTILE_EXAMPLES[shape]
    assert_linear(null_paths, make, n)


def _model(name: str, fields: list[tuple[str, ir.TypeExpr]]) -> ir.ObjectModel:
    source = ir.Source(f"models/c/{name.lower()}.md")
    return ir.ObjectModel(
        ir.ModelKey("c", name),
        "",
        None,
        source,
        fields=tuple(ir.Field(f, t, True, source) for f, t in fields),
    )


def test_following_paths_takes_linear_time():
    """A union of many object members, each of many fields, and an example of many nulls."""

    def make(n: int):
        k = max(2, int(n**0.5) // 4)  # k members of k fields, n // 16 >= k * k nulls
        members = [
            _model(f"M{i}", [(f"f{i}_{j}", ir.STRING) for j in range(k)])
            for i in range(k)
        ]
        union = ir.UnionModel(
            ir.ModelKey("c", "U"),
            "",
            None,
            ir.Source("models/c/u.md"),
            members=tuple(ir.Ref(m.key) for m in members),
        )
        root = _model("Root", [("u", ir.Ref(union.key))])
        lines = [f"  f{i % k}_{i // k % k}: null," for i in range(n // 16)]
        code = "let value: Root = {\n  u: {\n" + "\n".join(lines) + "\n  },\n};"
        return [union, root, *members], [(ir.Ref(root.key), null_paths(code))]

    def run(case):
        models, examples = case
        return nullable_from_examples(models, examples)

    small, big = make(20_000), make(80_000)
    assert_scales(lambda: run(small), lambda: run(big), "20,000 example lines")
    marked = run(small)  # every field of every member is set to null once
    assert all(
        isinstance(f.type, ir.Nullable)
        for m in marked
        if m.key.name.startswith("M")
        for f in m.fields
    )
