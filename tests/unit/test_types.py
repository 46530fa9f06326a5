"""Type cells per dialect (reference section 7) to IR types."""

import pytest

from generator.ir import DictOf, ListOf, Lit, Nullable, Prim, Ref, UnionOf
from generator.parse.dialects import python as py
from generator.parse.dialects import typescript as ts
from generator.parse.types import SKIP, Optional_, TypeSyntaxError, finalize, parse_cell

MDN_DATE = "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)"
PY_DATE = "[date](https://docs.python.org/3/library/datetime.html#date-objects)"
PY_DATETIME = "[datetime](https://docs.python.org/3/library/datetime.html#datetime-objects)"
X = "../../models/components/x.md"

TS_CASES = [
    ("*string*", Prim("str")),
    ("*number*", Prim("float")),
    ("*boolean*", Prim("bool")),
    ("*any*", Prim("any")),
    ("*BigInt*", Prim("int")),
    ('*"text"*', Lit("text")),
    ("*true*", Lit(True)),
    ("*false*", Lit(False)),
    ("*string*[]", ListOf(Prim("str"))),
    ("*number*[][]", ListOf(ListOf(Prim("float")))),
    ("Record<string, *any*>", DictOf(Prim("any"))),
    ("Record<string, *any*>[]", ListOf(DictOf(Prim("any")))),
    ("Record<string, Record<string, *boolean*>>", DictOf(DictOf(Prim("bool")))),
    (f"[components.X]({X})", Ref("components.X", X)),
    (f"[components.X]({X})[]", ListOf(Ref("components.X", X))),
    (f"Record<string, [components.X]({X})>", DictOf(Ref("components.X", X))),
    (f"Record<string, [components.X]({X})[]>", DictOf(ListOf(Ref("components.X", X)))),
    ("Record<string, *components.X*>", DictOf(Ref("components.X"))),
    ("*components.Token*", Ref("components.Token")),
    ("*operations.Body*[]", ListOf(Ref("operations.Body"))),
    ("*components.X*[][]", ListOf(ListOf(Ref("components.X")))),
    (MDN_DATE, Prim("datetime")),
    ("[RFCDate](../../types/rfcdate.md)", Prim("date")),
    ("[RFCDate](../../../types/rfcdate.md)", Prim("date")),
    ("*ReadableStream<Uint8Array>*", Prim("bytes")),
    ("*Uint8Array*", Prim("bytes")),
    (
        "[File](https://developer.mozilla.org/en-US/docs/Web/API/File) | [Blob](https://developer.mozilla.org/en-US/docs/Web/API/Blob) | [operations.F](../../models/operations/f.md)",
        UnionOf((Prim("bytes"), Ref("operations.F", "../../models/operations/f.md"))),
    ),
    ("[shared.Level](../../../sdk/models/shared/level.md)", Ref("shared.Level", "../../../sdk/models/shared/level.md")),
    ("[models.X](../models/x.md)", Ref("models.X", "../models/x.md")),
]


@pytest.mark.parametrize("cell,expected", TS_CASES, ids=[c for c, _ in TS_CASES])
def test_typescript(cell, expected):
    assert parse_cell(cell, ts) == expected


@pytest.mark.parametrize(
    "cell",
    ["[AxiosResponse](https://axios-http.com/docs/res_schema)", "[AxiosResponse>](https://axios-http.com/docs/res_schema)"],
)
def test_typescript_raw_response_is_skipped(cell):
    assert parse_cell(cell, ts) is SKIP


M = "../models/x.md"
PY_CASES = [
    ("*str*", Prim("str")),
    ("*int*", Prim("int")),
    ("*float*", Prim("float")),
    ("*bool*", Prim("bool")),
    ("*Any*", Prim("any")),
    ("*bytes*", Prim("bytes")),
    ("*Decimal*", Prim("decimal")),
    ("*Optional[str]*", Optional_(Prim("str"))),
    ("*Optional[Any]*", Optional_(Prim("any"))),
    ("*Nullable[str]*", Nullable(Prim("str"))),
    ("*OptionalNullable[str]*", Nullable(Prim("str"))),
    ('*Literal["entry"]*', Lit("entry")),
    ('*Optional[Literal["entry"]]*', Optional_(Lit("entry"))),
    ('*OptionalNullable[Literal["display_name"]]*', Nullable(Lit("display_name"))),
    ("*Literal[True]*", Lit(True)),
    ("*Optional[Literal[False]]*", Optional_(Lit(False))),
    (f"[models.X]({M})", Ref("models.X", M)),
    (f"[Optional[models.X]]({M})", Optional_(Ref("models.X", M))),
    (f"[Nullable[models.X]]({M})", Nullable(Ref("models.X", M))),
    (f"[OptionalNullable[models.X]]({M})", Nullable(Ref("models.X", M))),
    ("*Optional[errors.Error]*", Optional_(Ref("errors.Error"))),
    ("List[*str*]", ListOf(Prim("str"))),
    (f"List[[models.X]({M})]", ListOf(Ref("models.X", M))),
    (f"List[List[[models.X]({M})]]", ListOf(ListOf(Ref("models.X", M)))),
    ("List[Dict[str, *Any*]]", ListOf(DictOf(Prim("any")))),
    ("List[*Nullable[str]*]", ListOf(Nullable(Prim("str")))),
    ("Dict[str, *Any*]", DictOf(Prim("any"))),
    (f"Dict[str, [Nullable[models.X]]({M})]", DictOf(Nullable(Ref("models.X", M)))),
    ("Dict[str, *Nullable[float]*]", DictOf(Nullable(Prim("float")))),
    ("Dict[str, Dict[str, *bool*]]", DictOf(DictOf(Prim("bool")))),
    ("Dict[str, Any]", DictOf(Prim("any"))),  # bare leaf
    ("list[*str*]", ListOf(Prim("str"))),  # Py v1 lowercase
    ("list[[RequestMetadata](../../models/shared/requestmetadata.md)]", ListOf(Ref("RequestMetadata", "../../models/shared/requestmetadata.md"))),
    ("dict[str, list[*int*]]", DictOf(ListOf(Prim("int")))),
    (PY_DATE, Prim("datetime")),  # swapped
    (PY_DATETIME, Prim("date")),  # swapped
    ("*Union[bytes, IO[bytes], io.IOBase]*", Prim("bytes")),
    ("*Union[bytes, IO[bytes], io.BufferedReader]*", Prim("bytes")),
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


@pytest.mark.parametrize("cell", ["*Optional[httpx.Response]*", "*Optional[requests_http.Response]*"])
def test_python_streamed_body_is_bytes(cell):
    """Outside ``raw_response`` an italic response type is a streamed binary body (reference 9.2)."""
    t = parse_cell(cell, py)
    assert isinstance(t, Optional_) and t.inner == Prim("bytes")


def test_python_v1_union_link_is_a_reference_to_the_union_doc():
    t = parse_cell("[Optional[Union[str, shared.Two]]](../../models/shared/two.md)", py)
    assert isinstance(t, Optional_) and isinstance(t.inner, Ref)
    assert t.inner.target == "../../models/shared/two.md"


def test_optional_meaning_depends_on_required():
    t = parse_cell("*Optional[str]*", py)
    assert finalize(t, required=False) == Prim("str")  # optional: the annotation gets '| None = None'
    assert finalize(t, required=True) == Nullable(Prim("str"))  # Py v1: required, may be null
    assert finalize(parse_cell("List[*Optional[str]*]", py), required=True) == ListOf(Nullable(Prim("str")))


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
    ],
)
def test_unknown_types_raise_type_syntax_error(cell, dialect):
    with pytest.raises(TypeSyntaxError):
        parse_cell(cell, dialect)
