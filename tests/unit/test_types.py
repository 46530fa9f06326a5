"""Type cells per dialect (reference section 7) to IR types (references stay raw: ``RawRef``)."""

import pytest

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
    Lit,
    Nullable,
    UnionOf,
)
from generator.parse.dialects.go import DIALECT as go
from generator.parse.dialects.python import DIALECT as py
from generator.parse.dialects.typescript import DIALECT as ts
from generator.parse.types import (
    MAX_NESTING,
    SKIP,
    Optional_,
    RawRef,
    TypeSyntaxError,
    finalize,
    parse_cell,
)

from .timing import assert_linear

MDN_DATE = "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)"
PY_DATE = "[date](https://docs.python.org/3/library/datetime.html#date-objects)"
PY_DATETIME = (
    "[datetime](https://docs.python.org/3/library/datetime.html#datetime-objects)"
)
X = "../../models/components/x.md"

TS_CASES = [
    ("*string*", STRING),
    ("*number*", NUMBER),
    ("*boolean*", BOOLEAN),
    ("*any*", ANY),
    ("*BigInt*", INTEGER),
    ('*"text"*', Lit("text")),
    ("*true*", Lit(True)),
    ("*false*", Lit(False)),
    ("*string*[]", ListOf(STRING)),
    ("*number*[][]", ListOf(ListOf(NUMBER))),
    ("Record<string, *any*>", DictOf(ANY)),
    ("Record<string, *any*>[]", ListOf(DictOf(ANY))),
    ("Record<string, Record<string, *boolean*>>", DictOf(DictOf(BOOLEAN))),
    (f"[components.X]({X})", RawRef("components.X", X)),
    (f"[components.X]({X})[]", ListOf(RawRef("components.X", X))),
    (f"Record<string, [components.X]({X})>", DictOf(RawRef("components.X", X))),
    (
        f"Record<string, [components.X]({X})[]>",
        DictOf(ListOf(RawRef("components.X", X))),
    ),
    ("Record<string, *components.X*>", DictOf(RawRef("components.X"))),
    ("*components.Token*", RawRef("components.Token")),
    ("*operations.Body*[]", ListOf(RawRef("operations.Body"))),
    ("*components.X*[][]", ListOf(ListOf(RawRef("components.X")))),
    (MDN_DATE, DATETIME),
    ("[RFCDate](../../types/rfcdate.md)", DATE),
    ("[RFCDate](../../../types/rfcdate.md)", DATE),
    ("*ReadableStream<Uint8Array>*", BINARY),
    ("*Uint8Array*", BINARY),
    (
        "[File](https://developer.mozilla.org/en-US/docs/Web/API/File) | [Blob](https://developer.mozilla.org/en-US/docs/Web/API/Blob) | [operations.F](../../models/operations/f.md)",
        UnionOf((BINARY, RawRef("operations.F", "../../models/operations/f.md"))),
    ),
    (
        "[shared.Level](../../../sdk/models/shared/level.md)",
        RawRef("shared.Level", "../../../sdk/models/shared/level.md"),
    ),
    ("[models.X](../models/x.md)", RawRef("models.X", "../models/x.md")),
]


@pytest.mark.parametrize("cell,expected", TS_CASES, ids=[c for c, _ in TS_CASES])
def test_typescript(cell, expected):
    assert parse_cell(cell, ts) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "[AxiosResponse](https://axios-http.com/docs/res_schema)",
        "[AxiosResponse>](https://axios-http.com/docs/res_schema)",
    ],
)
def test_typescript_raw_response_is_skipped(cell):
    assert parse_cell(cell, ts) is SKIP


M = "../models/x.md"
PY_CASES = [
    ("*str*", STRING),
    ("*int*", INTEGER),
    ("*float*", NUMBER),
    ("*bool*", BOOLEAN),
    ("*Any*", ANY),
    ("*bytes*", BINARY),
    ("*Decimal*", DECIMAL),
    ("*Optional[str]*", Optional_(STRING)),
    ("*Optional[Any]*", Optional_(ANY)),
    ("*Nullable[str]*", Nullable(STRING)),
    ("*OptionalNullable[str]*", Nullable(STRING)),
    ('*Literal["entry"]*', Lit("entry")),
    ('*Optional[Literal["entry"]]*', Optional_(Lit("entry"))),
    ('*OptionalNullable[Literal["display_name"]]*', Nullable(Lit("display_name"))),
    ("*Literal[True]*", Lit(True)),
    ("*Optional[Literal[False]]*", Optional_(Lit(False))),
    (f"[models.X]({M})", RawRef("models.X", M)),
    (f"[Optional[models.X]]({M})", Optional_(RawRef("models.X", M))),
    (f"[Nullable[models.X]]({M})", Nullable(RawRef("models.X", M))),
    (f"[OptionalNullable[models.X]]({M})", Nullable(RawRef("models.X", M))),
    ("*Optional[errors.Error]*", Optional_(RawRef("errors.Error"))),
    ("List[*str*]", ListOf(STRING)),
    (f"List[[models.X]({M})]", ListOf(RawRef("models.X", M))),
    (f"List[List[[models.X]({M})]]", ListOf(ListOf(RawRef("models.X", M)))),
    ("List[Dict[str, *Any*]]", ListOf(DictOf(ANY))),
    ("List[*Nullable[str]*]", ListOf(Nullable(STRING))),
    ("Dict[str, *Any*]", DictOf(ANY)),
    (f"Dict[str, [Nullable[models.X]]({M})]", DictOf(Nullable(RawRef("models.X", M)))),
    ("Dict[str, *Nullable[float]*]", DictOf(Nullable(NUMBER))),
    ("Dict[str, Dict[str, *bool*]]", DictOf(DictOf(BOOLEAN))),
    ("Dict[str, Any]", DictOf(ANY)),  # bare leaf
    ("list[*str*]", ListOf(STRING)),  # Py v1 lowercase
    (
        "list[[RequestMetadata](../../models/shared/requestmetadata.md)]",
        ListOf(RawRef("RequestMetadata", "../../models/shared/requestmetadata.md")),
    ),
    ("dict[str, list[*int*]]", DictOf(ListOf(INTEGER))),
    (PY_DATE, DATETIME),  # swapped
    (PY_DATETIME, DATE),  # swapped
    ("*Union[bytes, IO[bytes], io.IOBase]*", BINARY),
    ("*Union[bytes, IO[bytes], io.BufferedReader]*", BINARY),
]


@pytest.mark.parametrize("cell,expected", PY_CASES, ids=[c for c, _ in PY_CASES])
def test_python(cell, expected):
    assert parse_cell(cell, py) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "[httpx.Response](https://www.python-httpx.org/api/#response)",
        "[requests.Response](https://requests.readthedocs.io/en/latest/api/#requests.Response)",
    ],
)
def test_python_raw_response_is_skipped(cell):
    assert parse_cell(cell, py) is SKIP


@pytest.mark.parametrize(
    "cell", ["*Optional[httpx.Response]*", "*Optional[requests_http.Response]*"]
)
def test_python_streamed_body_is_bytes(cell):
    """Outside ``raw_response`` an italic response type is a streamed binary body (reference 9.2)."""
    t = parse_cell(cell, py)
    assert isinstance(t, Optional_) and t.inner == BINARY


def test_python_v1_union_link_is_a_reference_to_the_union_doc():
    t = parse_cell("[Optional[Union[str, shared.Two]]](../../models/shared/two.md)", py)
    assert isinstance(t, Optional_) and isinstance(t.inner, RawRef)
    assert t.inner.target == "../../models/shared/two.md"


def test_optional_meaning_depends_on_required():
    t = parse_cell("*Optional[str]*", py)
    assert (
        finalize(t, required=False) == STRING
    )  # optional: the annotation gets '| None = None'
    assert finalize(t, required=True) == Nullable(
        STRING
    )  # Py v1: required, may be null
    assert finalize(parse_cell("List[*Optional[str]*]", py), required=True) == ListOf(
        Nullable(STRING)
    )


G1 = "../../../pkg/models/shared/x.md"  # Go <= 2025: docs/pkg/models
G2 = "../../models/components/x.md"  # Go 2026: docs/models
GO_TIME = "https://pkg.go.dev/time#Time"
GO_CASES = [
    # gen <= 2.858: italics, a pointer is one more '*'
    ("*string*", STRING),
    ("**string*", Optional_(STRING)),
    ("*int*", INTEGER),
    ("*int64*", INTEGER),
    ("**int64*", Optional_(INTEGER)),
    ("*float64*", NUMBER),
    ("*float32*", NUMBER),
    ("*bool*", BOOLEAN),
    ("**bool*", Optional_(BOOLEAN)),
    ("*interface{}*", ANY),
    ("*any*", ANY),
    ("*[]byte*", BINARY),
    ("*io.ReadCloser*", BINARY),
    ("[]*string*", ListOf(STRING)),
    ("[]*int64*", ListOf(INTEGER)),
    ("map[string]*string*", DictOf(STRING)),
    ("map[string]*interface{}*", DictOf(ANY)),
    ("map[string][]*string*", DictOf(ListOf(STRING))),
    ("map[string]map[string]*string*", DictOf(DictOf(STRING))),
    ("[]map[string]*int64*", ListOf(DictOf(INTEGER))),
    (f"[shared.X]({G1})", RawRef("shared.X", G1)),
    (f"[*shared.X]({G1})", Optional_(RawRef("shared.X", G1))),
    (f"[][shared.X]({G1})", ListOf(RawRef("shared.X", G1))),
    (f"map[string][shared.X]({G1})", DictOf(RawRef("shared.X", G1))),
    (f"map[string][][shared.X]({G1})", DictOf(ListOf(RawRef("shared.X", G1)))),
    (f"[time.Time]({GO_TIME})", DATETIME),
    (f"[*time.Time]({GO_TIME})", Optional_(DATETIME)),
    (f"map[string][time.Time]({GO_TIME})", DictOf(DATETIME)),
    ("[types.Date](../../types/date.md)", DATE),
    ("[*types.Date](../../types/date.md)", Optional_(DATE)),
    # big numbers are pointers whatever the field: the '*' says nothing
    ("[*big.Int](https://pkg.go.dev/math/big#Int)", INTEGER),
    (
        "[*decimal.Big](https://pkg.go.dev/github.com/ericlagergren/decimal#Big)",
        DECIMAL,
    ),
    ("map[string][*big.Int](https://pkg.go.dev/math/big#Int)", DictOf(INTEGER)),
    # gen >= 2.858: code spans, containers outside
    ("`string`", STRING),
    ("`*string`", Optional_(STRING)),
    ("`int64`", INTEGER),
    ("`*float64`", Optional_(NUMBER)),
    ("`*bool`", Optional_(BOOLEAN)),
    ("`any`", ANY),
    ("`io.ReadCloser`", BINARY),
    ("[]`string`", ListOf(STRING)),
    (
        "[]`*string`",
        ListOf(Nullable(STRING)),
    ),  # inside a list, a pointer can only mean null
    ("map[string]`any`", DictOf(ANY)),
    ("map[string][]`string`", DictOf(ListOf(STRING))),
    (f"[components.X]({G2})", RawRef("components.X", G2)),
    (f"[*components.X]({G2})", Optional_(RawRef("components.X", G2))),
    (f"[][*components.X]({G2})", ListOf(Nullable(RawRef("components.X", G2)))),
    ("[*types.Date](../../types/date.md)", Optional_(DATE)),
    # union member types taken from an example's constructor argument
    ("int64", INTEGER),
    ("*big.Int", INTEGER),
    ("[]string", ListOf(STRING)),
    ("[]byte", BINARY),
    ("shared.TypedObject1", RawRef("shared.TypedObject1")),
    ("SimpleObject", RawRef("SimpleObject")),
]


@pytest.mark.parametrize("cell,expected", GO_CASES, ids=[c for c, _ in GO_CASES])
def test_go(cell, expected):
    assert parse_cell(cell, go) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "[*http.Response](https://pkg.go.dev/net/http#Response)",
        "[*http.Request](https://pkg.go.dev/net/http#Request)",
    ],
)
def test_go_raw_http_is_skipped(cell):
    assert parse_cell(cell, go) is SKIP


def test_go_pointer_meaning_depends_on_required():
    """Reference 7.4: required-nullable is ``*string`` with ✓; optional is ``*string`` with ➖."""
    assert finalize(parse_cell("`*string`", go), required=True) == Nullable(STRING)
    assert finalize(parse_cell("`*string`", go), required=False) == STRING
    assert finalize(parse_cell("**string*", go), required=False) == STRING


@pytest.mark.parametrize(
    "cell,dialect",
    [
        ("", ts),
        ("*nosuchtype*", ts),
        ("[Foo](https://example.com/foo)", ts),
        ("*null*", ts),
        ("*nosuchtype*", py),
        ("[Foo](https://example.com/foo)", py),
        ("*Literal[x]*", py),
        ("*None*", py),
        ("*nosuchtype*", go),
        ("*str*", go),
        ("[Foo](https://example.com/foo)", go),
        ("*byte*", go),
    ],
)
def test_unknown_types_raise_type_syntax_error(cell, dialect):
    with pytest.raises(TypeSyntaxError):
        parse_cell(cell, dialect)


# ---------------------------------------------------------------- hostile cells


def _nested(depth: int) -> dict[str, tuple[object, str]]:
    """Cells nesting ``depth`` levels, per dialect and container spelling."""
    return {
        "ts array": (ts, "*string*" + "[]" * depth),
        "ts record": (ts, "Record<string, " * depth + "*string*" + ">" * depth),
        "ts parens": (ts, "(" * depth + "string" + ")" * depth),
        "py list": (py, "List[" * depth + "*str*" + "]" * depth),
        "py optional": (py, "*" + "Optional[" * depth + "str" + "]" * depth + "*"),
        "py union": (py, "Union[" * depth + "str, int" + "]" * depth),
        "go list": (go, "[]" * depth + "*string*"),
        "go map": (go, "map[string]" * depth + "`any`"),
        "go pointer": (go, "`" + "*" * depth + "string`"),
    }


@pytest.mark.parametrize("spelling", _nested(1))
def test_nesting_up_to_the_limit_parses(spelling):
    dialect, cell = _nested(MAX_NESTING)[spelling]
    parse_cell(cell, dialect)


@pytest.mark.parametrize("spelling", _nested(1))
@pytest.mark.parametrize("depth", [MAX_NESTING + 5, 5_000, 50_000])
def test_nesting_past_the_limit_is_a_syntax_error_not_a_recursion_error(
    spelling, depth
):
    dialect, cell = _nested(depth)[spelling]
    with pytest.raises(TypeSyntaxError, match="nested more than"):
        parse_cell(cell, dialect)


def test_the_nesting_count_is_per_cell():
    dialect, cell = _nested(MAX_NESTING)["py list"]
    for _ in range(3):
        parse_cell(cell, dialect)
    with pytest.raises(TypeSyntaxError):
        parse_cell(_nested(MAX_NESTING + 5)["py list"][1], dialect)
    parse_cell(cell, dialect)


def test_a_union_of_many_members_parses_in_linear_time():
    cell = " | ".join(f'*"v{i}"*' for i in range(3)) + ' | *"v1"*'
    assert parse_cell(cell, ts) == UnionOf(
        (Lit("v0"), Lit("v1"), Lit("v2"))
    )  # first occurrences, in order
    assert_linear(
        lambda c: parse_cell(c, ts),
        lambda n: " | ".join(f'*"v{i}"*' for i in range(n // 8)),
        20_000,
    )
    assert_linear(
        lambda c: parse_cell(c, py),
        lambda n: "Union["
        + ", ".join(f"*int*, components.M{i}" for i in range(n // 20))
        + "]",
        20_000,
    )
