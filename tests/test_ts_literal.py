"""Unit tests of tests/support/ts_literal.py: TS example literals -> JSON-able Python values."""

from __future__ import annotations

import math

import pytest
from support.ts_literal import (
    TsSyntaxError,
    Unsupported,
    example_usage_code,
    parse_example,
    parse_value,
    union_member_codes,
)

# ---------------------------------------------------------------- scalars


@pytest.mark.parametrize(
    "src, expected",
    [
        ('"abc"', "abc"),
        ("'abc'", "abc"),
        ("`abc`", "abc"),
        (r'"a\"b\\c\nd\te"', 'a"b\\c\nd\te'),
        (r"'it\'s'", "it's"),
        (r'"\u00e9\x41\u{1F600}"', "éA😀"),
        (r'"\ud83d\ude00"', "😀"),
        ('"<id>"', "<id>"),
        ('"a // not a comment /* nor this */"', "a // not a comment /* nor this */"),
        ("0", 0),
        ("42", 42),
        ("-1", -1),
        ("+3", 3),
        ("7730.84", 7730.84),
        ("-0.5", -0.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("-2.5E-3", -0.0025),
        ("1_000", 1000),
        ("0x1F", 31),
        ("123n", 123),
        ("BigInt(123)", 123),
        ('BigInt("9007199254740993")', 9007199254740993),
        ("true", True),
        ("false", False),
        ("null", None),
        ("undefined", None),
        ('new Date("2025-01-01T00:00:00Z")', "2025-01-01T00:00:00Z"),
        ('new RFCDate("2024-01-01")', "2024-01-01"),
        ('"x" as const', "x"),
    ],
)
def test_scalars(src, expected):
    value = parse_value(src)
    assert value == expected
    assert type(value) is type(expected)


def test_special_numbers():
    assert parse_value("Infinity") == math.inf
    assert parse_value("-Infinity") == -math.inf
    assert math.isnan(parse_value("NaN"))


# ---------------------------------------------------------------- containers


def test_object_with_everything():
    src = """{
      id: "<id>",
      created: 7730.84,
      choices: [
        {
          index: 9587.41,
        },
      ],
      model: "Alpine",
      "key": "<value>",
      'single-quoted': 1,
      nested: { deep: { deeper: [] } },
      when: new Date("2025-01-01T00:00:00Z"),
      date: new RFCDate("2024-01-01"),
      big: BigInt(123),
      n: -1,
      ok: true,
      nothing: null,
      gone: undefined,
      arr: [1, 2],
    }"""
    assert parse_value(src) == {
        "id": "<id>",
        "created": 7730.84,
        "choices": [{"index": 9587.41}],
        "model": "Alpine",
        "key": "<value>",
        "single-quoted": 1,
        "nested": {"deep": {"deeper": []}},
        "when": "2025-01-01T00:00:00Z",
        "date": "2024-01-01",
        "big": 123,
        "n": -1,
        "ok": True,
        "nothing": None,
        "arr": [1, 2],
    }


def test_trailing_commas_and_empty_containers():
    assert parse_value("[1, 2, ]") == [1, 2]
    assert parse_value("{ a: 1, }") == {"a": 1}
    assert parse_value("[]") == []
    assert parse_value("{}") == {}
    assert parse_value("[[], [{}]]") == [[], [{}]]


def test_comments_are_ignored():
    src = """{
      // a line comment
      a: 1, /* a block
      comment */ b: "x", // trailing
    }"""
    assert parse_value(src) == {"a": 1, "b": "x"}


def test_keywords_as_keys_and_numeric_keys():
    assert parse_value("{ null: 1, true: 2, new: 3, default: 4, 200: 5 }") == {
        "null": 1,
        "true": 2,
        "new": 3,
        "default": 4,
        "200": 5,
    }


# ---------------------------------------------------------------- statements


def test_object_doc_example():
    code = """import { TextPart } from "@orq-ai/node/models/components";

let value: TextPart = {
  kind: "text",
  text: "<value>",
};
"""
    ex = parse_example(code)
    assert (ex.name, ex.type, ex.value) == (
        "value",
        "TextPart",
        {"kind": "text", "text": "<value>"},
    )


def test_enum_doc_example_with_open_enum_comment():
    code = """import { Role } from "x/models/components";

// Open enum: unrecognized values are captured as Unrecognized<string>
let value: Role = "assistant";
"""
    assert parse_example(code).value == "assistant"
    assert parse_example("let value: Code = 100;").value == 100


def test_union_member_example_with_generic_type_and_wrapped_declaration():
    code = """const value:
  Record<string, components.X[]> =
    {
      a: [{ b: "c" }],
    };"""
    ex = parse_example(code)
    assert ex.type == "Record<string, components.X[]>"
    assert ex.value == {"a": [{"b": "c"}]}
    assert parse_example('const value: string = "<value>";').value == "<value>"
    assert parse_example("const value: components.Two[] = [];").value == []


def test_multiline_import():
    code = """import {
  AVeryLongName,
} from "@orq-ai/node/models/operations";

let value: AVeryLongName = { a: 1 };"""
    assert parse_example(code).value == {"a": 1}


def test_python_enum_example():
    code = """from orq_ai_sdk.models import Role

# Open enum: unrecognized values are captured as UnrecognizedStr
value: Role = "assistant"
"""
    assert parse_example(code).value == "assistant"


# ---------------------------------------------------------------- unsupported / errors


@pytest.mark.parametrize(
    "code, reason",
    [
        ('let value: X = { content: await openAsBlob("example.file") };', "openAsBlob"),
        ("let value: X = { s: new ReadableStream() };", "new ReadableStream"),
        ("let value: X = { b: new Uint8Array([1, 2]) };", "new Uint8Array"),
        ('let value: X = { f: someFunction("a") };', "call"),
        ("let value: X = { e: Role.Admin };", "identifier"),
        ("let value: X = { ...other };", "spread"),
        ("let value: X = `a${b}c`;", "template substitution"),
        ("let value: X = new Foo();", "new"),
        (
            'import { X } from "y";\n\n// No examples available for this model\n',
            "no example",
        ),
        ("const value: EventStream<operations.X> = ;", "empty value"),
        ("value: models.TextPart = /* values here */", "empty value"),
    ],
)
def test_unsupported(code, reason):
    with pytest.raises(Unsupported) as info:
        parse_example(code)
    assert info.value.reason == reason


@pytest.mark.parametrize(
    "code",
    [
        "let value: X = { a: 1 ",
        "let value: X = { a 1 };",
        'let value: X = "unterminated;',
        "let value: X = [1 2];",
        "let value: X = { a: 1 }; extra",
        "just some text",
    ],
)
def test_syntax_errors(code):
    with pytest.raises(TsSyntaxError):
        parse_example(code)


def test_unsupported_is_not_a_syntax_error():
    assert not issubclass(Unsupported, TsSyntaxError)


# ---------------------------------------------------------------- markdown helpers

DOC = """# Content

Some intro with a fake heading in a fence:

```text
## Example Usage
```

## Example Usage

```typescript
let value: Content = { a: 1 };
```

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
"""

UNION = """# Content

## Supported Types

### `string`

```typescript
const value: string = "<value>";
```

### `EventStream<operations.X>`

### `components.Two[]`

```typescript
const value: components.Two[] = [
  {
    type: "text",
  },
];
```
"""


def test_example_usage_code():
    assert example_usage_code(DOC).strip() == "let value: Content = { a: 1 };"
    assert example_usage_code(UNION) is None


def test_union_member_codes():
    members = union_member_codes(UNION)
    assert [h for h, _ in members] == ["string", "components.Two[]"]
    assert [parse_example(c).value for _, c in members] == [
        "<value>",
        [{"type": "text"}],
    ]
    assert union_member_codes(DOC) == []
