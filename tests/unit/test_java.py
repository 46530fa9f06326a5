"""The Java dialect (generator/parse/dialects/java.py, reference 7.5): Type cells of both eras,
JSON names, detection, and whole docs through ``generate``."""

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
)
from generator.parse.dialects.base import Evidence
from generator.parse.dialects.java import DIALECT as java
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
LOCAL_DATE = (
    "[LocalDate](https://docs.oracle.com/javase/8/docs/api/java/time/LocalDate.html)"
)
OFFSET = "[OffsetDateTime](https://docs.oracle.com/javase/8/docs/api/java/time/OffsetDateTime.html)"
HTTP = "https://docs.oracle.com/en/java/javase/11/docs/api/java.net.http/java/net/http/HttpResponse.html"
X = "../../models/components/X.md"
FQ = "org.openapis.openapi.models.shared.Pet"
PET = "../../models/shared/Pet.md"

CASES = [
    # 2023: boxed types, plain containers, fully qualified refs
    ("*String*", STRING),
    ("*Long*", INTEGER),
    ("*Integer*", INTEGER),
    ("*Double*", NUMBER),
    ("*Float*", NUMBER),
    ("*Boolean*", BOOLEAN),
    ("*Object*", ANY),
    ("*byte[]*", BINARY),
    ("List<*String*>", ListOf(STRING)),
    ("List<*Long*>", ListOf(INTEGER)),
    ("Map<String, *String*>", DictOf(STRING)),
    ("Map<String, List<*String*>>", DictOf(ListOf(STRING))),
    (f"[{FQ}]({PET})", RawRef(FQ, PET)),
    (f"List<[{FQ}]({PET})>", ListOf(RawRef(FQ, PET))),
    (f"Map<String, [{FQ}]({PET})>", DictOf(RawRef(FQ, PET))),
    (LOCAL_DATE, DATE),
    (OFFSET, DATETIME),
    # v2: primitives, Optional / JsonNullable, escaped containers, bare refs
    ("*long*", INTEGER),
    ("*int*", INTEGER),
    ("*double*", NUMBER),
    ("*boolean*", BOOLEAN),
    ("*BigInteger*", INTEGER),
    ("*BigDecimal*", DECIMAL),
    ("byte[]", BINARY),
    ("*Optional\\<String>*", Optional_(STRING)),
    ("*Optional<String>*", Optional_(STRING)),  # the unescaped spelling of 2024
    ("*JsonNullable\\<String>*", Nullable(STRING)),
    ("*Optional\\<InputStream>*", Optional_(BINARY)),
    ("*Optional\\<? extends String>*", Optional_(STRING)),
    ("*JsonNullable<? extends Double>*", Nullable(NUMBER)),
    ("*Optional\\<List\\<String>>*", Optional_(ListOf(STRING))),
    ("*Optional<? extends List<String>>*", Optional_(ListOf(STRING))),
    (
        "List\\<*JsonNullable\\<? extends Map\\<String, Object>>*>",
        ListOf(Nullable(DictOf(ANY))),
    ),
    (f"[Optional\\<X>]({X})", Optional_(RawRef("X", X))),
    (f"[JsonNullable\\<X>]({X})", Nullable(RawRef("X", X))),
    (f"[Optional\\<? extends X>]({X})", Optional_(RawRef("X", X))),
    (f"[Optional\\<List\\<X>>]({X})", Optional_(ListOf(RawRef("X", X)))),
    (f"[X]({X})", RawRef("X", X)),
    (f"List\\<[X]({X})>", ListOf(RawRef("X", X))),
    ("List\\<*String*>", ListOf(STRING)),
    ("Map\\<String, *Object*>", DictOf(ANY)),
    ("Map\\<String, List\\\\<*String*>>", DictOf(ListOf(STRING))),  # Speakeasy's \\<
    (f"Map\\<String, [X]({X})>", DictOf(RawRef("X", X))),
    ("*Optional\\<OffsetDateTime>*", Optional_(DATETIME)),
    ("*PetStatus*", RawRef("PetStatus")),  # an unlinked name is a reference
]


@pytest.mark.parametrize("cell,expected", CASES, ids=[c for c, _ in CASES])
def test_type_cells(cell, expected):
    assert parse_cell(cell, java) == expected


@pytest.mark.parametrize(
    "cell",
    [
        f"[HttpResponse<byte[]>]({HTTP})",
        f"[HttpResponse\\<?>]({HTTP})",
        f"[HttpResponse\\<InputStream>]({HTTP})",
        "*HttpResponse<byte[]>*",
    ],
)
def test_the_raw_http_response_is_sdk_plumbing(cell):
    assert parse_cell(cell, java) is SKIP


def test_optional_is_optional_when_not_required_and_nullable_when_required():
    t = parse_cell("*Optional\\<String>*", java)
    assert finalize(t, required=False) == STRING
    assert finalize(t, required=True) == Nullable(STRING)
    # JsonNullable is nullable either way; a container makes Optional mean nullable
    assert finalize(parse_cell("*JsonNullable\\<Long>*", java), False) == Nullable(
        INTEGER
    )
    assert finalize(parse_cell("List\\<*Optional\\<String>*>", java), False) == ListOf(
        Nullable(STRING)
    )


@pytest.mark.parametrize(
    "cell",
    ["*string*", "*nosuchtype*", "*null*", "[Thing](https://example.com/thing)", "*?*"],
)
def test_unknown_types_are_syntax_errors(cell):
    with pytest.raises(TypeSyntaxError):
        parse_cell(cell, java)


def test_nesting_past_the_limit_is_a_syntax_error():
    deep = "*" + "Optional<" * (MAX_NESTING + 2) + "String" + ">" * (MAX_NESTING + 2)
    with pytest.raises(TypeSyntaxError, match="nested more than"):
        parse_cell(deep + "*", java)
    link = "[" + "Optional\\<" * (MAX_NESTING + 5) + "X" + ">" * (MAX_NESTING + 5)
    with pytest.raises(TypeSyntaxError, match="nested more than"):
        parse_cell(f"{link}]({X})", java)


@pytest.mark.parametrize(
    "cell,json",
    [
        ("enum_", "enum"),
        ("int_", "int"),
        ("default_", "default"),
        ("class_", "class"),
        ("name_", "name_"),  # not a keyword: the underscore is the name's
        ("fullName", "fullName"),
    ],
)
def test_json_names_drop_the_underscore_of_a_keyword(cell, json):
    assert java.json_name(cell) == json


# ---------------------------------------------------------------- detection

ROW_2023 = f"| `name` | *String* | {CHECK} | N/A |"
ROW_V2 = f"| `nick` | *Optional\\<String>* | {MINUS} | N/A |"
ROW_LONG = f"| `id` | *long* | {CHECK} | N/A |"


def _detected(doc: str, path: str) -> str:
    """The dialect a doc's own text gives, "" for none."""
    raw = parse_document(SourceFile(path, doc), Diagnostics())
    return "" if raw is UNDETECTED else raw.dialect


def _evidence(path: str, *types: str) -> Evidence:
    return Evidence(path, "Pet", "object", "\n".join(types), ("name",), "")


def test_java_spellings_pick_java():
    assert _detected(object_doc("Pet", ROW_V2), "models/components/pet.md") == "java"
    assert _detected(object_doc("Pet", ROW_2023), "models/shared/Pet.md") == "java"
    fenced = "# Pet\n\n```java\nPet value;\n```\n\n" + object_doc("Pet", ROW_LONG)
    assert _detected(fenced, "x.md") == "java"


def test_shared_spellings_count_only_in_a_java_layout():
    """``*String*`` is Ruby's too and ``*long*`` C#'s: they count where the file name keeps the
    model's case (Ruby lower-cases it) below no ``Models`` folder (C#'s and PHP's)."""
    assert java.score(_evidence("docs/models/shared/Pet.md", "*String*", "*long*")) == 2
    assert java.score(_evidence("docs/models/shared/pet.md", "*String*", "*long*")) == 0
    assert java.score(_evidence("docs/Models/Shared/Pet.md", "*String*", "*long*")) == 0


def test_java_does_not_claim_typescript_or_python_docs():
    py = object_doc("Pet", f"| `name` | *Optional[str]* | {MINUS} | N/A |")
    assert java.score(_evidence("models/components/Pet.md", "*string*")) == 0
    assert _detected(py, "models/Pet.md") == "python"


def test_only_type_cells_count():
    quoting = (
        f"| `name` | *string* | {CHECK} | like Optional<String> or Map<String, Long> |"
    )
    assert _detected(object_doc("Pet", quoting), "models/pet.md") == "typescript"


def test_a_java_folder_reads_its_enums_and_empty_unions_as_java():
    diags = Diagnostics()
    docs = parse_all(
        [
            SourceFile("docs/models/shared/Pet.md", object_doc("Pet", ROW_2023)),
            SourceFile(
                "docs/models/shared/Status.md",
                "# Status\n\n## Values\n\n| Name | Value |\n| - | - |\n| `SOLD_OUT` | sold-out |\n",
            ),
            SourceFile("docs/models/shared/Kind.md", "# Kind\n\n"),
        ],
        diags,
    )
    assert {d.name: d.dialect for d in docs} == {
        "Pet": "java",
        "Status": "java",
        "Kind": "java",
    }


# ---------------------------------------------------------------- whole docs


def test_a_v2_doc_generates_optional_and_nullable_fields():
    result = generate(
        {
            "models/components/Pet.md": object_doc(
                "Pet",
                f"| `id` | *long* | {CHECK} | N/A |",
                f"| `nickname` | *Optional\\<String>* | {MINUS} | N/A |",
                f"| `chipId` | *Optional\\<String>* | {CHECK} | N/A |",
                f"| `note` | *JsonNullable\\<String>* | {MINUS} | N/A |",
                f"| `enum_` | [Optional\\<Kind>](../../models/components/Kind.md) | {MINUS} | N/A |",
                f"| `additionalProperties` | Map\\<String, *Object*> | {MINUS} | N/A |",
            ),
            "models/components/Kind.md": "# Kind\n\nA union whose members the docs leave out.\n",
        },
        write=False,
        docs=False,
    )
    assert result.ok, [str(d) for d in result.diagnostics]
    pet = next(m for m in result.package.models if m.key.name == "Pet")
    got = {f.name: (f.type, f.required) for f in pet.fields}
    assert got == {
        "id": (INTEGER, True),
        "nickname": (STRING, False),
        "chipId": (Nullable(STRING), True),
        "note": (Nullable(STRING), False),
        "enum": (
            Ref(next(m.key for m in result.package.models if m.key.name == "Kind")),
            False,
        ),
    }
    assert pet.extra == ANY and pet.extra_name == "additionalProperties"
    assert [d.code for d in result.diagnostics] == ["link-union-unknown"]


def test_a_2023_response_wrapper_leaves_the_raw_response_out():
    result = generate(
        {
            "docs/models/operations/GetPetResponse.md": object_doc(
                "GetPetResponse",
                f"| `contentType` | *String* | {CHECK} | N/A |",
                f"| `statusCode` | *Integer* | {CHECK} | N/A |",
                f"| `rawResponse` | [HttpResponse<byte[]>]({HTTP}) | {MINUS} | N/A |",
            )
        },
        write=False,
        docs=False,
    )
    assert result.ok and not result.diagnostics
    assert [f.name for f in result.package.models[0].fields] == [
        "contentType",
        "statusCode",
    ]
