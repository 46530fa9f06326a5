"""Unions keep their tag as a Literal field; enums and constants as in the pydantic kind."""

import typing

import pydantic

from models import Circle, Color, IdOrName, MaybeShape, NoValue, Shape, Square, Status, Versioned

c = Circle(kind="round", radius=1.0)
assert c.kind == "round"  # the tag is a Literal field
assert typing.get_type_hints(Square)["kind"] == typing.Literal["square"]
shapes = pydantic.TypeAdapter(list[Shape]).validate_python(
    [{"kind": "round", "radius": 1.5}, {"kind": "square", "side": 2}]
)
assert isinstance(shapes[0], Circle) and isinstance(shapes[1], Square)
v = Versioned(version=2, id=None, color=Color.RED, status=Status("frozen"))
assert v.kind == "versioned" and v.status.value == "frozen"

# nullable unions hold None themselves; null alone is None
assert typing.get_args(IdOrName) == (int, str, type(None))
assert pydantic.TypeAdapter(IdOrName).validate_python(None) is None
assert pydantic.TypeAdapter(MaybeShape).validate_python(None) is None
assert NoValue is None and pydantic.TypeAdapter(NoValue).validate_python(None) is None
w = pydantic.TypeAdapter(Versioned).validate_python(
    {"version": 2, "id": None, "sizes": ["large", None], "size_map": {"a": None}, "none": None}
)
assert w.id is None and w.sizes[1] is None and w.size_map == {"a": None} and w.none is None
