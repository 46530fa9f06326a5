"""The dialect registry and protocol (generator/parse/dialects/__init__.py, base.py): what every
dialect provides, how a doc's dialect is detected, and ``--dialect`` forcing one."""

from __future__ import annotations

import pytest

from generator import generate
from generator.config import load as load_config
from generator.diagnostics import Diagnostics
from generator.frontends.markdown import parse_all
from generator.parse.dialects import DIALECTS, NAMES, detect
from generator.parse.dialects.base import Dialect
from generator.pipeline import OptionError, Options
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
    assert d.score("anything", "models/x.md") == 0
    assert d.member_type("const value: string = 'x';") == "string"
    assert not d.plumbing("rawResponse", "*Response*")


# ---------------------------------------------------------------- detection


TS_ROW = f"| `name` | *string* | {CHECK} | N/A |"
PY_ROW = f"| `name` | *str* | {CHECK} | N/A |"


def test_the_first_fence_naming_a_language_decides():
    assert detect(PY_ROW * 5, "x.md", ["json", "typescript"]) == "typescript"
    assert detect(TS_ROW * 5, "x.md", ["py"]) == "python"
    assert detect(TS_ROW, "x.md", ["TypeScript"]) == "typescript"


def test_without_a_fence_the_highest_score_wins_and_a_tie_tells_nothing():
    assert detect(TS_ROW * 2 + PY_ROW, "x.md", ["json"]) == "typescript"
    assert detect(TS_ROW + PY_ROW * 2, "x.md", []) == "python"
    assert detect(TS_ROW + PY_ROW, "x.md", []) == ""
    assert detect("no types at all", "x.md", []) == ""


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
