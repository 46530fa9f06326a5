"""Safe Python source for text from the input: string literals and docstrings nothing can break out
of, written the way black writes them (double quotes unless that needs more escapes)."""

from __future__ import annotations

import re

from ..brackets import matching, split_top
from ..unsafe import BIDI, CONTROLS, INVISIBLE, SURROGATES, escape_char

# backslashes, closing quotes, tabs and everything unsafe.py lists (controls, bidi, invisible, surrogates)
_UNSAFE = re.compile(f'[\\\\\t{CONTROLS}{BIDI}{INVISIBLE}{SURROGATES}]|"""')
LINE = 88


def py_string(value: str) -> str:
    """A Python string literal for any text, in black's preferred quotes."""
    r = repr(value)  # escapes everything that needs it
    if r[0] == '"':
        return r
    body = r[1:-1]
    if '"' in value:
        # black keeps single quotes when switching would add escapes
        if body.count('"') > body.count("\\'"):
            return r
    return '"' + body.replace("\\'", "'").replace('"', '\\"') + '"'


def docstring(text: str) -> str:
    """A triple-quoted docstring for any text: backslashes, quotes and control characters are escaped."""
    text = text.strip()

    def esc(m: re.Match[str]) -> str:
        s = m.group(0)
        if s == '"""':
            return '\\"\\"\\"'
        if s == "\\":
            return "\\\\"
        return escape_char(s)

    body = _UNSAFE.sub(esc, text)
    lines = [line.rstrip() for line in body.split("\n")]
    # black re-indents docstrings: lines after the first lose their common indentation
    rest = [len(x) - len(x.lstrip(" ")) for x in lines[1:] if x.strip()]
    common = min(rest) if rest else 0
    body = "\n".join([lines[0]] + [x[common:] for x in lines[1:]])
    if body.endswith('"'):
        backslashes = len(body) - 1 - len(body[:-1].rstrip("\\"))
        if (
            backslashes % 2 == 0
        ):  # an unescaped quote would merge with the closing quotes
            body = body[:-1] + '\\"'
        if "\n" not in body:  # closing quotes on the same line
            body += " "  # black puts a space between a quote and the closing quotes
    if body.startswith('"'):
        body = " " + body  # and between the opening quotes and a quote
    if "\n" in body:
        return f'"""{body}\n"""'
    return f'"""{body}"""'


def wrap_call(head: str, args: list[str], indent: int) -> str:
    """``head(args)`` as black lays it out when it does not fit on one line: args on one
    indented line if they fit, else one per line with a trailing comma. ``indent`` is where the
    statement will stand; continuation lines are written relative to it."""
    one = f"{head}({', '.join(args)})"
    if indent + len(one) <= LINE:
        return one
    inner = ", ".join(args)
    if indent + 4 + len(inner) <= LINE:
        return f"{head}(\n    {inner}\n)"
    return (
        f"{head}(\n" + "".join(_indent(_arg(a, indent + 4)) + "\n" for a in args) + ")"
    )


def call_inside(head: str, args: list[str], indent: int) -> str:
    """What stands between the brackets of ``head(args)`` laid out by ``wrap_call`` at column
    ``indent``, continuation lines indented for that column (for a template that writes the
    head and the brackets itself)."""
    laid = wrap_call(head, args, indent)
    return laid[len(head) + 1 : -1].replace("\n", "\n" + " " * indent)


def _arg(arg: str, base: int) -> str:
    """One argument of a call split one per line, with its comma: a keyword whose value is a
    dict display too long for its line is split as black splits it; anything else too long is
    left for black."""
    if base + len(arg) + 1 <= LINE or not arg.endswith("}"):
        return arg + ","
    return _split_display(arg, base, ",")


def _split_display(expr: str, base: int, trailing: str) -> str:
    """``expr`` ending in a display (``{...}``, ``[...]``) split at its brackets as black
    does (it always puts the items of a display it splits one per line, with a trailing comma;
    a lone item goes on its own line, split in turn if too long). Anything else that does not
    fit is left long (the format stage hands it to black)."""
    if (
        base + len(expr) + len(trailing) <= LINE
        or not expr
        or expr[-1] not in "]}"
        or "'" in expr  # the bracket scan knows double quotes only
    ):
        return expr + trailing
    close = expr[-1]
    start = _outer_open(expr)
    # a subscript (``x[...]``) is no display: black lays it out differently
    if start < 0 or (start and (expr[start - 1].isalnum() or expr[start - 1] in "_)]")):
        return expr + trailing
    head, inner = expr[: start + 1], expr[start + 1 : -1]
    parts = [p.strip() for p in split_top(inner, ",")]
    if len(parts) == 1:
        body = _split_display(parts[0], base + 4, "")
    else:
        body = "\n".join(_split_display(p, base + 4, ",") for p in parts if p)
    return f"{head}\n{_indent(body)}\n{close}{trailing}"


_OPENING = {")": "(", "]": "[", "}": "{"}


def _outer_open(expr: str) -> int:
    """Where the bracket that the last character of ``expr`` closes opens; -1 if none does."""
    opening = _OPENING[expr[-1]]
    return next(
        (
            i
            for i in range(len(expr))
            if expr[i] == opening and matching(expr, i) == len(expr) - 1
        ),
        -1,
    )


def wrap_import(module: str, what: str, indent: int = 0) -> str:
    line = f"from {module} import {what}"
    if indent + len(line) <= LINE:
        return line
    return f"from {module} import (\n    {what},\n)"


def wrap_assignment(
    lhs: str, rhs: str, indent: int, call: tuple[str, list[str]] | None = None
) -> str:
    """``lhs = rhs`` laid out as black does when too long: split the call's brackets if its
    head fits, else wrap the right-hand side in parentheses. Layouts black would choose
    differently are left long, so the format stage hands the file to black."""
    one = f"{lhs} = {rhs}"
    if indent + len(one) <= LINE:
        return one
    if call is not None:
        head = f"{lhs} = {call[0]}"
        if indent + len(head) + 1 <= LINE:
            return wrap_call(head, call[1], indent)
    if indent + len(lhs) + 4 <= LINE and indent + 4 + len(rhs) <= LINE:
        return f"{lhs} = (\n    {rhs}\n)"
    return one


def split_expr(
    expr: str, base: int, first_col: int | None = None, trailing: str = ""
) -> str:
    """A bracketed expression (``Union[A, B]``, ``Field(a, b)``) laid out like black: on one line
    if it fits, else its outermost trailing brackets split, the contents on one line or one item per
    line with a trailing comma, recursively. ``base`` is the statement's indentation, ``first_col``
    where the expression starts; continuation lines are written relative to ``base``."""
    col = base if first_col is None else first_col
    if col + len(expr) + len(trailing) <= LINE or not expr or expr[-1] not in ")]":
        return expr + trailing
    close = expr[-1]
    start = _outer_open(expr)
    if start < 0:
        return expr + trailing
    head, inner = expr[: start + 1], expr[start + 1 : -1]
    parts = [p.strip() for p in split_top(inner, ",")]
    if len(parts) == 1:
        body = split_expr(inner, base + 4)
    elif base + 4 + len(inner) <= LINE:
        body = inner
    else:
        body = "\n".join(split_expr(p, base + 4, trailing=",") for p in parts)
    return f"{head}\n{_indent(body)}\n{close}{trailing}"


def _union_lines(members: list[str], base: int) -> str:
    """``A | B`` one member a line at column ``base``, as black writes a union it must split: a
    member too long for its line has its own brackets split."""
    lines = []
    for k, member in enumerate(members):
        prefix = "| " if k else ""
        lines.append(prefix + split_expr(member, base, base + len(prefix)))
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else line for line in text.split("\n"))


# a value black treats as one atom: a constant, a number, a string, a dotted name, ``[]``, ``{}``
ATOM_VALUE = r'-?[\w.]+|"(?:[^"\\]|\\.)*"|\[\]|\{\}'
ATOM = re.compile(rf"\A(?:{ATOM_VALUE})\Z")
_NAME = re.compile(r"\A-?[\w.]+\Z")  # an atom that is no string: a name, a number


def wrap_annotated(
    attr: str,
    ann: str,
    rhs: str | None,
    indent: int,
    call: tuple[str, list[str]] | None = None,
) -> str:
    """``attr: ann [= rhs]`` as black writes it: split the right-hand side if that fits, else split
    the annotation's own brackets, else parenthesize the annotation. Layouts black would choose
    differently are left long, so the format stage hands the file to black."""
    lhs = f"{attr}: {ann}"
    out = lhs if rhs is None else wrap_assignment(lhs, rhs, indent, call)
    if all(indent + len(line) <= LINE for line in out.split("\n")):
        return out

    def tail(close: str) -> str | None:
        text = close if rhs is None else wrap_assignment(close, rhs, indent, call)
        return (
            text
            if all(indent + len(line) <= LINE for line in text.split("\n"))
            else None
        )

    unions = [p.strip() for p in split_top(ann, " | ")]
    if len(unions) == 1 and ann.endswith("]") and "[" in ann:
        i = ann.index("[")
        end = tail("]")
        if end is not None:
            return f"{attr}: {ann[: i + 1]}\n{_indent(split_expr(ann[i + 1 : -1], indent + 4))}\n{end}"
        return out
    if len(unions) == 1 and rhs is None and indent + 4 + len(ann) > LINE:
        return out  # one long name: black leaves it
    if len(unions) == 1 and indent + 4 + len(ann) > LINE and call is None:
        # one name too long even inside brackets, and a value: black keeps the name and puts
        # an atom value in brackets on the same line (``x: LongName = (None)``); another
        # value is left long for black
        return f"{lhs} = ({rhs})" if rhs is not None and ATOM.match(rhs) else out
    head_fits = call is not None and indent + len(f"{lhs} = {call[0]}(") <= LINE
    if (
        rhs is not None
        and not head_fits
        and indent + len(f") = {rhs}") > LINE
        and indent + len(lhs) + 4 <= LINE
    ):
        # the right-hand side needs splitting anyway: black wraps it rather than the annotation
        return f"{lhs} = (\n{_indent(split_expr(rhs, indent + 4))}\n)"
    if indent + len(attr) + 3 <= LINE:
        body = (
            ann if indent + 4 + len(ann) <= LINE else _union_lines(unions, indent + 4)
        )
        end = tail(")")
        if end is None and "\n" in body and rhs is not None and _NAME.match(rhs):
            # an atom too long for its own line still goes in brackets below a split annotation
            end = f") = (\n    {rhs}\n)"
        if end is not None:
            return f"{attr}: (\n{_indent(body)}\n{end}"
    return out
