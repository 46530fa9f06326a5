"""Text from the input becomes Python source only through py_string/docstring: nothing breaks out."""

import ast
import random
import re

import pytest

from generator.render.literals import docstring, py_string
from generator.unsafe import BIDI, CONTROLS, INVISIBLE, SURROGATES

RAW = re.compile(f"[{CONTROLS}{BIDI}{INVISIBLE}{SURROGATES}\t]")

NASTY = [
    "",
    "plain",
    '"',
    "'",
    '"""',
    "'''",
    '""""""',
    'ends with a quote"',
    "ends with a backslash\\",
    "\\",
    "\\n is not a newline",
    'a\\"b',
    '"""; import os; os.system("x"); """',
    "tab\there",
    "nul\x00byte",
    "bell\x07 and esc\x1b[31m",
    "line\nbreaks\n\n  indented\n",
    "carriage\rreturn",
    "\u2028line sep\u2029para sep",
    "\ufeffbom",
    "del\x7f",
    "{braces} and %s and $x",
    "unicode: é 名前 🐍",
    "    leading spaces",
    "trailing spaces    ",
    "c1 \x85 next line, \x9b csi",
    "bidi \u202eevil\u202c and \u2066isolate\u2069, marks \u200e\u200f\u061c",
    "zero\u200bwidth\u200c\u200d joiner \u2060",
    "lone \udc80 surrogate \ud800",
    'two lines, the last\nending in a quote "',  # found by test_fuzz_openapi
]


def _random_texts(n):
    rng = random.Random(99)
    pieces = [
        '"',
        "'",
        "\\",
        "\n",
        "\t",
        "\x00",
        '"""',
        "a",
        " ",
        "é",
        "\r",
        "\x0b",
        "\u2028",
        "{",
        "N",
    ]
    for _ in range(n):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))


ALL = NASTY + list(_random_texts(300))


@pytest.mark.parametrize("text", ALL)
def test_py_string_round_trips(text):
    src = py_string(text)
    assert "\n" not in src
    assert ast.literal_eval(src) == text
    compile(f"x = {src}\n", "<py_string>", "exec")


@pytest.mark.parametrize("text", ALL)
def test_docstring_is_one_safe_string(text):
    src = docstring(text)
    module = ast.parse(
        f"class C:\n    {src.replace(chr(10), chr(10) + '    ')}\n    x = 1\n"
    )
    body = module.body[0].body
    assert len(body) == 2, "the docstring must stay one statement"
    value = body[0].value
    assert isinstance(value, ast.Constant) and isinstance(value.value, str)
    # the text survives up to the whitespace a docstring may normalise
    got, want = value.value, text.strip()
    assert " ".join(got.split()) == " ".join(want.split()) or _same_modulo_indent(
        got, want
    )


def _same_modulo_indent(got: str, want: str) -> bool:
    strip = lambda s: [
        line.strip() for line in s.strip().splitlines() if line.strip()
    ]  # noqa: E731
    return strip(got) == strip(want)


def _unsafe_texts(n):
    rng = random.Random(7)
    pieces = [
        '"',
        "\\",
        "\n",
        "\t",
        "a",
        " ",
        "é",
        "\x00",
        "\x1b",
        "\x7f",
        "\x85",
        "\x9b",
        "\u061c",
        "\u200e",
        "\u202e",
        "\u2067",
        "\u2069",
        "\u200b",
        "\u200d",
        "\u2060",
        "\u2028",
        "\ufeff",
        "\ud800",
        "\udcff",
    ]
    for _ in range(n):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))


@pytest.mark.parametrize("text", ALL + list(_unsafe_texts(100)))
def test_no_control_bidi_or_invisible_character_is_written_raw(text):
    """Generated source shows every such character as an escape (terminals, editors and reviews
    would act on or hide it; a lone surrogate cannot even be written as UTF-8)."""
    for src in (py_string(text), docstring(text)):
        assert not RAW.search(src), src
        src.encode("utf-8")


def test_docstring_escapes_triple_quotes_and_backslashes():
    assert ast.literal_eval(docstring('say """hi""" \\o/')) == 'say """hi""" \\o/'
    assert ast.literal_eval(docstring('ends with "')).rstrip(" ") == 'ends with "'
    assert ast.literal_eval(docstring('ends with """')).rstrip(" ") == 'ends with """'
    assert (
        ast.literal_eval(docstring('"starts" with a quote')).lstrip(" ")
        == '"starts" with a quote'
    )


def test_py_string_prefers_double_quotes():
    assert py_string("abc") == '"abc"'
    assert py_string("it's") == '"it\'s"'


@pytest.mark.parametrize("text", NASTY + list(_random_texts(60)))
def test_docstring_is_black_stable(text):
    import black

    if not text.strip():
        pytest.skip("render never writes an empty docstring")
    src = "class C:\n    " + docstring(text).replace("\n", "\n    ") + "\n\n    x = 1\n"
    # only the blank lines the indenting above made: a trailing space black strips is a finding
    src = "\n".join(line if line.strip() else "" for line in src.split("\n"))
    assert black.format_str(src, mode=black.Mode()) == src


@pytest.mark.parametrize("text", NASTY + list(_random_texts(60)))
def test_py_string_is_black_stable(text):
    import black

    src = f"x = {py_string(text)}\n"
    assert black.format_str(src, mode=black.Mode(line_length=10_000)) == src


def _annotated_cases():
    """(attr, annotation, value) of many lengths: one name, a union, a subscript; with and
    without a value."""
    rng = random.Random(7)
    for _ in range(400):
        attr = "a" * rng.randint(1, 40)
        name = "N" * rng.randint(5, 95)
        ann = rng.choice(
            [
                name,
                f"{name} | None",
                f"List[{name}]",
                f"Dict[str, {name}] | None",
                f"list[{name}] | None",
                f"str | list[{name}] | dict[str, {name}] | None",
            ]
        )
        rhs = rng.choice([None, "None", '"x"', "-1", "Color.RED", "[]", "call"])
        yield attr, ann, rhs


@pytest.mark.parametrize("attr,ann,rhs", list(_annotated_cases()))
def test_wrap_annotated_is_black_or_left_for_black(attr, ann, rhs):
    """A field line render lays out is what black writes, unless the format stage sees that
    black must lay it out (``needs_black``: a line too long that is not one long name).
    """
    import black

    from generator.format import needs_black
    from generator.render.literals import wrap_annotated

    call = None
    if rhs == "call":  # as the templates give a Field(...) value
        call = ("Field", ["default=None", 'alias="aa"'])
        rhs = 'Field(default=None, alias="aa")'
    text = wrap_annotated(attr, ann, rhs, 4, call)
    src = "class C:\n" + "\n".join("    " + line for line in text.split("\n")) + "\n"
    if not needs_black(src):
        assert black.format_str(src, mode=black.Mode()) == src


@pytest.mark.parametrize("n", [74, 78, 82, 86])
@pytest.mark.parametrize("rhs", ["{name}.CHUNKS", "None", "-1"])
@pytest.mark.parametrize("ann", ["{name} | None", "{name} | Other | None"])
def test_a_split_annotation_takes_a_long_value_in_brackets(n, rhs, ann):
    """``x: (A | None) = (A.MEMBER)``: the annotation split one member a line, and a name
    or number in brackets below it even where it is too long there, as black writes it (the
    orq spec's one module that needed black: black is not even imported now)."""
    import black

    from generator.format import needs_black
    from generator.render.literals import wrap_annotated

    name = "N" * n
    text = wrap_annotated(
        "return_type", ann.format(name=name), rhs.format(name=name), 4
    )
    src = "class C:\n" + "\n".join("    " + line for line in text.split("\n")) + "\n"
    assert not needs_black(src)
    assert black.format_str(src, mode=black.Mode()) == src


def _display_cases():
    """Field(...) calls whose last keyword is a dict display of many shapes and lengths: flat,
    nested, with lists, a lone item, an empty one, subscripts and single-quoted strings.
    """
    rng = random.Random(11)

    def value(depth: int) -> str:
        kind = rng.choice(["num", "str", "list", "dict", "dict", "empty"])
        if depth > 2 or kind == "num":
            return str(rng.randint(0, 10 ** rng.randint(1, 12)))
        if kind == "str":
            return rng.choice(['"' + "v" * rng.randint(1, 60) + '"', "'say \"hi\"'"])
        if kind == "empty":
            return rng.choice(["[]", "{}"])
        if kind == "list":
            return (
                "["
                + ", ".join(value(depth + 1) for _ in range(rng.randint(1, 4)))
                + "]"
            )
        items = [
            f'"{"k" * rng.randint(1, 20)}{i}": {value(depth + 1)}'
            for i in range(rng.randint(1, 5))
        ]
        return "{" + ", ".join(items) + "}"

    for _ in range(300):
        display = (
            value(0) if rng.random() < 0.2 else "{" + f'"default": {value(1)}' + "}"
        )
        args = ["default=None", f"json_schema_extra={display}"]
        if rng.random() < 0.3:
            args.insert(1, f'alias="{"a" * rng.randint(1, 70)}"')
        yield "a" * rng.randint(1, 30), args


@pytest.mark.parametrize("attr,args", list(_display_cases()))
def test_call_with_a_display_is_black_or_left_for_black(attr, args):
    """A Field(...) call render splits (a dict display too long for its line split at its
    brackets) is what black writes, unless the format stage sees black must lay it out.
    """
    import black

    from generator.format import needs_black
    from generator.render.literals import wrap_annotated

    rhs = f"Field({', '.join(args)})"
    text = wrap_annotated(attr, "Thing | None", rhs, 4, ("Field", args))
    src = "class C:\n" + "\n".join("    " + line for line in text.split("\n")) + "\n"
    if not needs_black(src):
        assert black.format_str(src, mode=black.Mode()) == src


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
@pytest.mark.parametrize("width", [10, 30, 45, 60, 80, 100])
def test_call_inside_is_black(n, width):
    """``model_config = ConfigDict(...)`` with the arguments ``call_inside`` lays out."""
    import black

    from generator.format import needs_black
    from generator.render.literals import call_inside

    args = [f'k{i}="{"x" * (width // n)}"' for i in range(n)]
    inside = call_inside("model_config = ConfigDict", args, 4)
    src = f"class C:\n    model_config = ConfigDict({inside})\n"
    if not needs_black(src):
        assert black.format_str(src, mode=black.Mode()) == src
