"""The dialect registry and protocol (generator/parse/dialects/__init__.py, base.py): what every
dialect provides, how a doc's dialect is detected, and ``--dialect`` forcing one."""

from __future__ import annotations

import pytest

from generator import generate
from generator.config import load as load_config
from generator.diagnostics import Diagnostics
from generator.frontends.markdown import parse_all
from generator.options import OptionError, Options
from generator.parse.dialects import DIALECTS, NAMES, detect
from generator.parse.dialects.base import Dialect, Evidence
from generator.parse.document import UNDETECTED, parse_document
from generator.read import SourceFile

from .helpers import object_doc, run_cli, write_docs

CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"


# ---------------------------------------------------------------- the registry


def test_every_dialect_is_registered_under_its_name():
    assert NAMES == tuple(DIALECTS) and len(NAMES) >= 2
    for name, d in DIALECTS.items():
        assert isinstance(d, Dialect) and d.name == name and d.language
        assert all(lang == lang.lower() for lang in d.fence_languages)


def test_no_fence_language_belongs_to_two_dialects():
    seen: dict[str, str] = {}
    for d in DIALECTS.values():
        for lang in d.fence_languages:
            assert lang not in seen, f"{lang!r}: {seen[lang]} and {d.name}"
            seen[lang] = d.name


def test_every_dialect_overrides_the_grammar_and_the_score():
    """The base class's ``plain`` knows no type and its ``score`` is 0: a dialect must say both."""
    for d in DIALECTS.values():
        assert type(d).plain is not Dialect.plain, d.name
        assert type(d).score is not Dialect.score, d.name


def test_the_defaults_are_those_of_a_language_without_the_rule():
    d = Dialect()
    assert d.json_name("fooBar") == "fooBar"
    assert d.member_name("Color", "ColorRed") == "ColorRed"
    assert d.null_paths("let value: X = { a: null };") == []
    assert d.score(Evidence("models/x.md", "X", "object", "*string*", ("x",), "")) == 0
    assert d.member_type("const value: string = 'x';") == "string"
    assert not d.plumbing("rawResponse", "*Response*")


# ---------------------------------------------------------------- detection


TS_ROW = f"| `name` | *string* | {CHECK} | N/A |"
PY_ROW = f"| `name` | *str* | {CHECK} | N/A |"


def _evidence(types: str, path: str = "models/x.md") -> Evidence:
    return Evidence(path, "X", "object", types, ("name",), "")


def _cells(*rows: str) -> str:
    return "\n".join(r.split("|")[2].strip() for r in rows)


def test_the_first_fence_naming_a_language_decides():
    def evidence() -> Evidence:
        raise AssertionError("a fence decided: no evidence needed")

    assert detect(["json", "typescript"], evidence) == "typescript"
    assert detect(["py"], evidence) == "python"
    assert detect(["TypeScript"], evidence) == "typescript"
    assert detect(["golang"], evidence) == "go"


def test_without_a_fence_the_highest_score_wins_and_a_tie_tells_nothing():
    ts, py = _cells(TS_ROW), _cells(PY_ROW)
    assert detect(["json"], lambda: _evidence("\n".join([ts, ts, py]))) == "typescript"
    assert detect([], lambda: _evidence("\n".join([ts, py, py]))) == "python"
    assert detect([], lambda: _evidence("\n".join([ts, py]))) == ""
    assert detect([], lambda: _evidence("")) == ""


def _detected(doc: str, path: str = "models/x.md") -> str:
    """The dialect a doc's own text gives, "" for none."""
    raw = parse_document(SourceFile(path, doc), Diagnostics())
    return "" if raw is UNDETECTED else raw.dialect


def test_detection_reads_type_cells_not_descriptions():
    """A description may quote any language's spellings; only the Type cells count."""
    quoting = f"| `name` | *str* | {CHECK} | like *string* or Record<string, *any*> in TypeScript |"
    assert _detected(object_doc("A", quoting)) == "python"


def _parse(files: dict[str, str], dialect: str = "") -> tuple[dict[str, str], list]:
    diags = Diagnostics()
    docs = parse_all([SourceFile(p, t) for p, t in files.items()], diags, dialect)
    return {d.path: d.dialect for d in docs}, diags.items


ENUM = "# Color\n\n## Values\n\n| Name | Value |\n| ---- | ----- |\n| `Red` | red |\n"


def test_one_folder_may_mix_dialects():
    found, diags = _parse(
        {
            "models/a.md": object_doc("A", TS_ROW),
            "models/b.md": object_doc("B", PY_ROW),
        }
    )
    assert found == {"models/a.md": "typescript", "models/b.md": "python"}
    assert not diags


def test_a_doc_that_does_not_tell_takes_the_dialect_of_its_sdk_folder():
    found, _ = _parse(
        {
            "ts/docs/models/a.md": object_doc("A", TS_ROW),
            "ts/docs/models/color.md": ENUM,
            "py/docs/models/b.md": object_doc("B", PY_ROW),
            "py/docs/models/c.md": object_doc("C", PY_ROW),
            "py/docs/models/color.md": ENUM,
        }
    )
    assert found["ts/docs/models/color.md"] == "typescript"
    assert found["py/docs/models/color.md"] == "python"


def test_without_any_evidence_the_first_dialect_that_reads_the_doc_wins():
    # ``IO[bytes]`` is no spelling the scores count, and only Python reads it
    found, diags = _parse(
        {"models/a.md": object_doc("A", f"| `f` | *IO[bytes]* | {CHECK} | N/A |")}
    )
    assert found == {"models/a.md": "python"} and not diags


def test_a_doc_no_dialect_reads_is_one_clear_error():
    _, diags = _parse(
        {"models/a.md": object_doc("A", f"| `f` | *nosuchtype* | {CHECK} | N/A |")}
    )
    assert [d.code for d in diags] == ["parse-dialect"]
    message = diags[0].message
    assert "cannot tell which SDK language" in message and "--dialect" in message
    for name in NAMES:
        assert f"{name}: line 7:" in message


def test_an_undetected_doc_read_as_its_neighbours_says_so_when_it_fails():
    _, diags = _parse(
        {
            "models/a.md": object_doc("A", TS_ROW),
            "models/b.md": object_doc("B", f"| `f` | *nosuchtype* | {CHECK} | N/A |"),
        }
    )
    codes = sorted((d.code, d.severity.name) for d in diags)
    assert codes == [("parse-dialect", "INFO"), ("parse-type", "ERROR")]
    assert "read as typescript" in next(
        d.message for d in diags if d.code == "parse-dialect"
    )
    assert "unknown TypeScript type 'nosuchtype'" in next(
        d.message for d in diags if d.code == "parse-type"
    )


# ---------------------------------------------------------------- forcing one


def test_dialect_forces_every_doc():
    found, _ = _parse({"models/a.md": object_doc("A", TS_ROW)}, "python")
    assert found == {}  # 'string' is no Python type
    found, diags = _parse({"models/a.md": object_doc("A", PY_ROW)}, "python")
    assert found == {"models/a.md": "python"} and not diags
    result = generate(
        {
            "models/a.md": "# A\n\n```python\nx\n```\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n"
            + PY_ROW
            + "\n"
        },
        write=False,
        dialect="typescript",
    )
    assert [d.code for d in result.diagnostics] == ["parse-type"]
    assert "unknown TypeScript type 'str'" in result.diagnostics[0].message


def test_a_forced_dialect_changes_the_json_names():
    doc = {"models/a.md": object_doc("A", f"| `format_` | *str* | {CHECK} | N/A |")}
    py = generate(doc, write=False, docs=False)
    ts = generate(doc, write=False, docs=False, dialect="typescript")
    assert py.ok and [f.name for f in py.package.models[0].fields] == ["format"]
    assert not ts.ok  # 'str' is no TypeScript type


def test_the_dialect_option_is_checked():
    assert Options(dialect="python").dialect == "python"
    assert Options().dialect == ""
    with pytest.raises(OptionError, match="dialect must be one of"):
        Options(dialect="cobol")


def test_the_dialect_key_of_pyproject(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.gen-models]\nspecs = "s"\nout = "o"\ndialect = "python"\n')
    diags = Diagnostics()
    assert load_config(path, diags)[0].dialect == "python" and not diags.items
    path.write_text('[tool.gen-models]\nspecs = "s"\nout = "o"\ndialect = "cobol"\n')
    assert load_config(path, diags) == []
    assert [d.code for d in diags.items] == ["config-value"]
    assert diags.items[0].line == 4


def test_the_dialect_flag(tmp_path):
    specs = write_docs(tmp_path / "specs", {"models/a.md": object_doc("A", PY_ROW)})
    proc = run_cli(specs, tmp_path / "out", "--dialect", "typescript", "-q")
    assert proc.returncode == 2 and "unknown TypeScript type 'str'" in proc.stderr
    proc = run_cli(specs, tmp_path / "out", "--dialect", "python", "-q")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli(specs, tmp_path / "out", "--dialect", "cobol")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


def test_a_forced_dialect_is_part_of_the_manifest_only_when_given(tmp_path):
    specs = write_docs(tmp_path / "specs", {"models/a.md": object_doc("A", PY_ROW)})
    generate(specs, tmp_path / "out")
    manifest = (tmp_path / "out/.gen-models/manifest.json").read_text()
    assert '"dialect"' not in manifest
    result = generate(specs, tmp_path / "out", dialect="python")
    assert result.ok and not result.unchanged  # the options changed: generated again
    assert (
        '"dialect": "python"'
        in (tmp_path / "out/.gen-models/manifest.json").read_text()
    )


# ---------------------------------------------------------------- Go


@pytest.mark.parametrize(
    "field,json_name",
    [
        ("Name", "name"),
        ("ID", "id"),
        ("URL", "url"),
        ("RequestID", "requestId"),
        ("CallbackURL", "callbackUrl"),
        ("APIKeyAuth", "apiKeyAuth"),
        ("OpenIDConnect", "openIdConnect"),
        ("HTTPBinSimpleJSONObject", "httpBinSimpleJsonObject"),
        ("BigintStr", "bigintStr"),
        ("Int32EnumVal", "int32EnumVal"),
        ("Value1", "value1"),
        ("AdditionalProperties", "additionalProperties"),
        ("alreadyCamel", "alreadyCamel"),
        ("X", "x"),
    ],
)
def test_go_json_names_are_the_camel_case_names_the_go_names_were_made_from(
    field, json_name
):
    assert DIALECTS["go"].json_name(field) == json_name


@pytest.mark.parametrize(
    "enum,documented,name",
    [
        ("AccountType", "AccountTypeScaleUp", "ScaleUp"),
        ("Int32Enum", "Int32EnumFiftyFive", "FiftyFive"),
        ("Enum", "EnumFourAndMore", "FourAndMore"),
        ("Color", "Red", "Red"),  # no prefix
        ("Color", "Color", "Color"),  # nothing after it
        ("Version", "Version2", "Version2"),  # a digit cannot start a name
    ],
)
def test_go_enum_members_lose_their_type_prefix(enum, documented, name):
    assert DIALECTS["go"].member_name(enum, documented) == name


def test_go_union_members_take_the_type_of_their_constructor_argument():
    go = DIALECTS["go"]
    code = "unionValue := shared.CreateUnionValueInteger(int64{/* values here */})"
    assert go.member_type(code) == "int64"
    assert go.member_type(
        "value := components.CreateXArrayOfStr([]string{/* values here */})"
    ) == ("[]string")
    assert go.member_type("no constructor here") == ""


GO_ROWS = "\n".join(
    [
        f"| `Name` | *string* | {CHECK} | N/A |",
        f"| `Count` | *string* | {MINUS} | N/A |",
    ]
)


def test_go_field_names_outweigh_the_primitives_go_shares_with_typescript():
    doc = object_doc("Pet", GO_ROWS)
    evidence = Evidence(
        "models/pet.md", "Pet", "object", "*string*\n*string*", ("Name", "Count"), doc
    )
    assert DIALECTS["typescript"].score(evidence) == 2
    assert DIALECTS["go"].score(evidence) == 4
    assert _detected(doc) == "go"
    assert _detected(object_doc("Pet", TS_ROW)) == "typescript"


def test_go_layout_and_fence_tell_go():
    assert _detected(ENUM, "pkg/models/shared/color.md") == "go"
    assert _detected(ENUM, "models/shared/color.md") == ""
    fenced = ENUM.replace(
        "## Values",
        "## Example Usage\n\n```go\nvalue := shared.ColorRed\n```\n\n## Values",
    )
    assert _detected(fenced, "models/components/color.md") == "go"


def test_go_response_plumbing_and_additional_properties():
    doc = object_doc(
        "GetPetResponse",
        f"| `ContentType` | *string* | {CHECK} | N/A |",
        f"| `StatusCode` | *int* | {CHECK} | N/A |",
        f"| `RawResponse` | [*http.Response](https://pkg.go.dev/net/http#Response) | {MINUS} | N/A |",
        f"| `AdditionalProperties` | map[string]*string* | {MINUS} | N/A |",
    )
    result = generate({"pkg/models/operations/getpetresponse.md": doc}, write=False)
    assert result.ok, [str(d) for d in result.diagnostics]
    (model,) = result.package.models
    assert [f.name for f in model.fields] == ["contentType", "statusCode"]
    assert model.extra is not None and model.extra_name == "additionalProperties"
