"""The C# dialect (generator/parse/dialects/csharp.py, reference 7.6): Type cells, JSON names,
union docs that name their members, detection, and whole docs through ``generate``."""

from __future__ import annotations

import pytest

from generator import generate
from generator.diagnostics import Diagnostics
from generator.frontends.markdown import parse_all
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
    Ref,
    UnionModel,
)
from generator.parse.dialects.base import Dialect, Evidence
from generator.parse.dialects.csharp import DIALECT as cs
from generator.parse.dialects.csharp import member_type_text
from generator.parse.document import UNDETECTED, parse_document
from generator.parse.types import (
    MAX_NESTING,
    SKIP,
    Optional_,
    RawRef,
    TypeSyntaxError,
    finalize,
    parse_cell,
)
from generator.read import SourceFile

from .helpers import object_doc

CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"
DATETIME_LINK = "[DateTime](https://learn.microsoft.com/en-us/dotnet/api/system.datetime?view=net-5.0)"
LOCAL_DATE = "[LocalDate](https://nodatime.org/3.1.x/api/NodaTime.LocalDate.html)"
RAW = "[HttpResponseMessage](https://learn.microsoft.com/en-us/dotnet/api/system.net.http.httpresponsemessage?view=net-5.0)"
X = "../../Models/Shared/X.md"

CASES = [
    ("*string*", STRING),
    ("*long*", INTEGER),
    ("*int*", INTEGER),
    ("*BigInteger*", INTEGER),
    ("*double*", NUMBER),
    ("*float*", NUMBER),
    ("*decimal*", DECIMAL),
    ("*bool*", BOOLEAN),
    ("*object*", ANY),
    ("*byte[]*", BINARY),
    ("List<*string*>", ListOf(STRING)),
    ("List<*long*>", ListOf(INTEGER)),
    ("Dictionary<String, *string*>", DictOf(STRING)),
    ("Dictionary<String, List<*string*>>", DictOf(ListOf(STRING))),
    (f"List<[X]({X})>", ListOf(RawRef("X", X))),
    (f"Dictionary<String, [X]({X})>", DictOf(RawRef("X", X))),
    (f"[X]({X})", RawRef("X", X)),
    (f"[Models.Shared.X]({X})", RawRef("Models.Shared.X", X)),  # qualified (2026)
    (DATETIME_LINK, DATETIME),
    (LOCAL_DATE, DATE),
    # nullable value types
    ("*long?*", Optional_(INTEGER)),
    ("*string?*", Optional_(STRING)),
    (f"[X?]({X})", Optional_(RawRef("X", X))),
    ("List<*long?*>", ListOf(Nullable(INTEGER))),
]


@pytest.mark.parametrize("cell,expected", CASES, ids=[c for c, _ in CASES])
def test_type_cells(cell, expected):
    assert parse_cell(cell, cs) == expected


def test_a_nullable_marker_means_optional_or_nullable_by_the_required_cell():
    t = parse_cell("*long?*", cs)
    assert finalize(t, required=False) == INTEGER
    assert finalize(t, required=True) == Nullable(INTEGER)


@pytest.mark.parametrize(
    "cell", [RAW, "*HttpResponseMessage*", "[HttpRequestMessage](https://x.invalid/r)"]
)
def test_the_raw_http_messages_are_sdk_plumbing(cell):
    assert parse_cell(cell, cs) is SKIP


@pytest.mark.parametrize(
    "cell", ["*str*", "*nosuchtype*", "*null*", "[Thing](https://example.com/t)"]
)
def test_unknown_types_are_syntax_errors(cell):
    with pytest.raises(TypeSyntaxError):
        parse_cell(cell, cs)


@pytest.mark.parametrize(
    "cell,json",
    [
        ("StatusCode", "statusCode"),
        ("Id", "id"),
        ("ID", "id"),
        ("URLPath", "urlPath"),
        ("Int32Val", "int32Val"),
        ("HTTPMetadata", "httpMetadata"),
        ("already", "already"),
        ("_Private", "_Private"),
    ],
)
def test_json_names_are_the_camel_case_of_the_field_cell(cell, json):
    assert cs.json_name(cell) == json


# ---------------------------------------------------------------- union docs


@pytest.mark.parametrize(
    "name,text",
    [
        ("Str", "string"),
        ("Integer", "long"),
        ("Boolean", "bool"),
        ("Date", "LocalDate"),
        ("ArrayOfStr", "List<string>"),
        ("ArrayOfBike", "List<Bike>"),
        ("MapOfAny", "Dictionary<String, object>"),
        ("ArrayOfMapOfNumber", "List<Dictionary<String, double>>"),
        ("Bike", None),  # a model's name
        ("Arrayish", None),
    ],
)
def test_member_names_stand_for_types(name, text):
    assert member_type_text(name) == text


def test_member_headings_are_read_by_name_and_said_to_be_guesses():
    assert cs.member_heading("Str", "X.CreateStr(/* values here */);") == (
        "string",
        "'Str' as string",
    )
    assert cs.member_heading("Bike", "X.CreateBike(/* values here */);") == ("Bike", "")
    assert cs.member_heading("", "X.CreateArrayOfBike(/* values here */);") == (
        "List<Bike>",
        "'ArrayOfBike' as List<Bike>",
    )
    assert cs.member_heading("`string`", "") == ("`string`", "")
    assert cs.member_heading("", "") == ("", "")


def test_the_default_member_heading_is_the_heading_or_the_declared_type():
    d = Dialect()
    assert d.member_heading("`string`", "") == ("`string`", "")
    assert d.member_heading("", "const value: number = 1;") == ("number", "")


def test_a_deep_member_name_is_a_diagnostic_not_a_recursion_error():
    name = "ArrayOf" * 5000 + "Str"
    text = member_type_text(name)
    assert text is not None and text.count("List<") == MAX_NESTING + 1
    doc = f"# U\n\n## Supported Types\n\n### {name}\n\n```csharp\nU.CreateX();\n```\n"
    result = generate({"Models/Shared/U.md": doc}, write=False, docs=False)
    assert not result.ok
    assert {d.code for d in result.diagnostics} <= {
        "parse-type",
        "parse-union-names",
        "link-unresolved",
    }


UNION = """# PetId

## Supported Types

### Str

```csharp
PetId.CreateStr(/* values here */);
```

### ArrayOfTag

```csharp
PetId.CreateArrayOfTag(/* values here */);
```

### Tag

```csharp
PetId.CreateTag(/* values here */);
```
"""


def test_a_union_doc_generates_its_members_with_one_warning():
    result = generate(
        {
            "Models/Shared/PetId.md": UNION,
            "Models/Shared/Tag.md": object_doc(
                "Tag", f"| `Label` | *string* | {CHECK} | N/A |"
            ),
        },
        write=False,
        docs=False,
    )
    assert result.ok, [str(d) for d in result.diagnostics]
    union = next(m for m in result.package.models if isinstance(m, UnionModel))
    tag = Ref(next(m.key for m in result.package.models if m.key.name == "Tag"))
    assert union.members == (STRING, ListOf(tag), tag)
    [warning] = result.diagnostics
    assert warning.code == "parse-union-names" and warning.line == 3
    assert "'Str' as string, 'ArrayOfTag' as List<Tag>" in warning.message


# ---------------------------------------------------------------- detection

ROW = f"| `Name` | *string* | {CHECK} | N/A |"
ROW_LONG = f"| `Id` | *long* | {CHECK} | N/A |"


def _detected(doc: str, path: str) -> str:
    """The dialect a doc's own text gives, "" for none."""
    raw = parse_document(SourceFile(path, doc), Diagnostics())
    return "" if raw is UNDETECTED else raw.dialect


def _evidence(path: str, names: tuple[str, ...], *types: str) -> Evidence:
    return Evidence(path, "Pet", "object", "\n".join(types), names, "")


def test_csharp_spellings_pick_csharp():
    assert (
        _detected(object_doc("Pet", ROW, ROW_LONG), "docs/Models/Shared/Pet.md")
        == "csharp"
    )
    doc = object_doc(
        "Pet", f"| `labels` | Dictionary<String, *long*> | {MINUS} | N/A |"
    )
    assert _detected(doc, "models/pet.md") == "csharp"
    fenced = "# Pet\n\n```csharp\nvar value = new Pet();\n```\n\n" + object_doc(
        "Pet", ROW
    )
    assert _detected(fenced, "x.md") == "csharp"


def test_pascal_case_fields_in_a_csharp_layout_beat_go():
    """Go counts two a PascalCase field wherever the doc is; in a C# layout (a ``Models`` folder,
    a file name with the model's case) C# counts them too, its shared spellings, and the folder.
    """
    doc = object_doc(
        "Pet",
        ROW,
        f"| `Owner` | [Owner](../../Models/Shared/Owner.md) | {CHECK} | N/A |",
    )
    assert _detected(doc, "docs/Models/Shared/Pet.md") == "csharp"
    assert cs.score(_evidence("docs/Models/Shared/Pet.md", ("Name",), "*string*")) == 4
    assert cs.score(_evidence("docs/models/shared/Pet.md", ("Name",), "*string*")) == 3
    # Go's layout: lower-case file names, no Models folder
    assert (
        cs.score(_evidence("docs/pkg/models/shared/pet.md", ("Name",), "*string*")) == 0
    )


def test_csharp_does_not_claim_typescript_python_java_or_php_docs():
    assert cs.score(_evidence("models/components/pet.md", ("name",), "*string*")) == 0
    assert cs.score(_evidence("models/pet.md", ("Name",), "*int*")) == 0
    java = object_doc(
        "Pet",
        f"| `name` | *String* | {CHECK} | N/A |",
        f"| `id` | *long* | {CHECK} | N/A |",
    )
    assert _detected(java, "docs/models/shared/Pet.md") == "java"
    # PHP keeps the layout but writes camelCase fields: only the Models folder counts
    assert cs.score(_evidence("docs/Models/Shared/Pet.md", ("name",), "*string*")) == 1


def test_a_csharp_folder_reads_its_enums_as_csharp():
    diags = Diagnostics()
    docs = parse_all(
        [
            SourceFile("docs/Models/Shared/Pet.md", object_doc("Pet", ROW_LONG)),
            SourceFile(
                "docs/Models/Shared/Status.md",
                "# Status\n\n## Values\n\n| Name | Value |\n| - | - |\n| `SoldOut` | sold-out |\n",
            ),
        ],
        diags,
    )
    assert {d.name: d.dialect for d in docs} == {"Pet": "csharp", "Status": "csharp"}


# ---------------------------------------------------------------- whole docs


def test_a_doc_generates_camel_case_json_names_and_additional_properties():
    result = generate(
        {
            "Models/Shared/Pet.md": object_doc(
                "Pet",
                f"| `ID` | *long* | {CHECK} | N/A |",
                f"| `ChipId` | *string?* | {CHECK} | N/A |",
                f"| `SeenAt` | {DATETIME_LINK} | {MINUS} | N/A |",
                f"| `RawResponse` | {RAW} | {MINUS} | N/A |",
                f"| `AdditionalProperties` | Dictionary<String, *object*> | {MINUS} | N/A |",
            )
        },
        write=False,
        docs=False,
    )
    assert result.ok and not result.diagnostics, [str(d) for d in result.diagnostics]
    [pet] = result.package.models
    got = {f.name: (f.type, f.required) for f in pet.fields}
    assert got == {
        "id": (INTEGER, True),
        "chipId": (Nullable(STRING), True),
        "seenAt": (DATETIME, False),
    }
    assert pet.extra == ANY and pet.extra_name == "additionalProperties"
