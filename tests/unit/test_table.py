"""Table rows are split on unescaped pipes, trimmed, then unescaped; never by offsets."""

from generator.parse.table import is_separator, split_row

from .timing import assert_linear


def texts(line: str) -> list[str]:
    return [c.text for c in split_row(line, 1).cells]


def test_escaped_pipes_stay_in_the_cell():
    assert texts(r"| `grain` | *string* | :heavy_minus_sign: | a \| b \| c |") == [
        "`grain`",
        "*string*",
        ":heavy_minus_sign:",
        "a | b | c",
    ]


def test_file_upload_cell_keeps_its_alternatives():
    line = r"| `file` | [File](https://x/File) \| [Blob](https://x/Blob) \| [operations.F](../../models/operations/f.md) | :heavy_minus_sign: | N/A |"
    assert (
        texts(line)[1]
        == "[File](https://x/File) | [Blob](https://x/Blob) | [operations.F](../../models/operations/f.md)"
    )


def test_ragged_and_unpadded_rows():
    assert texts("|`a`|*string*|:heavy_check_mark:|N/A|") == [
        "`a`",
        "*string*",
        ":heavy_check_mark:",
        "N/A",
    ]
    assert texts("| `a`                | *string* |  :heavy_check_mark:   | N/A |") == [
        "`a`",
        "*string*",
        ":heavy_check_mark:",
        "N/A",
    ]
    assert texts("   | a |b|   ") == ["a", "b"]


def test_missing_outer_pipes_and_trailing_newline():
    assert texts("| a | b") == ["a", "b"]
    assert texts("a | b |") == ["a", "b"]
    assert texts("| a | b |\n") == ["a", "b"]


def test_empty_cells_are_kept():
    assert texts("| `a` | *string* | :heavy_minus_sign: | N/A |  |") == [
        "`a`",
        "*string*",
        ":heavy_minus_sign:",
        "N/A",
        "",
    ]


def test_other_backslashes_pass_through():
    assert texts(r"| a\b | \<nil> |") == [r"a\b", r"\<nil>"]


def test_columns_point_at_the_cell_text():
    line = "| `a` |   *string* | x |"
    row = split_row(line, 7)
    assert row.line == 7
    for cell in row.cells:
        assert line[cell.col - 1 :].startswith(cell.text)


def test_wide_rows():
    cell = "x" * 5000
    assert texts(f"| `a` | *string* | :heavy_check_mark: | {cell} |")[3] == cell


def test_separator():
    assert is_separator(split_row("| --- | ------ |", 2))
    assert is_separator(split_row("|-|-|", 2))
    assert not is_separator(split_row("| `a` | b |", 2))


def test_a_cell_of_many_escaped_pipes_splits_in_linear_time():
    assert texts(r"| a\|b | c\\| d | e\|\|f |") == ["a|b", "c\\| d", "e||f"]
    assert_linear(
        lambda line: split_row(line, 1),
        lambda n: "| `a` | " + "\\|" * (n // 2) + " |",
        50_000,
        limit=0.5,
    )
