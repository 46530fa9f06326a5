"""Block structure (generator/parse/markdown.py): what the document parser sees, in time linear in the doc."""

from __future__ import annotations

import pytest

from generator.parse.markdown import _PADDING, blocks

from .timing import assert_linear

TABLE = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"


def test_padding_before_a_pipe_collapses_to_one_space():
    assert _PADDING.sub(" ", "| a    | b  |  c|") == "| a | b |  c|"
    assert _PADDING.sub(" ", "   | a |") == " | a |"  # a run at the very start too
    assert _PADDING.sub(" ", "a    b |") == "a    b |"  # spaces no pipe follows stay


def test_blocks_of_a_model_doc():
    doc = (
        "# A\n\nText.\n\n## Fields\n\n"
        + TABLE
        + "| `a`    | *string*     | :heavy_check_mark: | N/A     |\n"
    )
    kinds = [(b.kind, b.start, b.end) for b in blocks(doc)]
    assert kinds == [
        ("heading", 0, 1),
        ("paragraph", 2, 3),
        ("heading", 4, 5),
        ("paragraph", 6, 9),
    ]


# hostile layouts: a long run of spaces in a table row (no pipe after it), between words, before
# a pipe far away, as a whole line; and markdown-it's own rules on many lines of one construct
HOSTILE = {
    "spaces in a row": (
        lambda n: "# A\n\n## Fields\n\n"
        + TABLE
        + "| `a` | *string* | x"
        + " " * n
        + "y |\n",
        20_000,
    ),
    "spaces, no pipe": (lambda n: "# A\n\n" + "a" + " " * n + "b\n", 20_000),
    "spaces then pipe": (lambda n: "# A\n\n|" + " " * n + "|\n", 20_000),
    "spaces between words": (lambda n: "# A\n\n" + "a  " * (n // 3) + "\n", 20_000),
    "blank lines": (lambda n: "# A\n\n" + "\n" * n + "## Fields\n", 5_000),
    "whitespace lines": (lambda n: "# A\n\n" + " \t \n" * (n // 4), 5_000),
    "nested quotes and lists": (lambda n: "# A\n\n" + "> - a\n" * (n // 6), 5_000),
    "indented list": (lambda n: "- a\n" + "  b\n" * (n // 4), 5_000),
    "headings": (lambda n: "## a\n" * (n // 5), 5_000),
    "unclosed fences": (lambda n: "```\n" * (n // 4), 5_000),
}


@pytest.mark.parametrize("shape", HOSTILE)
def test_blocks_take_linear_time(shape):
    make, n = HOSTILE[shape]
    assert_linear(blocks, make, n)
