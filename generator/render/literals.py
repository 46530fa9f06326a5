"""Safe Python source for text from the input: string literals and docstrings nothing can break out
of, written the way black writes them (double quotes unless that needs more escapes)."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\\x00-\x09\x0b-\x1f\x7f\u2028\u2029\ufeff]|"""')
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
        return s.encode("unicode_escape").decode("ascii")

    body = _UNSAFE.sub(esc, text)
    lines = [line.rstrip() for line in body.split("\n")]
    # black re-indents docstrings: lines after the first lose their common indentation
    rest = [len(x) - len(x.lstrip(" ")) for x in lines[1:] if x.strip()]
    common = min(rest) if rest else 0
    body = "\n".join([lines[0]] + [x[common:] for x in lines[1:]])
    if body.endswith('"'):
        body = body[:-1] + '\\"'
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
    return f"{head}(\n" + "".join(f"    {a},\n" for a in args) + ")"


def wrap_import(module: str, what: str, indent: int = 0) -> str:
    line = f"from {module} import {what}"
    if indent + len(line) <= LINE:
        return line
    return f"from {module} import (\n    {what},\n)"
