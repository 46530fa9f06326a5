"""Context names of inline schemas, the way Speakeasy's docs name them: the operation (its
``operationId``, else the method and the path's words), the role (``RequestBody``,
``ResponseBody``, a status code for other responses, a parameter's name), then the property path.

A name depends only on where the schema is written, never on other schemas, so adding, removing
or editing one schema never renames another. Numbers appear only where the spec itself has no
other name for a thing: the position of an untitled ``oneOf`` member.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...render.naming import words

COMPONENTS = "components"
OPERATIONS = "operations"
ERRORS = "errors"


def pascal(text: str) -> str:
    """``get_v2/deployments`` -> ``GetV2Deployments``; case inside words is kept."""
    return "".join(w[:1].upper() + w[1:] for w in words(text))


@dataclass(frozen=True)
class Ctx:
    """Where an inline schema is written: the namespace and the name a model made there gets."""

    namespace: str
    name: str

    def child(self, part: str) -> Ctx:
        return Ctx(self.namespace, self.name + pascal(part))


def operation_name(method: str, path: str, op: dict) -> str:
    op_id = op.get("operationId")
    if isinstance(op_id, str) and pascal(op_id):
        return pascal(op_id)
    return pascal(method) + pascal(path.replace("{", " ").replace("}", " "))


def response_name(op: str, status: str, first_success: bool) -> str:
    """``{Op}ResponseBody`` for the first 2xx response, ``{Op}{Status}ResponseBody`` otherwise
    (``default``, ``4XX`` included)."""
    if first_success:
        return f"{op}ResponseBody"
    return f"{op}{pascal(status) or status}ResponseBody"


def member_name(parent: str, index: int, member: object) -> str:
    """A union member written inline: the parent's name and the member's ``title``, else its
    1-based position (``Message1``), as Speakeasy names them."""
    if isinstance(member, dict):
        title = member.get("title")
        if isinstance(title, str) and pascal(title):
            return parent + pascal(title)
    return f"{parent}{index + 1}"
