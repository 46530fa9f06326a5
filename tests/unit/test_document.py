"""Field-level rules of parse/document.py."""

from __future__ import annotations

import pytest

from generator import generate
from generator.diagnostics import Diagnostics
from generator.ir import NUMBER, STRING
from generator.parse.dialects.base import DECLARED_TYPE
from generator.parse.document import parse_document
from generator.read import SourceFile

from .helpers import write_docs
from .timing import assert_linear

DOC = """# GetFileResponse


## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `content_type` | *str* | :heavy_check_mark: | HTTP response content type for this operation |
| `bytes` | *Optional[requests_http.Response]* | :heavy_minus_sign: | OK |
| `raw_response` | *Optional[requests_http.Response]* | :heavy_minus_sign: | Raw HTTP response |
"""


def test_raw_response_is_skipped_but_a_streamed_body_is_bytes(tmp_path):
    specs = write_docs(
        tmp_path / "specs", {"docs/models/operations/getfileresponse.md": DOC}
    )
    result = generate(specs, write=False, docs=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    text = dict(result.files)["models/operations/getfileresponse.py"]
    assert 'bytes_: bytes | None = Field(default=None, alias="bytes")' in text
    assert "raw_response" not in text


# ---------------------------------------------------------------- linear time on hostile docs


def _parse(text: str, path: str = "models/components/x.md"):
    diags = Diagnostics()
    return parse_document(SourceFile(path, text), diags), diags


def _member_type(code: str) -> str | None:
    m = DECLARED_TYPE.search(code)
    return m.group(1).rstrip() if m else None


@pytest.mark.parametrize(
    "code, expected",
    [
        ('const value: string = "x";\n', "string"),
        (
            "import { X } from 'y';\n\nlet value: components.Foo[] = [];\n",
            "components.Foo[]",
        ),
        ("let value:\n  Foo =\n  {};\n", "Foo"),  # prettier wraps a long declaration
        ("value: Record<string, any>   = {};", "Record<string, any>"),
        ("x: Foo\n  = 1", "Foo"),
        ("a: b\nc: d = 1\n", "d"),
        ("no declaration here\n", None),
    ],
)
def test_member_type_from_its_example(code, expected):
    assert _member_type(code) == expected


def test_member_without_heading_takes_the_type_of_its_example():
    doc = '# U\n\n## Supported Types\n\n### \n\n```typescript\nconst value: string = "";\n```\n\n### `number`\n'
    raw, diags = _parse(doc)
    assert raw is not None, [str(d) for d in diags.items]
    assert [m.type for m in raw.members] == [STRING, NUMBER]


def _union(code: str) -> str:
    return "# U\n\n## Supported Types\n\n### \n\n```typescript\n" + code + "\n```\n"


# the member-type regex on its three quadratic-or-worse shapes, then the loops over blocks
HOSTILE_DOCS = {
    "tabs after a colon": (lambda n: _union("x: " + "\t" * n + "!"), 1_000),
    "blank lines after a declaration": (
        lambda n: _union("const value: " + "\n" * n),
        5_000,
    ),
    "spaces inside the type": (
        lambda n: _union("const value: a" + " " * n + "b"),
        5_000,
    ),
    "many member headings": (
        lambda n: "# U\n\n## Supported Types\n\n"
        + '### `string`\n\n```ts\nconst value: string = "";\n```\n\n' * (n // 50),
        20_000,
    ),
    "many example sections": (
        lambda n: "# A\n\n"
        + "## Example Usage\n\n```ts\nx\n```\n\n" * (n // 30)
        + "## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n",
        20_000,
    ),
}


@pytest.mark.parametrize("shape", HOSTILE_DOCS)
def test_parse_document_takes_linear_time(shape):
    make, n = HOSTILE_DOCS[shape]
    assert_linear(_parse, make, n)


@pytest.mark.parametrize(
    "section",
    ["", "The members of this union are decided by the server.\n"],
    ids=["empty", "prose only"],
)
def test_a_union_doc_without_members_is_any_with_a_warning(section):
    """Empty and prose-only union docs (Go, Java): the best type the docs allow, and say so."""
    doc = "# Meta\n\nFree-form.\n\n## Supported Types\n\n" + section
    result = generate({"models/components/meta.md": doc}, write=False, docs=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    (model,) = result.package.models
    assert not model.known and model.members == ()
    assert [(d.severity.name, d.code) for d in result.diagnostics] == [
        ("WARNING", "link-union-unknown")
    ]
