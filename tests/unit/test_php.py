"""The PHP dialect (generator/parse/dialects/php.py, reference 7.7): its Type-cell grammar, what
its examples tell (``\\DateTime`` read as a date), union members, detection; and the protocol
hook PHP brought (``example_type``), whose default changes nothing."""

from __future__ import annotations

import pytest

from generator import generate
from generator.ir import (
    ANY,
    BINARY,
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
from generator.parse.dialects.base import Dialect, Evidence
from generator.parse.dialects.php import DIALECT as php
from generator.parse.table import split_row
from generator.parse.types import (
    SKIP,
    Optional_,
    RawRef,
    TypeSyntaxError,
    parse_cell,
)

from .helpers import object_doc

CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"
PHP_NET = "https://www.php.net/manual/en/class.datetime.php"
X = "../../Models/Shared/X.md"
C = "../../Models/Components/X.md"
FQ = "\\Acme\\Pets\\Models\\Shared\\X"

PHP_CASES = [
    ("*string*", STRING),
    ("*int*", INTEGER),
    ("*float*", NUMBER),
    ("*bool*", BOOLEAN),
    ("*mixed*", ANY),
    ("*?string*", Optional_(STRING)),
    ("*?int*", Optional_(INTEGER)),
    ("*\\Brick\\Math\\BigDecimal*", DECIMAL),
    ("*?\\Brick\\Math\\BigInteger*", Optional_(INTEGER)),
    ("*?\\Psr\\Http\\Message\\StreamInterface*", Optional_(BINARY)),
    ("array<*string*>", ListOf(STRING)),
    ("array<*?string*>", ListOf(Nullable(STRING))),
    ("array<array<*string*>>", ListOf(ListOf(STRING))),
    ("array<string, *mixed*>", DictOf(ANY)),
    ("array<string, array<*string*>>", DictOf(ListOf(STRING))),
    ("array<array<string, *int*>>", ListOf(DictOf(INTEGER))),
    ("array\\<string, *float*>", DictOf(NUMBER)),
    (f"[\\DateTime]({PHP_NET})", DATETIME),
    (f"array<string, [\\DateTime]({PHP_NET})>", DictOf(DATETIME)),
    (f"[?\\DateTime]({PHP_NET})", Optional_(DATETIME)),
    ("[\\Brick\\DateTime\\LocalDate](https://github.com/brick/date-time)", DATE),
    ("[LocalDate](../../.md)", DATE),  # no doc: a link without a file name
    # 2023: fully qualified classes
    (f"[{FQ}]({X})", RawRef("Acme.Pets.Models.Shared.X", X)),
    (f"[?{FQ}]({X})", Optional_(RawRef("Acme.Pets.Models.Shared.X", X))),
    (f"array<[{FQ}]({X})>", ListOf(RawRef("Acme.Pets.Models.Shared.X", X))),
    (f"array<string, [{FQ}]({X})>", DictOf(RawRef("Acme.Pets.Models.Shared.X", X))),
    # 2025: short classes
    (f"[Components\\X]({C})", RawRef("Components.X", C)),
    (f"[?Components\\X]({C})", Optional_(RawRef("Components.X", C))),
    ("*Components\\X*", RawRef("Components.X")),
    # unions as link text: the linked union doc; null makes it optional or nullable
    (f"[Components\\A|Components\\B]({C})", RawRef("Components\\A|Components\\B", C)),
    (f"[string|array|null]({C})", Optional_(RawRef("string|array|null", C))),
    (
        f"array<[Components\\A|Components\\B]({C})>",
        ListOf(RawRef("Components\\A|Components\\B", C)),
    ),
    # ... or, linked to no doc, the union of what the text names
    (
        "[\\DateTime|\\Brick\\Math\\BigInteger](../../.md)",
        UnionOf((DATETIME, INTEGER)),
    ),
    ("*array*", UnionOf((ListOf(ANY), DictOf(ANY)))),
]


@pytest.mark.parametrize("cell,expected", PHP_CASES, ids=[c for c, _ in PHP_CASES])
def test_php(cell, expected):
    assert parse_cell(cell, php) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "[\\Psr\\Http\\Message\\ResponseInterface](https://www.php-fig.org/psr/psr-7/#33-psrhttpmessageresponseinterface)",
        "[?\\Psr\\Http\\Message\\ResponseInterface](https://www.php-fig.org/psr/psr-7/)",
    ],
)
def test_php_raw_response_is_skipped(cell):
    assert parse_cell(cell, php) is SKIP


@pytest.mark.parametrize(
    "cell",
    ["*number*", "*str*", "*null*", "[Unknown](https://example.com)"],
)
def test_php_unknown_types_raise_type_syntax_error(cell):
    with pytest.raises(TypeSyntaxError):
        parse_cell(cell, php)


# ---------------------------------------------------------------- examples


@pytest.mark.parametrize(
    "t,example,expected",
    [
        (DATETIME, "2020-01-01", DATE),
        (Optional_(DATETIME), " 2020-01-01 ", Optional_(DATE)),
        (DATETIME, "2020-01-01T00:00:00Z", DATETIME),
        (DATETIME, "", DATETIME),
        (STRING, "2020-01-01", STRING),  # only \DateTime is ambiguous
        (ListOf(DATETIME), "2020-01-01", ListOf(DATETIME)),
    ],
)
def test_php_datetime_with_a_date_example_is_a_date(t, example, expected):
    assert php.example_type(t, example) == expected


def test_the_example_decides_in_a_generated_model():
    doc = (
        object_doc(
            "Pet",
            f"| `born` | [\\DateTime]({PHP_NET}) | {CHECK} | N/A | 2020-01-01 |",
            f"| `seen` | [\\DateTime]({PHP_NET}) | {MINUS} | N/A | 2020-01-01T10:00:00Z |",
        )
        .replace("| Description |", "| Description | Example |")
        .replace("| ----------- |", "| ----------- | ------- |")
    )
    result = generate({"Models/Shared/Pet.md": doc}, write=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    (model,) = result.package.models
    assert [f.type for f in model.fields] == [DATE, DATETIME]


# ---------------------------------------------------------------- union members


def test_an_array_member_takes_its_items_from_the_docblock():
    code = "/**\n* @var array<Components\\MmsMessage>\n*/\narray $value = /* values here */"
    assert php.member_heading("`array`", code) == ("array<Components\\MmsMessage>", "")
    assert php.member_heading("`array`", "") == ("array", "")
    assert php.member_heading("`Components\\X`", code) == ("Components\\X", "")
    assert php.member_heading("`Components\\X|null`", "") == ("?Components\\X", "")
    assert php.member_heading("", code) == ("array<Components\\MmsMessage>", "")


@pytest.mark.parametrize(
    "code,declared",
    [
        (
            "/**\n* @var \\Acme\\Models\\Components\\X\n*/\nComponents\\X $value = 1",
            "\\Acme\\Models\\Components\\X",
        ),
        (
            "/**\n * @var array<string, mixed>\n */\narray $value = []",
            "array<string, mixed>",
        ),
        ("Components\\X $value = /* values here */", "Components\\X"),
        ("no declaration", ""),
    ],
)
def test_php_member_type(code, declared):
    assert php.member_type(code) == declared


def test_php_union_doc():
    doc = """# Content

## Supported Types

### `Components\\Line`

```php
/**
* @var \\Acme\\Models\\Components\\Line
*/
Components\\Line $value = /* values here */
```

### `array`

```php
/**
* @var array<Components\\Line>
*/
array $value = /* values here */
```

### `string|null`

```php
string $value = /* values here */
```
"""
    line = object_doc("Line", f"| `sku` | *string* | {CHECK} | N/A |")
    result = generate(
        {"Models/Components/Content.md": doc, "Models/Components/Line.md": line},
        write=False,
    )
    assert result.ok, [str(d) for d in result.diagnostics]
    content = next(m for m in result.package.models if m.key.name == "Content")
    ref = content.members[0]
    assert content.members == (ref, ListOf(ref), Nullable(STRING))


# ---------------------------------------------------------------- detection


ROWS = (
    f"| `name` | *string* | {CHECK} | N/A |",
    f"| `count` | *int* | {CHECK} | N/A |",
    f"| `int` | *int* | {CHECK} | N/A |",
)


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
    """The dialect an object doc with these rows at ``path`` is detected in, "" for none."""
    return detect([], lambda: _evidence(path, *rows))


def test_php_spellings_tell_php_anywhere():
    for row in (
        f"| `name` | *?string* | {MINUS} | N/A |",
        f"| `any` | *mixed* | {CHECK} | N/A |",
        f"| `tags` | array<string, *mixed*> | {CHECK} | N/A |",
        f"| `at` | [\\DateTime]({PHP_NET}) | {CHECK} | N/A |",
        f"| `x` | [Components\\X]({C}) | {CHECK} | N/A |",
        f"| `x` | [?Components\\X]({C}) | {MINUS} | N/A |",
    ):
        assert _detected("models/pet.md", row) == "php", row


def test_camel_case_fields_in_php_folders_outweigh_shared_primitives():
    """``*string*`` is TypeScript's too, ``*int*`` Python's (which wins this doc elsewhere): in a
    ``Models`` folder camelCase fields tell PHP."""
    assert DIALECTS["python"].score(_evidence("x.md", *ROWS)) > 0
    assert _detected("docs/Models/Shared/Pet.md", *ROWS) == "php"
    assert _detected("docs/models/shared/pet.md", *ROWS) != "php"
    # C# writes PascalCase fields in the same folders: only the folder counts for PHP, and C#
    pascal = f"| `Name` | *string* | {CHECK} | N/A |"
    assert php.score(_evidence("docs/Models/Shared/Pet.md", pascal)) == 1
    assert _detected("docs/Models/Shared/Pet.md", pascal) == "csharp"


def test_below_the_models_folder_a_capitalised_file_name_needs_php_types():
    """``Shared/Pet.md`` (SPECS is the ``Models`` folder) is Java's layout too: the file name
    counts only where every italic type is one PHP writes, and there is one."""
    java = (
        f"| `name` | *String* | {CHECK} | N/A |",
        f"| `age` | *long* | {CHECK} | N/A |",
        f"| `count` | *int* | {CHECK} | N/A |",
    )
    refs_only = f"| `owner` | [Owner](../../models/Owner.md) | {CHECK} | N/A |"
    assert php.score(_evidence("shared/Pet.md", *java)) == 0
    assert php.score(_evidence("shared/Pet.md", refs_only)) == 0
    assert _detected("shared/Pet.md", *ROWS) == "php"
    assert _detected("Shared/Pet.md", *ROWS) == "php"


def test_php_steals_no_typescript_or_python_doc():
    ts = f"| `name` | *string* | {CHECK} | N/A |"
    py = f"| `name` | *str* | {CHECK} | N/A |"
    assert php.score(_evidence("docs/models/components/pet.md", ts)) == 0
    assert php.score(_evidence("docs/models/pet.md", py)) == 0
    assert _detected("docs/models/components/pet.md", ts) == "typescript"


def test_the_php_fence_decides():
    def evidence() -> Evidence:
        raise AssertionError("a fence decides without evidence")

    assert detect(["php"], evidence) == "php"


def test_a_php_response_wrapper_drops_the_raw_response():
    doc = object_doc(
        "GetPetResponse",
        f"| `contentType` | *string* | {CHECK} | N/A |",
        f"| `statusCode` | *int* | {CHECK} | N/A |",
        f"| `rawResponse` | [\\Psr\\Http\\Message\\ResponseInterface](https://www.php-fig.org/psr/psr-7/) | {MINUS} | N/A |",
    )
    result = generate({"Models/Operations/GetPetResponse.md": doc}, write=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    (model,) = result.package.models
    assert [f.name for f in model.fields] == ["contentType", "statusCode"]


# ---------------------------------------------------------------- the hooks' defaults


def test_the_example_hook_defaults_to_the_type_cell():
    assert Dialect().example_type(DATETIME, "2020-01-01") == DATETIME
    for other in DIALECTS.values():
        if other is not php:
            assert other.example_type(DATETIME, "2020-01-01") == DATETIME
