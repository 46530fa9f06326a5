"""Block structure of a markdown doc, from markdown-it-py tokens with their source line maps.

Tables are left to paragraphs (markdown-it's table rule is slow on wide padded tables and drops
ragged cells); ``document`` splits their lines itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

_MD = (
    MarkdownIt("zero")
    .enable(
        [
            "heading",
            "lheading",
            "fence",
            "code",
            "list",
            "paragraph",
            "blockquote",
            "html_block",
            "hr",
        ]
    )
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


# padding before a pipe, matched only from the first space of a run (the lookbehind): ``" {2,}(?=\|)"``
# rescans a long run that no pipe follows from each of its spaces, quadratic in the run
_PADDING = re.compile(r" (?<!  ) +(?=\|)")
_FENCE_END = re.compile(r"^\s*(`{3,}|~{3,})\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+")


def blocks(text: str) -> list[Block]:
    """Top-level blocks in order; each item of a top-level bullet list is one ``bullet`` block.

    Table padding is collapsed before markdown-it sees the text (it is most of the bytes and means
    nothing); fence and bullet texts are therefore taken from the original lines."""
    out: list[Block] = []
    stack: list[str] = []  # types of the open container tokens
    lines = text.split("\n")
    tokens = _MD.parse(_PADDING.sub(" ", text))
    for i, tok in enumerate(tokens):
        if tok.nesting == -1:
            stack.pop()
            continue
        m = tok.map or [0, 0]
        t = tok.type
        top = not stack
        if t == "heading_open" and top:
            out.append(
                Block(
                    "heading",
                    m[0],
                    m[1],
                    int(tok.tag[1]),
                    tokens[i + 1].content.strip(),
                )
            )
        elif t == "fence" and top:
            body = lines[m[0] + 1 : m[1]]
            if body and _FENCE_END.match(body[-1]) and m[1] - m[0] > 1:
                body = body[:-1]
            out.append(
                Block(
                    "fence",
                    m[0],
                    m[1],
                    text="".join(x + "\n" for x in body),
                    info=tok.info.strip(),
                )
            )
        elif t == "code_block" and top:
            out.append(Block("code", m[0], m[1], text=tok.content))
        elif t == "paragraph_open" and top:
            out.append(Block("paragraph", m[0], m[1]))
        elif t == "list_item_open" and stack == ["bullet_list_open"]:
            item = " ".join(x.strip() for x in lines[m[0] : m[1]] if x.strip())
            out.append(Block("bullet", m[0], m[1], text=_BULLET.sub("", item, count=1)))
        elif t in ("blockquote_open", "html_block", "hr") and top:
            out.append(Block(t.replace("_open", ""), m[0], m[1], text=tok.content))
        if tok.nesting == 1:
            stack.append(t)
    return out
