"""The Ruby dialect (generator/parse/dialects/ruby.py, reference 7.8): Sorbet Type cells of both
eras, the swapped date links, JSON names of reserved-name Field cells, detection."""

from __future__ import annotations

import pytest

from generator import generate
from generator.ir import (
    ANY,
    BOOLEAN,
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    NUMBER,
    STRING,
    DictOf,
    ListOf,
    Nullable,
    UnionOf,
)
from generator.parse.dialects import DIALECTS, detect
from generator.parse.dialects.base import Evidence
from generator.parse.dialects.ruby import DIALECT as rb
from generator.parse.table import split_row
from generator.parse.types import SKIP, Optional_, RawRef, TypeSyntaxError, parse_cell

from .helpers import object_doc

CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"
RD = "https://ruby-doc.org/stdlib-2.6.1/libdoc/date/rdoc"
X = "../../models/shared/x.md"

RUBY_CASES = [
    # 2023
    ("*String*", STRING),
    ("*Integer*", INTEGER),
    ("*Float*", NUMBER),
    ("*T::Boolean*", BOOLEAN),
    ("*Object*", ANY),
    ("*T.nilable(String)*", Optional_(STRING)),
    ("*T.nilable(T::Boolean)*", Optional_(BOOLEAN)),
    ("T::Array<*String*>", ListOf(STRING)),
    ("T::Array<T::Array<*String*>>", ListOf(ListOf(STRING))),
    ("T::Hash[Symbol, *String*]", DictOf(STRING)),
    ("T::Hash[Symbol, T::Array<*String*>]", DictOf(ListOf(STRING))),
    ("T::Hash[Symbol, T::Hash[Symbol, *String*]]", DictOf(DictOf(STRING))),
    ("T::Array<T::Hash[Symbol, *Integer*]>", ListOf(DictOf(INTEGER))),
    (f"[Shared::X]({X})", RawRef("shared.X", X)),
    (f"[T.nilable(Shared::X)]({X})", Optional_(RawRef("shared.X", X))),
    (f"T::Array<[Shared::X]({X})>", ListOf(RawRef("shared.X", X))),
    (f"T::Hash[Symbol, [Shared::X]({X})]", DictOf(RawRef("shared.X", X))),
    # the date links are swapped (reference 7.8)
    (f"[Date]({RD}/Date.html)", DATETIME),
    (f"[DateTime]({RD}/DateTime.html)", DATE),
    (f"T::Array<[DateTime]({RD}/DateTime.html)>", ListOf(DATE)),
    (f"T::Hash[Symbol, [Date]({RD}/Date.html)]", DictOf(DATETIME)),
    # gen 2.429 on: rooted names
    ("*::String*", STRING),
    ("*::Integer*", INTEGER),
    ("*::Float*", NUMBER),
    ("*::Object*", ANY),
    ("*::BigDecimal*", DECIMAL),
    ("*T.nilable(::String)*", Optional_(STRING)),
    ("T::Array<*::String*>", ListOf(STRING)),
    ("T::Hash[Symbol, *::Object*]", DictOf(ANY)),
    ("T::Array[::String]", ListOf(STRING)),
    ("*T::Array<T.nilable(::String)>*", ListOf(Nullable(STRING))),
    (f"[::OpenApiSDK::Shared::X]({X})", RawRef("shared.X", X)),
    (f"[T.nilable(::OpenApiSDK::Shared::X)]({X})", Optional_(RawRef("shared.X", X))),
    (f"[Models::Components::X]({X})", RawRef("components.X", X)),
    # unions: T.any names the members (Ruby SDKs link no union doc)
    ("*T.any(::String, ::Integer)*", UnionOf((STRING, INTEGER))),
    (
        f"[T.any(Models::Components::A, Models::Components::B)]({X})",
        UnionOf((RawRef("components.A"), RawRef("components.B"))),
    ),
    (
        f"T::Array<[T.any(Models::Components::A, ::String)]({X})>",
        ListOf(UnionOf((RawRef("components.A"), STRING))),
    ),
]


@pytest.mark.parametrize("cell,expected", RUBY_CASES, ids=[c for c, _ in RUBY_CASES])
def test_ruby(cell, expected):
    assert parse_cell(cell, rb) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "[Faraday::Response](https://www.rubydoc.info/gems/faraday/Faraday/Response)",
        "[T.nilable(Faraday::Response)](https://www.rubydoc.info/gems/faraday/Faraday/Response)",
    ],
)
def test_ruby_raw_response_is_skipped(cell):
    assert parse_cell(cell, rb) is SKIP


@pytest.mark.parametrize(
    "cell", ["*string*", "*str*", "*NilClass*", "[Unknown](https://example.com)"]
)
def test_ruby_unknown_types_raise_type_syntax_error(cell):
    with pytest.raises(TypeSyntaxError):
        parse_cell(cell, rb)


@pytest.mark.parametrize(
    "field,json_name",
    [
        ("str_", "str"),
        ("fields_", "fields"),
        ("class_", "class"),
        ("end_", "end"),
        ("name", "name"),
        (
            "bigint_str",
            "bigint_str",
        ),  # snake_case stays: the wire name is not in the docs
        ("name_", "name_"),  # not a reserved name
        ("__x__", "__x__"),
    ],
)
def test_ruby_json_names_drop_the_reserved_name_suffix(field, json_name):
    assert rb.json_name(field) == json_name


# ---------------------------------------------------------------- detection


def _evidence(path: str, *rows: str) -> Evidence:
    """What detection shows the scores of an object doc with these rows at ``path``."""
    cells = [split_row(r, 1).cells for r in rows]
    return Evidence(
        path,
        "Pet",
        "object",
        "\n".join(c[1].text for c in cells),
        tuple(c[0].text.strip("~`") for c in cells),
        object_doc("Pet", *rows),
    )


def _detected(path: str, *rows: str) -> str:
    return detect([], lambda: _evidence(path, *rows))


def test_ruby_spellings_tell_ruby_anywhere():
    for row in (
        f"| `name` | *T.nilable(String)* | {MINUS} | N/A |",
        f"| `tags` | T::Array<*String*> | {CHECK} | N/A |",
        f"| `ok` | *T::Boolean* | {CHECK} | N/A |",
        f"| `id` | *::String* | {CHECK} | N/A |",
        f"| `x` | [Shared::X]({X}) | {CHECK} | N/A |",
        f"| `at` | [Date]({RD}/Date.html) | {CHECK} | N/A |",
    ):
        assert _detected("pet.md", row) == "ruby", row


def test_capitalised_primitives_tell_ruby_only_in_lower_case_file_names():
    """``*String*`` / ``*Integer*`` are Java's 2023 spellings too; Java keeps the model's capitals
    in its file names, Ruby lower-cases them."""
    rows = (
        f"| `name` | *String* | {CHECK} | N/A |",
        f"| `age` | *Integer* | {CHECK} | N/A |",
    )
    assert _detected("docs/models/shared/pet.md", *rows) == "ruby"
    assert rb.score(_evidence("docs/models/shared/Pet.md", *rows)) == 0


def test_ruby_steals_no_typescript_or_python_doc():
    ts = f"| `name` | *string* | {CHECK} | N/A |"
    py = f"| `name` | *str* | {CHECK} | N/A |"
    for row in (ts, py):
        assert rb.score(_evidence("docs/models/pet.md", row)) == 0
    assert _detected("docs/models/pet.md", py) == "python"


def test_the_ruby_fence_decides():
    def evidence() -> Evidence:
        raise AssertionError("a fence decides without evidence")

    assert detect(["ruby"], evidence) == "ruby"
    assert "ruby" in DIALECTS


def test_a_ruby_response_wrapper_drops_the_raw_response_and_keeps_snake_case():
    doc = object_doc(
        "GetPetResponse",
        f"| `content_type` | *String* | {CHECK} | N/A |",
        f"| `status_code` | *Integer* | {CHECK} | N/A |",
        f"| `raw_response` | [Faraday::Response](https://www.rubydoc.info/gems/faraday/Faraday/Response) | {MINUS} | N/A |",
        f"| `str_` | *T.nilable(String)* | {MINUS} | N/A |",
    )
    result = generate({"models/operations/getpetresponse.md": doc}, write=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    (model,) = result.package.models
    assert [f.name for f in model.fields] == ["content_type", "status_code", "str"]
