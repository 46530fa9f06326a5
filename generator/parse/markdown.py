"""Block structure of a markdown doc, from markdown-it-py tokens with their source line maps.

Tables are left to paragraphs (markdown-it's table rule is slow on wide padded tables and drops
ragged cells); ``document`` splits their lines itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt

_MD = (
    MarkdownIt("zero")
    .enable(["heading", "lheading", "fence", "code", "list", "paragraph", "blockquote", "html_block", "hr"])
    .disable("inline")
)


@dataclass(frozen=True)
class Block:
    kind: str  # heading | fence | paragraph | bullet | blockquote | code | html | hr
    start: int  # first line, 0-based
    end: int  # one past the last line
    level: int = 0  # heading level
    text: str = ""  # heading text, fence content, bullet item text
    info: str = ""  # fence info string


def blocks(text: str) -> list[Block]:
    """Top-level blocks in order; each item of a top-level bullet list is one ``bullet`` block."""
    out: list[Block] = []
    stack: list[str] = []  # types of the open container tokens
    tokens = _MD.parse(text)
    for i, tok in enumerate(tokens):
        if tok.nesting == -1:
            stack.pop()
            continue
        m = tok.map or [0, 0]
        t = tok.type
        top = not stack
        if t == "heading_open" and top:
            out.append(Block("heading", m[0], m[1], int(tok.tag[1]), tokens[i + 1].content.strip()))
        elif t == "fence" and top:
            out.append(Block("fence", m[0], m[1], text=tok.content, info=tok.info.strip()))
        elif t == "code_block" and top:
            out.append(Block("code", m[0], m[1], text=tok.content))
        elif t == "paragraph_open" and top:
            out.append(Block("paragraph", m[0], m[1]))
        elif t == "list_item_open" and stack == ["bullet_list_open"]:
            out.append(Block("bullet", m[0], m[1], text=_item_text(tokens, i)))
        elif t in ("blockquote_open", "html_block", "hr") and top:
            out.append(Block(t.replace("_open", ""), m[0], m[1], text=tok.content))
        if tok.nesting == 1:
            stack.append(t)
    return out


def _item_text(tokens, i: int) -> str:
    for tok in tokens[i + 1 :]:
        if tok.type == "inline":
            return tok.content.strip()
        if tok.type == "list_item_close":
            break
    return ""
