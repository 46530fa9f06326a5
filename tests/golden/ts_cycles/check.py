"""Exercise cycles across modules, a self-referencing union and a discriminated union."""

import ts_cycles_models as m
from ts_cycles_models import components, operations

node = components.Node.model_validate(
    {
        "id": "a",
        "edges": [{"to": {"id": "b", "edges": [{"to": {"id": "c"}, "weight": 2}]}}],
        "parent": {"id": "root"},
        "payload": {"k": [1, "two", True, {"deep": [None] if False else []}]},
    }
)
assert isinstance(node.edges[0], operations.Edge)
assert isinstance(node.edges[0].to.edges[0].to, components.Node)
assert node.edges[0].to.edges[0].to.id == "c"
assert node.parent.id == "root"
assert node.payload == {"k": [1, "two", True, {"deep": []}]}
dumped = node.model_dump(exclude_none=True)
assert dumped["edges"][0]["to"]["edges"][0] == {"to": {"id": "c"}, "weight": 2}

from pydantic import TypeAdapter

events = TypeAdapter(list[components.Event]).validate_python(
    [
        {"kind": "created", "id": "1"},
        {"kind": "deleted", "id": "2"},
        {"kind": "moved", "id": "3", "to": "x", "history": [{"kind": "deleted", "id": "0"}]},
    ]
)
assert [type(e).__name__ for e in events] == ["Created", "Deleted", "Moved"]
assert isinstance(events[2].history[0], components.Deleted)
log = components.Log.model_validate({"events": [{"kind": "deleted", "id": "9"}], "last": {"kind": "created", "id": "8"}})
assert isinstance(log.events[0], components.Deleted) and isinstance(log.last, components.Created)
try:
    components.Log.model_validate({"last": {"kind": "renamed", "id": "1"}})
except Exception as exc:
    assert "kind" in str(exc) or "discriminator" in str(exc) or "tag" in str(exc), exc
else:
    raise AssertionError("unknown discriminator value must be rejected")
assert m.Node is components.Node and m.Edge is operations.Edge
print("ok")
