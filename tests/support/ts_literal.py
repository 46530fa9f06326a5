"""Turn the TypeScript example code of a Speakeasy model doc into a JSON-able Python value.

Speakeasy TS docs show each model as ``let value: X = {...};`` under ``## Example Usage`` and each
union member as ``const value: components.X = ...;`` under ``### `components.X` ``. This module
parses those literals (objects, arrays, strings, numbers, booleans, ``null``, ``new Date(...)``,
``new RFCDate(...)``, ``BigInt(...)``) without a JS engine. Values it cannot express as JSON
(``await openAsBlob(...)``, ``new ReadableStream(...)``, ``new Uint8Array(...)``, other calls,
identifiers, spreads) raise :class:`Unsupported`, whose ``reason`` lets callers count them.

    >>> parse_value('{ id: "<id>", n: -1, ok: true, when: new Date("2025-01-01T00:00:00Z") }')
    {'id': '<id>', 'n': -1, 'ok': True, 'when': '2025-01-01T00:00:00Z'}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Example",
    "TsLiteralError",
    "TsSyntaxError",
    "Unsupported",
    "example_usage_code",
    "parse_example",
    "parse_value",
    "union_member_codes",
]


class TsLiteralError(ValueError):
    """Base class: the code could not be turned into a value."""


class TsSyntaxError(TsLiteralError):
    """The code is not a literal this parser understands (a parser bug or truly odd input)."""

    def __init__(self, message: str, src: str = "", pos: int = -1) -> None:
        if src and pos >= 0:
            line = src.count("\n", 0, pos) + 1
            col = pos - (src.rfind("\n", 0, pos) + 1) + 1
            snippet = src[pos : pos + 30].replace("\n", "\\n")
            message = f"{message} at {line}:{col} near {snippet!r}"
        super().__init__(message)


class Unsupported(TsLiteralError):
    """The code is valid but holds something JSON cannot express (a file, a stream, a call...)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(f"{reason}: {detail}" if detail else reason)


# ---------------------------------------------------------------- markdown helpers

_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*$", re.M)


def _fenced_blocks(text: str) -> list[tuple[int, str, str]]:
    """(start offset, info string, body) of every fenced code block."""
    blocks = []
    pos = 0
    while True:
        m = _FENCE.search(text, pos)
        if not m:
            return blocks
        fence = m.group(1)
        close = re.compile(
            r"^" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.M
        )
        end = close.search(text, m.end())
        body_end = end.start() if end else len(text)
        blocks.append((m.start(), m.group(2), text[m.end() + 1 : body_end]))
        if not end:
            return blocks
        pos = end.end()


def _headings(text: str, level: str) -> list[tuple[int, str]]:
    """(offset, title) of every ``level`` heading outside code fences."""
    fenced = [(s, s + len(b) + 10) for s, _, b in _fenced_blocks(text)]
    out = []
    for m in re.finditer(r"^" + level + r"[ \t]+(.*?)[ \t]*$", text, re.M):
        if not any(s <= m.start() < e for s, e in fenced):
            out.append((m.start(), m.group(1)))
    return out


def example_usage_code(text: str) -> str | None:
    """The code of the first fenced block under ``## Example Usage``, or None if there is none."""
    h2 = _headings(text, "##")
    for i, (start, title) in enumerate(h2):
        if title.strip() == "Example Usage":
            end = h2[i + 1][0] if i + 1 < len(h2) else len(text)
            for s, _, body in _fenced_blocks(text):
                if start < s < end:
                    return body
            return None
    return None


def union_member_codes(text: str) -> list[tuple[str, str]]:
    """(heading, code) for each ``### member`` with a code block under ``## Supported Types``."""
    h2 = _headings(text, "##")
    section = None
    for i, (start, title) in enumerate(h2):
        if title.strip() == "Supported Types":
            section = (start, h2[i + 1][0] if i + 1 < len(h2) else len(text))
    if section is None:
        return []
    h3 = [(s, t) for s, t in _headings(text, "###") if section[0] < s < section[1]]
    blocks = _fenced_blocks(text)
    out = []
    for i, (start, title) in enumerate(h3):
        end = h3[i + 1][0] if i + 1 < len(h3) else section[1]
        for s, _, body in blocks:
            if start < s < end:
                out.append((title.strip().strip("`"), body))
                break
    return out


# ---------------------------------------------------------------- statements


@dataclass(frozen=True)
class Example:
    name: str  # the declared variable (``value``)
    type: str  # the declared type as written (``TextPart``, ``components.TextPart[]``), "" if none
    value: Any  # the JSON-able value


_DECL = re.compile(r"\b(?:let|const|var)\s+([A-Za-z_$][\w$]*)\s*")
# Py v2 enum docs: `value: X = "a"` (no keyword); the literal grammar is shared
_PY_DECL = re.compile(r"^([A-Za-z_][\w]*)\s*(?=[:=])", re.M)


def parse_example(code: str) -> Example:
    """Parse ``[import ...;]* (let|const|var) name[: Type] = <literal>;`` (comments allowed)."""
    src = _strip_comments(code)
    m = _DECL.search(src) or _PY_DECL.search(src)
    if not m:
        if "No examples available" in code or not src.strip():
            raise Unsupported("no example")
        raise TsSyntaxError("no `let/const/var` declaration found")
    pos = m.end()
    type_text = ""
    if src[pos : pos + 1] == ":":
        pos += 1
        # the declared type runs to the "=" at depth 0 (types may hold <>, [], {}, "...")
        depth = 0
        i = pos
        while i < len(src):
            c = src[i]
            if c in "<[({":
                depth += 1
            elif c in ">])}":
                depth -= 1
            elif c in "\"'":
                i = _skip_string(src, i)
                continue
            elif c == "=" and depth == 0 and src[i + 1 : i + 2] != ">":
                break
            i += 1
        type_text = src[pos:i].strip()
        pos = i
    if src[pos : pos + 1] != "=":
        raise TsSyntaxError("expected `=`", src, pos)
    p = _Parser(src, pos + 1)
    p.ws()
    if p.peek() in (";", ""):
        raise Unsupported("empty value", type_text)
    value = p.value()
    p.ws()
    if p.peek() == ";":
        p.pos += 1
    p.ws()
    if p.pos < len(src) and src[p.pos :].strip():
        raise TsSyntaxError("unexpected text after the value", src, p.pos)
    if value is _UNDEFINED:
        value = None
    return Example(m.group(1), type_text, value)


def parse_value(src: str) -> Any:
    """Parse one TS literal expression (comments allowed, a trailing ``;`` tolerated)."""
    text = _strip_comments(src)
    p = _Parser(text, 0)
    value = p.value()
    p.ws()
    if p.peek() == ";":
        p.pos += 1
    p.ws()
    if p.pos != len(text):
        raise TsSyntaxError("unexpected text after the value", text, p.pos)
    return None if value is _UNDEFINED else value


def _skip_string(src: str, i: int) -> int:
    q = src[i]
    i += 1
    while i < len(src) and src[i] != q:
        i += 2 if src[i] == "\\" else 1
    return i + 1


def _strip_comments(src: str) -> str:
    """Blank out comments (keeping offsets) and drop ``import ...;`` statements."""
    out = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c in "\"'`":
            j = _skip_string(src, i)
            out.append(src[i:j])
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    text = "".join(out)
    # Python docs: whole-line `# comments` and `from x import Y` lines
    text = re.sub(
        r"^[ \t]*(?:#|from\s+[\w.]+\s+import\b)[^\n]*",
        lambda m: " " * len(m.group(0)),
        text,
        flags=re.M,
    )
    # import statements: `import {...} from "..."; import x from "..."; import "...";`
    return re.sub(
        r"^[ \t]*import\b[^;]*?(?:from\s*)?(?:\"[^\"]*\"|'[^']*')[ \t]*;?",
        lambda m: re.sub(r"[^\n]", " ", m.group(0)),
        text,
        flags=re.M | re.S,
    )


# ---------------------------------------------------------------- values


class _Undefined:
    def __repr__(self) -> str:
        return "undefined"


_UNDEFINED: Any = _Undefined()

_NUMBER = re.compile(
    r"""
    0[xX][0-9a-fA-F_]+n?
  | 0[oO][0-7_]+n?
  | 0[bB][01_]+n?
  | (?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?n?
    """,
    re.X,
)
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_AS = re.compile(r"(?:as|satisfies)\b")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_UNSUPPORTED_NEW = {
    "ReadableStream",
    "Uint8Array",
    "Blob",
    "File",
    "ArrayBuffer",
    "TextEncoder",
    "Map",
    "Set",
}


class _Parser:
    def __init__(self, src: str, pos: int) -> None:
        self.src = src
        self.pos = pos

    # -- low level
    def ws(self) -> None:
        while self.pos < len(self.src) and self.src[self.pos] in " \t\r\n\ufeff\u00a0":
            self.pos += 1

    def peek(self) -> str:
        return self.src[self.pos] if self.pos < len(self.src) else ""

    def expect(self, ch: str) -> None:
        self.ws()
        if self.peek() != ch:
            raise TsSyntaxError(f"expected {ch!r}", self.src, self.pos)
        self.pos += 1

    def error(self, message: str) -> TsSyntaxError:
        return TsSyntaxError(message, self.src, self.pos)

    # -- grammar
    def value(self) -> Any:
        return self.postfix(self.primary())

    def primary(self) -> Any:
        self.ws()
        c = self.peek()
        if not c:
            raise self.error("unexpected end of input")
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c in "\"'":
            return self.string()
        if c == "`":
            return self.template()
        if c == "(":
            self.pos += 1
            v = self.value()
            self.expect(")")
            return v
        if c in "+-":
            self.pos += 1
            self.ws()
            v = self.value()
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise self.error(f"unary {c} on a non-number")
            return -v if c == "-" else v
        if c.isdigit() or (
            c == "." and self.src[self.pos + 1 : self.pos + 2].isdigit()
        ):
            return self.number()
        if c == ".":
            if self.src.startswith("...", self.pos):
                raise Unsupported("spread", self.src[self.pos : self.pos + 30])
        m = _IDENT.match(self.src, self.pos)
        if m:
            return self.word(m.group(0))
        raise self.error("unexpected character")

    def postfix(self, v: Any) -> Any:
        """Skip TS-only suffixes: `as Type`, `as const`, `satisfies Type`, non-null `!`."""
        while True:
            self.ws()
            m = _AS.match(self.src, self.pos)
            if m:
                self.pos = m.end()
                self.skip_type()
                continue
            if self.peek() == "!" and self.src[self.pos + 1 : self.pos + 2] != "=":
                self.pos += 1
                continue
            return v

    def skip_type(self) -> None:
        depth = 0
        self.ws()
        while self.pos < len(self.src):
            c = self.src[self.pos]
            if c in "<[({":
                depth += 1
            elif c in ">])}":
                if depth == 0:
                    return
                depth -= 1
            elif c in ",;" and depth == 0:
                return
            elif c in "\"'":
                self.pos = _skip_string(self.src, self.pos)
                continue
            elif c == "\n" and depth == 0:
                return
            self.pos += 1

    def obj(self) -> dict[str, Any]:
        self.expect("{")
        out: dict[str, Any] = {}
        while True:
            self.ws()
            c = self.peek()
            if c == "}":
                self.pos += 1
                return out
            if self.src.startswith("...", self.pos):
                raise Unsupported("spread", self.src[self.pos : self.pos + 30])
            if c in "\"'":
                key = self.string()
            elif c == "`":
                key = self.template()
            elif c == "[":
                raise Unsupported("computed key", self.src[self.pos : self.pos + 30])
            elif c.isdigit():
                key = self.src[self.pos : _NUMBER.match(self.src, self.pos).end()]  # type: ignore[union-attr]
                self.pos += len(key)
            else:
                m = _IDENT.match(self.src, self.pos)
                if not m:
                    raise self.error("expected a property name")
                key = m.group(0)
                self.pos = m.end()
            self.ws()
            if (
                self.peek() == "?"
            ):  # `key?: value` never occurs in values, but be lenient
                self.pos += 1
                self.ws()
            if self.peek() == ":":
                self.pos += 1
                v = self.value()
            elif self.peek() in ",}" and _IDENT.fullmatch(key):
                raise Unsupported("shorthand property", key)
            elif self.peek() == "(":
                raise Unsupported("method", key)
            else:
                raise self.error("expected ':'")
            if v is not _UNDEFINED:
                out[key] = v
            self.ws()
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "}":
                raise self.error("expected ',' or '}'")

    def arr(self) -> list[Any]:
        self.expect("[")
        out: list[Any] = []
        while True:
            self.ws()
            c = self.peek()
            if c == "]":
                self.pos += 1
                return out
            if c == ",":  # hole
                self.pos += 1
                out.append(None)
                continue
            if self.src.startswith("...", self.pos):
                raise Unsupported("spread", self.src[self.pos : self.pos + 30])
            v = self.value()
            out.append(None if v is _UNDEFINED else v)
            self.ws()
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "]":
                raise self.error("expected ',' or ']'")

    def string(self) -> str:
        q = self.src[self.pos]
        self.pos += 1
        buf = []
        while True:
            if self.pos >= len(self.src):
                raise self.error("unterminated string")
            c = self.src[self.pos]
            if c == q:
                self.pos += 1
                return "".join(buf)
            if c == "\\":
                buf.append(self.escape())
                continue
            if c == "\n" and q != "`":
                raise self.error("newline in string")
            buf.append(c)
            self.pos += 1

    def template(self) -> str:
        start = self.pos
        self.pos += 1
        buf = []
        while True:
            if self.pos >= len(self.src):
                raise self.error("unterminated template")
            c = self.src[self.pos]
            if c == "`":
                self.pos += 1
                return "".join(buf)
            if c == "\\":
                buf.append(self.escape())
                continue
            if self.src.startswith("${", self.pos):
                raise Unsupported("template substitution", self.src[start : start + 40])
            buf.append(c)
            self.pos += 1

    def escape(self) -> str:
        # at a backslash
        self.pos += 1
        c = self.peek()
        if not c:
            raise self.error("dangling backslash")
        if c == "u":
            if self.src[self.pos + 1 : self.pos + 2] == "{":
                end = self.src.index("}", self.pos)
                code = int(self.src[self.pos + 2 : end], 16)
                self.pos = end + 1
                return chr(code)
            hexa = self.src[self.pos + 1 : self.pos + 5]
            if not re.fullmatch(r"[0-9a-fA-F]{4}", hexa):
                raise self.error("bad \\u escape")
            self.pos += 5
            code = int(hexa, 16)
            # combine surrogate pairs
            if 0xD800 <= code < 0xDC00 and self.src.startswith("\\u", self.pos):
                low_hex = self.src[self.pos + 2 : self.pos + 6]
                if re.fullmatch(r"[0-9a-fA-F]{4}", low_hex):
                    low = int(low_hex, 16)
                    if 0xDC00 <= low < 0xE000:
                        self.pos += 6
                        return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
            return chr(code)
        if c == "x":
            hexa = self.src[self.pos + 1 : self.pos + 3]
            if not re.fullmatch(r"[0-9a-fA-F]{2}", hexa):
                raise self.error("bad \\x escape")
            self.pos += 3
            return chr(int(hexa, 16))
        if c == "\r":  # line continuation
            self.pos += 2 if self.src[self.pos + 1 : self.pos + 2] == "\n" else 1
            return ""
        if c in "\n\u2028\u2029":
            self.pos += 1
            return ""
        self.pos += 1
        if c == "0" and self.peek().isdigit():
            raise self.error("octal escape")
        return _ESCAPES.get(c, c)

    def number(self) -> int | float:
        m = _NUMBER.match(self.src, self.pos)
        if not m or not m.group(0):
            raise self.error("bad number")
        self.pos = m.end()
        return _to_number(m.group(0))

    def word(self, w: str) -> Any:
        self.pos += len(w)
        if w in ("true", "True"):
            return True
        if w in ("false", "False"):
            return False
        if w in ("null", "None"):
            return None
        if w == "undefined":
            return _UNDEFINED
        if w == "Infinity":
            return float("inf")
        if w == "NaN":
            return float("nan")
        if w == "new":
            self.ws()
            m = _IDENT.match(self.src, self.pos)
            if not m:
                raise self.error("expected a constructor after `new`")
            ctor = m.group(0)
            self.pos = m.end()
            if ctor in ("Date", "RFCDate"):
                args = self.args(ctor)
                if len(args) != 1 or not isinstance(args[0], str):
                    raise Unsupported(f"new {ctor}", "non-string argument")
                return args[0]
            if ctor in _UNSUPPORTED_NEW:
                raise Unsupported(f"new {ctor}", self._rest())
            raise Unsupported("new", ctor)
        if w == "await":
            self.ws()
            m = _IDENT.match(self.src, self.pos)
            name = m.group(0) if m else "?"
            raise Unsupported(name if name == "openAsBlob" else "await", self._rest())
        if w == "BigInt":
            args = self.args(w)
            if len(args) != 1:
                raise self.error("BigInt takes one argument")
            a = args[0]
            if isinstance(a, str):
                try:
                    return int(a.strip(), 0)
                except ValueError as e:
                    raise self.error(f"bad BigInt argument {a!r}") from e
            if isinstance(a, float) and a.is_integer():
                return int(a)
            if isinstance(a, int) and not isinstance(a, bool):
                return a
            raise self.error(f"bad BigInt argument {a!r}")
        if w == "openAsBlob":
            raise Unsupported("openAsBlob", self._rest())
        if w in ("ReadableStream", "Uint8Array", "Buffer", "Blob"):
            raise Unsupported(w, self._rest())
        self.ws()
        if self.peek() == "(":
            raise Unsupported("call", w)
        # a member chain like `Foo.Bar` (enum member) or a bare identifier
        raise Unsupported("identifier", w)

    def args(self, what: str) -> list[Any]:
        self.expect("(")
        out: list[Any] = []
        while True:
            self.ws()
            if self.peek() == ")":
                self.pos += 1
                return out
            out.append(self.value())
            self.ws()
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != ")":
                raise self.error(f"expected ',' or ')' in {what}(...)")

    def _rest(self) -> str:
        return self.src[self.pos : self.pos + 30].split("\n")[0]


def _to_number(text: str) -> int | float:
    t = text.replace("_", "")
    big = t.endswith("n")
    if big:
        t = t[:-1]
    low = t.lower()
    if low.startswith(("0x", "0o", "0b")):
        return int(t, 0)
    if big or re.fullmatch(r"\d+", t):
        if len(t) > 1 and t.startswith("0") and not big:
            # legacy octal-looking literals do not occur in examples; read them as decimal
            return int(t, 10)
        return int(t)
    return float(t)
