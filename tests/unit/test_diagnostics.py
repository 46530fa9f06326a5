"""Errors are diagnostics ``file:line:col: error: message [code]``; exit code 2 leaves OUT untouched."""

from __future__ import annotations

import re

import pytest

from generator import Severity, generate

from .helpers import FIXTURES, object_doc, run_cli, snapshot, write_docs

DIAG = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): (?P<msg>.+) \[(?P<code>[\w-]+)\]$",
    re.M,
)
CHECK, MINUS = ":heavy_check_mark:", ":heavy_minus_sign:"
GOOD = object_doc("Good", f"| `id` | *string* | {CHECK} | N/A |")

ERROR_CASES = {
    "dangling-reference": (
        {
            "docs/models/components/a.md": object_doc(
                "A",
                f"| `id` | *string* | {CHECK} | N/A |",
                f"| `b` | [components.B](../../models/components/b.md) | {CHECK} | N/A |",
            )
        },
        ("docs/models/components/a.md", 8, "link-unresolved", "components.B"),
    ),
    "dangling-union-ref": (
        {
            "docs/models/components/a.md": object_doc(
                "A", f"| `u` | *components.Nope*[] | {MINUS} | N/A |"
            )
        },
        ("docs/models/components/a.md", 7, "link-unresolved", "components.Nope"),
    ),
    "table-without-separator": (
        {
            "docs/models/components/a.md": "# A\n\n## Fields\n\n| Field | Type | Required | Description |\n| `x` | *string* | :heavy_check_mark: | N/A |\n"
        },
        ("docs/models/components/a.md", 5, "parse-table", "separator"),
    ),
    "table-row-with-missing-cells": (
        {
            "docs/models/components/a.md": object_doc(
                "A", f"| `x` | *string* | {CHECK} |"
            )
        },
        ("docs/models/components/a.md", 7, "parse-table", "cells"),
    ),
    "bad-required-cell": (
        {
            "docs/models/components/a.md": object_doc(
                "A", "| `x` | *string* | yes | N/A |"
            )
        },
        ("docs/models/components/a.md", 7, "parse-required", "yes"),
    ),
    "unknown-type": (
        {
            "docs/models/components/a.md": object_doc(
                "A", f"| `x` | *wat* | {CHECK} | N/A |"
            )
        },
        ("docs/models/components/a.md", 7, "parse-type", "wat"),
    ),
    "undecodable-file": (
        {"docs/models/components/a.md": b"# A\n\n## Fields\n\n\xff\xfe broken\n"},
        ("docs/models/components/a.md", 5, "read-encoding", "UTF-8"),
    ),
    # literals the generated code cannot hold: Python's int-string limit, lone surrogates (not
    # UTF-8), numbers out of range; and types past the nesting limit (Python's recursion limit)
    "integer-literal-type-too-long": (
        {
            "docs/models/components/a.md": object_doc(
                "A", f"| `x` | *{'1' * 5000}* | {CHECK} | N/A |"
            )
        },
        ("docs/models/components/a.md", 7, "parse-type", "5,000 digits"),
    ),
    "integer-enum-value-too-long": (
        {
            "docs/models/components/e.md": "# E\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | 1 |\n| `B` | "
            + "1" * 5000
            + " |\n"
        },
        ("docs/models/components/e.md", 8, "parse-enum", "5,000 digits"),
    ),
    "integer-json-enum-value-too-long": (
        {"docs/models/components/e.md": "# E\n\n## Values\n\n- `" + "9" * 5000 + "`\n"},
        ("docs/models/components/e.md", 5, "parse-enum", "5,000 digits"),
    ),
    "lone-surrogate-literal-type": (
        {
            "docs/models/components/a.md": object_doc(
                "A", f'| `x` | *"\\udc80"* | {CHECK} | N/A |'
            )
        },
        ("docs/models/components/a.md", 7, "parse-type", "surrogate \\udc80"),
    ),
    "lone-surrogate-python-literal": (
        {
            "docs/models/components/a.md": object_doc(
                "A", f"| `x` | *Literal['a', '\\ud800']* | {CHECK} | N/A |"
            )
        },
        ("docs/models/components/a.md", 7, "parse-type", "surrogate \\ud800"),
    ),
    "lone-surrogate-enum-value": (
        {
            "docs/models/components/e.md": '# E\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | `"\\udc80"` |\n'
        },
        ("docs/models/components/e.md", 7, "parse-enum", "surrogate \\udc80"),
    ),
    "lone-surrogate-enum-code-block": (
        {
            "docs/models/components/e.md": '# E\n\n## Values\n\n```typescript\n"a" | "\\udfff"\n```\n'
        },
        ("docs/models/components/e.md", 6, "parse-enum", "surrogate \\udfff"),
    ),
    "lone-surrogate-union-member": (
        {
            "docs/models/components/u.md": '# U\n\n## Supported Types\n\n### `"\\udc80"`\n'
        },
        ("docs/models/components/u.md", 5, "parse-type", "surrogate \\udc80"),
    ),
    "number-out-of-range": (
        {
            "docs/models/components/a.md": object_doc(
                "A", f"| `x` | *1e999* | {CHECK} | N/A |"
            )
        },
        ("docs/models/components/a.md", 7, "parse-type", "out of range"),
    ),
    "nan-enum-value": (
        {"docs/models/components/e.md": "# E\n\n## Values\n\n- `NaN`\n- `-Infinity`\n"},
        ("docs/models/components/e.md", 5, "parse-enum", "NaN"),
    ),
    "type-nested-too-deep": (
        {
            "docs/models/components/a.md": object_doc(
                "A", f"| `x` | *string*{'[]' * 5000} | {CHECK} | N/A |"
            )
        },
        ("docs/models/components/a.md", 7, "parse-type", "nested more than"),
    ),
}


def _expect(stderr: str, file: str, line: int, code: str, needle: str) -> None:
    found = [m for m in DIAG.finditer(stderr) if m["sev"] == "error"]
    assert found, stderr
    # the CLI prints paths below SPECS as given on its command line
    hit = [
        m
        for m in found
        if (m["file"] == file or m["file"].endswith("/" + file))
        and int(m["line"]) == line
        and m["code"] == code
    ]
    assert hit, f"no '{file}:{line}:*: error: ... [{code}]' in:\n{stderr}"
    assert needle in hit[0]["msg"], hit[0].group(0)
    assert int(hit[0]["col"]) >= 1


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_errors_via_the_api(case, tmp_path):
    docs, (file, line, code, needle) = ERROR_CASES[case]
    specs = write_docs(
        tmp_path / "specs", {**docs, "docs/models/components/good.md": GOOD}
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "sentinel.txt").write_text("keep me")
    before = snapshot(out)
    result = generate(specs, out)
    assert result.exit_code == 2 and not result.ok and not result.written
    text = "\n".join(map(str, result.diagnostics))
    _expect(text, file, line, code, needle)
    assert snapshot(out) == before


@pytest.mark.parametrize(
    "case",
    [
        "dangling-reference",
        "bad-required-cell",
        "undecodable-file",
        "table-without-separator",
        "integer-literal-type-too-long",
        "lone-surrogate-enum-value",
        "type-nested-too-deep",
    ],
)
def test_errors_via_the_cli(case, tmp_path):
    docs, (file, line, code, needle) = ERROR_CASES[case]
    specs = write_docs(
        tmp_path / "specs", {**docs, "docs/models/components/good.md": GOOD}
    )
    out = tmp_path / "out"
    (out / "models").mkdir(parents=True)
    (out / "sentinel.txt").write_text("keep me")
    (out / "models" / "old.py").write_text("# an earlier run\n")
    before = snapshot(out)
    proc = run_cli(specs, out)
    assert proc.returncode == 2, proc.stderr
    _expect(proc.stderr, file, line, code, needle)
    assert snapshot(out) == before
    # every line is a located diagnostic or the closing summary: no traceback, no bare 'error:'
    assert [
        x
        for x in proc.stderr.splitlines()
        if not DIAG.match(x) and not x.startswith("gen-models: ")
    ] == []
    assert (
        "gen-models: error:" not in proc.stderr and "internal error" not in proc.stderr
    )


def test_unreadable_file(tmp_path):
    specs = write_docs(tmp_path / "specs", {"docs/models/components/good.md": GOOD})
    (specs / "docs/models/components/dangling.md").symlink_to(tmp_path / "nowhere.md")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sentinel.txt").write_text("keep me")
    proc = run_cli(specs, out)
    assert proc.returncode == 2, proc.stderr
    _expect(
        proc.stderr,
        "docs/models/components/dangling.md",
        1,
        "read-unreadable",
        "cannot read",
    )
    assert snapshot(out) == {"sentinel.txt": b"keep me"}


def test_missing_specs_folder(tmp_path):
    proc = run_cli(tmp_path / "does-not-exist", tmp_path / "out")
    assert proc.returncode == 2
    assert DIAG.search(proc.stderr), proc.stderr
    assert not (tmp_path / "out").exists()


def test_allow_missing_types_unresolved_refs_as_any(tmp_path):
    docs, _ = ERROR_CASES["dangling-reference"]
    specs = write_docs(tmp_path / "specs", docs)
    out = tmp_path / "out"
    proc = run_cli(specs, out, "--allow-missing")
    assert proc.returncode == 0, proc.stderr
    warnings = [m for m in DIAG.finditer(proc.stderr) if m["sev"] == "warning"]
    assert [(m["file"], m["line"], m["code"]) for m in warnings] == [
        (str(specs / "docs/models/components/a.md"), "8", "link-unresolved")
    ]
    source = (out / "models/components/a.py").read_text()
    assert re.search(r"^    b: Any$", source, re.M), source


def test_allow_missing_still_fails_on_parse_errors(tmp_path):
    docs, _ = ERROR_CASES["bad-required-cell"]
    result = generate(
        write_docs(tmp_path / "specs", docs), write=False, allow_missing=True
    )
    assert result.exit_code == 2


def test_non_model_markdown_is_skipped_with_info():
    """SDK READMEs, RetryConfig utils docs, types/rfcdate.md and Go option docs: info, never an error."""
    result = generate(FIXTURES / "nonmodel", write=False)
    assert result.exit_code == 0, [str(d) for d in result.diagnostics]
    skipped = {d.file for d in result.diagnostics if d.code == "skip-non-model"}
    assert skipped == {
        "docs/sdks/pets/README.md",
        "docs/models/utils/retryconfig.md",
        "docs/lib/utils/retryconfig.md",
        "docs/types/rfcdate.md",
        "docs/models/operations/option.md",
    }
    assert all(d.severity is Severity.INFO for d in result.diagnostics)
    py = [
        p
        for p, _ in result.files
        if p.endswith(".py") and not p.endswith("__init__.py") and "_runtime" not in p
    ]
    assert py == ["models/components/pet.py"]
    assert (
        "born: datetime.date | None = None"
        in dict(result.files)["models/components/pet.py"]
    )


def test_cli_verbose_prints_info_and_check_mode(tmp_path):
    specs = FIXTURES / "nonmodel"
    out = tmp_path / "out"
    proc = run_cli(specs, out, "-v")
    assert proc.returncode == 0, proc.stderr
    assert "info: not a model doc" in proc.stderr
    assert (out / "models/components/pet.py").is_file()
    assert run_cli(specs, out, "--check").returncode == 0
    (out / "models/components/pet.py").write_text("# edited\n")
    stale = run_cli(specs, out, "--check")
    assert stale.returncode == 1 and "pet.py" in stale.stderr
    assert (out / "models/components/pet.py").read_text() == "# edited\n"


def test_diagnostic_format():
    from generator.diagnostics import Diagnostic

    d = Diagnostic("docs/a.md", 3, 7, Severity.ERROR, "boom", "x-code")
    assert str(d) == "docs/a.md:3:7: error: boom [x-code]"
