"""OpenAPI model names (generator/frontends/openapi/names.py): the candidate chain learnt from
Speakeasy's docs, the two policies, and stability: editing one schema of a spec and diffing the
output. The spec is tests/unit/fixtures/openapi_names/api.yaml."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from generator import generate
from generator.frontends.openapi import names
from generator.frontends.openapi.names import Claim, Ctx, resolve

SPEC = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "openapi_names" / "api.yaml").read_text()
)
AGGREGATES = ("__init__.py", "__init__.pyi", "README.md")


def run(spec: dict, policy: str):
    r = generate({"api.json": json.dumps(spec)}, write=False, names=policy)
    assert r.ok, [str(d) for d in r.diagnostics]
    return r


def model_names(spec: dict, policy: str) -> set[str]:
    return {str(m.key) for m in run(spec, policy).package.models}


# ------------------------------------------------------------------ the candidate chain


def test_candidates_shortest_first_then_one_context_word_at_a_time():
    body = names.response_body(
        "PostV2Invoke", ("Deployments", "Public"), "200", "", False
    )
    body = Ctx(
        body.namespace,
        body.unit,
        body.base,
        context=body.context[:-1] + ("TextEventStream",),
        top=True,
    )
    assert body.candidates()[:2] == [
        "PostV2InvokeResponseBody",
        "PostV2InvokeDeploymentsResponseBody",
    ]
    message = body.prop("choices").items().prop("message")
    role = message.member(0, {"type": "object"}).prop("role")
    assert role.candidates()[:8] == [
        "Role",
        "MessageRole",
        "PostV2InvokeMessageRole",
        "PostV2InvokeMessageDeploymentsRole",
        "PostV2InvokeMessageDeploymentsPublicRole",
        "PostV2InvokeMessageDeploymentsPublicResponseRole",
        "PostV2InvokeMessageDeploymentsPublicResponse200Role",
        "PostV2InvokeMessageDeploymentsPublicResponse200TextEventStreamRole",
    ]
    # then the words of the schemas above it, from the top: the longest spells the whole path
    assert role.candidates()[-1] == (
        "PostV2InvokeMessageDeploymentsPublicResponse200TextEventStreamChoicesMessage1Role"
    )
    # the stable policy keeps the ones that start with the unit
    assert role.local()[0] == "PostV2InvokeMessageRole"


def test_union_members_are_positions_spelt_when_they_lead():
    content = names.component("Deployments").prop("content")
    two = content.member(1, {"type": "array"}).items()
    assert two.candidates()[:3] == ["Two", "Content2", "DeploymentsContent2"]
    one = two.member(0, {"type": "object"})
    assert one.candidates()[:3] == ["One", "Two1", "Deployments21"]
    assert content.member(0, {"title": "text part"}).candidates()[0] == "TextPart"


def test_no_number_or_hash_when_every_candidate_is_taken():
    claims = [
        Claim(f"f#/{a}/b", names.component("X").prop("p"), (i,))
        for i, a in enumerate("ace")
    ]
    final, _ = resolve(claims, "speakeasy")
    assert [final[c.addr][1] for c in claims] == ["P", "XP", "XPB"]
    final, _ = resolve(claims, "stable")
    assert [final[c.addr][1] for c in claims] == ["XP", "XPB", "XPEB"]


# ------------------------------------------------------------------ both policies on one spec


def test_speakeasy_names():
    k = model_names(SPEC, "speakeasy")
    assert {
        "components.Status",  # Order's: the paths reach Order first
        "components.PetStatus",
        "operations.Role",  # the first message kind's role
        "operations.MessagesRole",  # the second's: its union's word first
        "operations.PostChatsRole",  # the response's: then the operation's
        "operations.One",
        "operations.Two",
        "operations.Status",  # the query parameter
        "operations.PostChatsRequest",  # the parameters and the body, as Speakeasy bundles them
        "operations.PostChatsRequestBody",
        "operations.PostChatsResponseBody",
        "errors.PostChatsResponseBody",  # the 404 body
        "errors.Problem",  # a component only an error response names is an error
    } <= k


def test_stable_names_start_with_their_component_or_operation():
    k = model_names(SPEC, "stable")
    assert {
        "components.OrderStatus",
        "components.PetStatus",
        "components.PetOwner",
        "components.PetRole",
        "operations.PostChatsMessagesRole",
        "operations.PostChatsMessagesChatRole",  # the second: one context word (a tag) more
        "operations.PostChatsRole",
        "operations.PostChatsQueryParamStatus",
        "operations.PostChatsRequest",
        "errors.PostChatsResponseBody",
        "components.Problem",
    } <= k
    for key in k:
        ns, name = key.split(".")
        assert name.startswith(("Pet", "Order", "Problem", "PostChats", "ListOrders"))


def test_a_unit_that_spells_another_units_name_is_said():
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["PetStatus"] = {"type": "string"}
    r = run(spec, "stable")
    assert "components.PetStatus" in {str(m.key) for m in r.package.models}
    taken = [d for d in r.diagnostics if d.code == "openapi-name-taken"]
    assert len(taken) == 1 and "'PetStatus'" in taken[0].message


# ------------------------------------------------------------------ stability


def edits() -> list[tuple[str, dict]]:
    """(what, the spec after one edit): add, remove and edit one schema; add an operation."""
    out = []
    s = copy.deepcopy(SPEC)
    s["components"]["schemas"]["Customer"] = {
        "type": "object",
        "properties": {
            "status": {"enum": ["new", "old"]},
            "owner": {"type": "object", "properties": {"role": {"enum": ["x"]}}},
        },
    }
    out.append(("add a component", s))
    s = copy.deepcopy(SPEC)
    del s["components"]["schemas"]["Pet"]
    out.append(("remove a component", s))
    s = copy.deepcopy(SPEC)
    order = s["components"]["schemas"]["Order"]["properties"]
    order["status"]["description"] = "edited"
    order["priority"] = {"type": "string", "enum": ["low", "high"]}
    out.append(("edit a component", s))
    s = copy.deepcopy(SPEC)
    s["paths"] = {
        "/a": {
            "post": {
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"role": {"enum": ["a", "b"]}},
                            }
                        }
                    }
                },
                "responses": {"204": {"description": "none"}},
            }
        },
        **s["paths"],
    }
    out.append(("add an operation before the others", s))
    return out


def changes(before, after) -> tuple[set[str], set[str], set[str]]:
    a = {p: t for p, t in before.files if not p.endswith(AGGREGATES)}
    b = {p: t for p, t in after.files if not p.endswith(AGGREGATES)}
    return (
        {p for p in a.keys() & b.keys() if a[p] != b[p]},
        set(b) - set(a),
        set(a) - set(b),
    )


def owned(paths: set[str], *stems: str) -> bool:
    """Every path is a module or doc of a model whose name starts with one of ``stems``."""
    return all(Path(p).stem.startswith(stems) for p in paths)


@pytest.mark.parametrize("what,spec", edits(), ids=[w for w, _ in edits()])
def test_stable_one_edit_changes_only_its_own_files(what, spec):
    changed, added, removed = changes(run(SPEC, "stable"), run(spec, "stable"))
    touched = {
        "add a component": ("customer",),
        "remove a component": ("pet",),
        "edit a component": ("order",),
        "add an operation before the others": ("posta",),
    }[what]
    assert owned(changed | added | removed, *touched), (changed, added, removed)
    assert changed | added | removed  # the edit shows
    if what == "edit a component":
        assert changed == {
            "models/components/orderstatus.py",
            "docs/models/components/orderstatus.md",
            "models/components/order.py",
            "docs/models/components/order.md",
        }


def test_speakeasy_names_move_when_an_earlier_schema_takes_them():
    """The trade-off: under ``speakeasy`` an operation added before the others takes the short
    name ``Role``; the class that had it moves to its next candidate, and so on down the chain.
    """
    changed, added, removed = changes(
        run(SPEC, "speakeasy"), run(edits()[3][1], "speakeasy")
    )
    assert not owned(changed | added | removed, "posta")
    # Role is now the new operation's; /chats' two roles each moved one candidate on
    assert {
        "models/operations/role.py",
        "models/operations/messagesrole.py",
    } <= changed
    assert "models/operations/postchatsmessagesrole.py" in added


# ------------------------------------------------------------------ Speakeasy's order


def _statuses() -> dict:
    """/a's request body holds a ``Call`` deep down; /a's response a ``status`` deep down
    (messages[].call.status) before a shallow one (call.status); /b's response a ``status`` one
    level down."""
    status = {"type": "string", "enum": ["a", "b"]}
    call = {"type": "object", "properties": {"status": status}}
    messages = {
        "type": "array",
        "items": {"type": "object", "properties": {"call": call}},
    }
    body = lambda s: {"content": {"application/json": {"schema": s}}}  # noqa: E731
    obj = lambda **p: {"type": "object", "properties": p}  # noqa: E731
    kind = {"type": "string", "enum": ["x"]}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {
                "post": {
                    "operationId": "a",
                    "requestBody": body(obj(items=obj(call=obj(kind=kind)))),
                    "responses": {
                        "200": {
                            "description": "ok",
                            **body(obj(messages=messages, call=call)),
                        }
                    },
                }
            },
            "/b": {
                "post": {
                    "operationId": "b",
                    "responses": {
                        "200": {"description": "ok", **body(obj(status=status))}
                    },
                }
            },
        },
    }


def test_speakeasy_names_requests_depth_first_then_all_responses_breadth_first():
    """Learnt from seed-ts: requests are named first, depth first (the request's ``Call`` takes
    the short name before either response ``call``); then the responses of every operation
    together, one level at a time: /b's status (one level down) before /a's shallow one (two
    levels), that before /a's deep one (four levels). In the reading order /a's deep status
    (its ``messages`` come first) had ``Status``."""
    r = run(_statuses(), "speakeasy")
    name = {m.source.pointer: m.key.name for m in r.package.models}
    a = "/paths/~1a/post/responses/200/content/application~1json/schema/properties"
    b = "/paths/~1b/post/responses/200/content/application~1json/schema/properties"
    request = "/paths/~1a/post/requestBody/content/application~1json/schema/properties"
    assert name[f"{request}/items/properties/call"] == "Call"
    assert name[f"{b}/status"] == "Status"
    assert name[f"{a}/call/properties/status"] == "AStatus"
    assert (
        name[f"{a}/messages/items/properties/call/properties/status"]
        == "AResponseStatus"
    )
    assert name[f"{a}/call"] == "ACall"
    assert name[f"{a}/messages/items/properties/call"] == "AResponseCall"


def test_speakeasy_order_is_by_place_then_depth():
    def claim(pointer: str, ctx: Ctx, n: int) -> Claim:
        return Claim(f"f#{pointer}", ctx, (n,))

    body = names.response_body("Op", (), "200", "", False)
    request = names.request_body("Op", ())
    deep = claim("/paths/~1x/get/responses/200/x/y", body.prop("x").prop("y"), 0)
    shallow = claim("/paths/~1x/get/responses/200/z", body.prop("z"), 1)
    req_deep = claim("/paths/~1x/get/requestBody/q/r", request.prop("q").prop("r"), 2)
    req = claim("/paths/~1x/get/requestBody/s", request.prop("s"), 3)
    comp = names.component("C")
    inner = claim("/components/schemas/C/p/q", comp.prop("p").prop("q"), 4)
    outer = claim("/components/schemas/C/r", comp.prop("r"), 5)
    key = claim("/components/schemas/C", comp, 6)
    got = names.speakeasy_order([deep, shallow, req_deep, req, inner, outer, key])
    # component keys; the request depth first; the component breadth first; the responses
    assert got == [key, req_deep, req, outer, inner, shallow, deep]
