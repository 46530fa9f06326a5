"""Nullability evidence from TypeScript examples (generator/evidence.py)."""

from __future__ import annotations

from generator import generate
from generator.evidence import null_paths

from .helpers import write_docs

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
    assert null_paths("let value: X = {\n}\n}\n]\n") == []  # unbalanced closers do not crash


def _object(name: str, example: str, rows: list[str]) -> str:
    head = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"
    return f"# {name}\n\n## Example Usage\n\n```typescript\n{example}\n```\n\n## Fields\n\n{head}" + "\n".join(rows) + "\n"


def test_a_nested_null_makes_the_nested_required_field_nullable(tmp_path):
    outer = _object(
        "Outer",
        "let value: Outer = {\n  inner: [\n    {\n      code: null,\n    },\n  ],\n};",
        ["| `inner` | [components.Inner](../../models/components/inner.md)[] | :heavy_check_mark: | N/A |"],
    )
    inner = _object(
        "Inner",
        'let value: Inner = {\n  code: "x",\n  other: "y",\n};',
        ["| `code` | *string* | :heavy_check_mark: | N/A |", "| `other` | *string* | :heavy_check_mark: | N/A |"],
    )
    specs = write_docs(tmp_path / "specs", {"models/components/outer.md": outer, "models/components/inner.md": inner})
    result = generate(specs, write=False, docs=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    text = dict(result.files)["models/components/inner.py"]
    assert "    code: str | None\n" in text  # required, but may be null
    assert "    other: str\n" in text
