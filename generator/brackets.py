"""Bracket-aware scanning of type text, shared by the parse stage (type cells) and render (layout)."""

from __future__ import annotations

_OPEN = {"[": "]", "(": ")", "<": ">", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def matching(s: str, i: int) -> int:
    """Index of the bracket closing ``s[i]``, honouring nesting, quotes and backslash escapes; -1 if none."""
    stack = []
    quote = ""
    j = i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if quote:
            if c == quote:
                quote = ""
        elif c == '"':
            quote = c
        elif c in _OPEN and not (c == "<" and s[j + 1 : j + 2] == "="):
            stack.append(_OPEN[c])
        elif c in _CLOSE and stack:
            if c != stack[-1]:
                if c == ">":  # a stray '>' (e.g. AxiosResponse> bug) is text
                    j += 1
                    continue
                return -1
            stack.pop()
            if not stack:
                return j
        j += 1
    return -1


def split_top(s: str, sep: str) -> list[str]:
    """Split on ``sep`` where it stands outside brackets, links and quotes."""
    if sep not in s:
        return [s]
    parts, depth, quote, start, j = [], 0, "", 0, 0
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if quote:
            if c == quote:
                quote = ""
        elif c == '"':
            quote = c
        elif c in "[({":
            depth += 1
        elif c in "])}" and depth:
            depth -= 1
        elif c == "<" and s[j + 1 : j + 2] != "=":
            depth += 1
        elif c == ">" and depth:
            depth -= 1
        elif depth == 0 and s.startswith(sep, j):
            parts.append(s[start:j])
            start = j = j + len(sep)
            continue
        j += 1
    parts.append(s[start:])
    return parts
