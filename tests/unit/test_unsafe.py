"""Control, bidi and invisible characters of the input reach no terminal, source file or doc raw
(generator/unsafe.py, used by diagnostics, render/literals and render/docs)."""

from __future__ import annotations

import re

import pytest

from generator import generate
from generator.diagnostics import Diagnostic, Severity
from generator.unsafe import (
    BIDI,
    CONTROLS,
    INVISIBLE,
    SURROGATES,
    escape_docs,
    printable,
)

from .helpers import run_cli, write_docs

TERMINAL = re.compile(f"[\t\n{CONTROLS}{BIDI}{INVISIBLE}{SURROGATES}]")
SOURCE = re.compile(f"[\t{CONTROLS}{BIDI}{INVISIBLE}{SURROGATES}]")
DOCS = re.compile(f"[{CONTROLS}{BIDI}{SURROGATES}]")
# ESC sequences, C1, bidi overrides/isolates/marks, zero-width, separators, BOM, DEL, a C0 control
HOSTILE = "\x1b[31m\x9b2J\u202eevil\u202c\u2067\u2069\u200e\u200f\u061c\u200b\u200d\u2060\u2028\u2029\ufeff\x7f\x01"
LITERAL = (
    "\u202e\u2066\x85\u200b\ufeff\u2028"  # what JSON lets into a string literal (no C0)
)
CHECK = ":heavy_check_mark:"
HEAD = "| Field | Type | Required | Description | Example |\n| ----- | ---- | -------- | ----------- | ------- |\n"


def test_printable_escapes_and_keeps_the_rest():
    assert (
        printable("a\x1b[31mb\u202ec\td\ne é 名 \\| ~")
        == "a\\x1b[31mb\\u202ec\\td\\ne é 名 \\| ~"
    )
    assert (
        printable("bad\udcff.md") == "bad\\xff.md"
    )  # an undecodable byte of a file name
    assert printable("\ud800") == "\\ud800"
    assert not TERMINAL.search(printable(HOSTILE + "\t\n\udc80"))


def test_docs_keep_tabs_newlines_and_zero_widths():
    assert (
        escape_docs("a\tb\nc\u200dd") == "a\tb\nc\u200dd"
    )  # ZWJ joins emoji and scripts
    assert escape_docs("a\x1bb\u202ec\x85") == "a\\x1bb\\u202ec\\x85"


def test_a_diagnostic_prints_escaped():
    d = Diagnostic(
        "models/a\x1b]0;title\x07.md",
        3,
        4,
        Severity.ERROR,
        "got '\u202eevil' and\nmore",
        "parse-type",
    )
    assert (
        str(d)
        == "models/a\\x1b]0;title\\x07.md:3:4: error: got '\\u202eevil' and\\nmore [parse-type]"
    )


def _hostile_tree(root):
    return write_docs(
        root,
        {
            f"models/comp/obj{HOSTILE}.md": (
                f"# Obj\n\nDescription {HOSTILE} here.\n\n> :warning: **DEPRECATED**: gone {HOSTILE}\n\n## Fields\n\n"
                + HEAD
                + f"| `a{HOSTILE}` | *string* | {CHECK} | d {HOSTILE} | ex {HOSTILE} |\n"
                + f'| `b` | *"lit{LITERAL}"* | {CHECK} | : warning: ** DEPRECATED **: old {HOSTILE}.<br/><br/>x {HOSTILE} | |\n'
                + "| `c` | [comp.E](e.md) | :heavy_minus_sign: | N/A | |\n"
            ),
            "models/comp/e.md": f"# E\n\n{HOSTILE}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A{HOSTILE}` | v{HOSTILE} |\n| `B` | w |\n",
            "models/comp/u.md": f'# U\n\n## Supported Types\n\n### `"m{LITERAL}"`\n\n### `string`\n',
            f"models/ns{HOSTILE}/x.md": "# X\n\n## Fields\n\n"
            + HEAD
            + f"| `a` | *string* | {CHECK} | N/A | |\n",
        },
    )


@pytest.mark.parametrize("kind", ["pydantic", "dataclasses"])
def test_no_output_file_carries_them_raw(kind, tmp_path):
    result = generate(_hostile_tree(tmp_path / "specs"), write=False, kind=kind)
    assert result.ok, [str(d) for d in result.diagnostics]
    for path, text in result.files:
        assert not DOCS.search(path), repr(path)
        raw = (SOURCE if path.endswith(".py") else DOCS).findall(text)
        assert not raw, f"{path}: {sorted(set(raw))!r}"
        text.encode("utf-8")
        if path.endswith(".py"):
            compile(text, path, "exec")
    assert any(
        "Description \\x1b[31m\\x9b2J\\u202eevil" in text for _, text in result.files
    )  # shown, escaped


def test_the_cli_prints_none_of_them(tmp_path):
    specs = write_docs(
        tmp_path / "specs",
        {
            f"models/comp/a{HOSTILE}.md": "# A\n\n## Fields\n\n"
            + HEAD
            + f"| `x` | *wat{HOSTILE}* | {CHECK} | N/A | |\n",
        },
    )
    proc = run_cli(specs, tmp_path / "out")
    assert proc.returncode == 2, proc.stderr
    assert "unknown TypeScript type 'wat\\x1b[31m\\x9b2J\\u202eevil" in proc.stderr
    assert not TERMINAL.search(proc.stderr.replace("\n", "")), repr(proc.stderr)
