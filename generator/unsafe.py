"""Characters from the input that must not reach a terminal, generated code or docs raw.

Controls (C0 but for tab and newline, DEL, C1) can drive a terminal (ESC sequences); bidirectional
controls reorder what a reader sees against what a compiler reads ("Trojan Source", CVE-2021-42574);
zero-width and separator characters hide text; lone surrogates (from JSON escapes or undecodable
file names) cannot be encoded as UTF-8 at all. Each is written as its Python escape (``\\x1b``,
``\\u202e``); on a terminal, an undecodable byte of a file name as ``\\xNN``.
"""

from __future__ import annotations

import re

CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
INVISIBLE = "\u200b-\u200d\u2060-\u2064\u2028\u2029\ufeff"
SURROGATES = "\ud800-\udfff"

# diagnostics: one line each, nothing a terminal acts on
_TERMINAL = re.compile(f"[\t\n{CONTROLS}{BIDI}{INVISIBLE}{SURROGATES}]")
# markdown docs: tab and newline are text there
DOCS = re.compile(f"[{CONTROLS}{BIDI}{SURROGATES}]")


def escape_char(c: str) -> str:
    """The Python escape of one character: ``\\x1b``, ``\\u202e``, ``\\udc80``."""
    return c.encode("unicode_escape").decode("ascii")


def _escape_match(m: re.Match[str]) -> str:
    return escape_char(m.group(0))


def _terminal_escape(m: re.Match[str]) -> str:
    c = m.group(0)
    if (
        "\udc80" <= c <= "\udcff"
    ):  # a byte of a file name that was not UTF-8 (os.fsdecode)
        return f"\\x{ord(c) - 0xDC00:02x}"
    return escape_char(c)


def printable(text: str) -> str:
    """``text`` safe to print on a terminal, on one line; an undecodable byte of a file name
    shows as ``\\xNN``."""
    return _TERMINAL.sub(_terminal_escape, text)


def escape_docs(text: str) -> str:
    """``text`` safe in a markdown doc: controls, bidi controls and lone surrogates escaped."""
    return DOCS.sub(_escape_match, text)
