"""What every part of the schema builder reads from a schema node the same way: keywords that
only annotate, null schemas, texts, deprecation, examples, and how deep schemas may nest.
"""

from __future__ import annotations

import json
from typing import TypedDict

from ... import ir

# keywords that say nothing of the values a schema allows: a schema of these alone (and of
# x- extensions) allows any value
ANNOTATIONS = {
    "description",
    "title",
    "deprecated",
    "readOnly",
    "writeOnly",
    "example",
    "examples",
    "default",
    "nullable",
    "$comment",
    "externalDocs",
    "xml",
    "discriminator",
    "$schema",
    "$id",
}
# inline schemas nested more than MAX_NESTING deep below a named one are an error (as a type
# nested that deep in a markdown doc is); so is a default nested deeper. Real specs reach 19 at most.
MAX_NESTING = 32


def is_annotation_only(node: object) -> bool:
    return isinstance(node, dict) and all(
        k in ANNOTATIONS or k.startswith("x-") for k in node
    )


def is_null(m: object) -> bool:
    return isinstance(m, dict) and (
        m.get("type") == "null"
        or m.get("enum") == [None]
        or ("const" in m and m["const"] is None)
    )


def or_null(t: ir.TypeExpr) -> ir.TypeExpr:
    return t if isinstance(t, (ir.Nullable, ir.Null)) or t == ir.ANY else ir.Nullable(t)


def text_of(v: object) -> str:
    return v.strip() if isinstance(v, str) else ""


class Described(TypedDict):
    """What a schema says of itself, as every model and field of the IR takes it."""

    description: str
    deprecated: str | None
    title: str


def described(node: dict) -> Described:
    """A schema's description, deprecation (``""``: deprecated without a message) and title."""
    return Described(
        description=text_of(node.get("description")),
        deprecated="" if node.get("deprecated") is True else None,
        title=text_of(node.get("title")),
    )


def example_of(v: object) -> ir.Example:
    text = json.dumps(v, ensure_ascii=False, default=str)
    return ir.Example(text, ir.Value.of(v))


def depth_of(value: object) -> int:
    """How deep lists and objects nest in a JSON value (iterative: values can be deep)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (list, dict)):
            deepest = max(deepest, d + 1)
            stack.extend((x, d + 1) for x in (v.values() if isinstance(v, dict) else v))
    return deepest
