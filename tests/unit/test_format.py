"""The format stage: which rendered files need black, and what a run imports for it."""

from __future__ import annotations

import subprocess
import sys

from generator.format import format_python, needs_black

LONG_COMMENT = "# " + "word " * 30  # over the line length


def test_a_long_comment_line_needs_no_black():
    # black never splits a comment: a module whose only long lines are comments is laid out
    text = f"from __future__ import annotations\n\n{LONG_COMMENT.strip()}\nX = 1\n"
    assert format_python(text) == text
    assert not needs_black(text)
    indented = f"class A:\n    {LONG_COMMENT.strip()}\n    x: int = 1\n"
    assert format_python(indented) == indented
    assert not needs_black(indented)


def test_long_code_still_needs_black():
    call = "X = f(" + ", ".join(f"argument{i}" for i in range(12)) + ")"
    assert needs_black(f"{call}\n")
    assert needs_black(f"{call}  {LONG_COMMENT.strip()}\n")  # code before the comment


SPEC = """\
openapi: 3.0.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
"""

IMPORTS = """
import sys
from generator import generate
result = generate({"openapi.yaml": sys.argv[1]}, write=False)
assert result.ok, result.diagnostics
heavy = ("markdown_it", "black", "generator.parse.dialects.csharp")
print(" ".join(m for m in heavy if m in sys.modules))
"""


def test_a_spec_run_imports_neither_the_markdown_parser_nor_black():
    # a tenth of a second each at start-up: a spec needs no markdown parsing, and its layout
    # (the runtime module's long comments included) needs no black; nor the seven dialects
    # (their names, for the options, are in parse/languages.py)
    proc = subprocess.run(
        [sys.executable, "-c", IMPORTS, SPEC], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == []
