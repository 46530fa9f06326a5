"""Unions keep their tag as a Literal field; enums and constants as in the pydantic kind."""

import typing

import pydantic

from models import Circle, Color, Shape, Square, Status, Versioned

c = Circle(kind="round", radius=1.0)
assert c.kind == "round"  # the tag is a Literal field
assert typing.get_type_hints(Square)["kind"] == typing.Literal["square"]
shapes = pydantic.TypeAdapter(list[Shape]).validate_python(
    [{"kind": "round", "radius": 1.5}, {"kind": "square", "side": 2}]
)
assert isinstance(shapes[0], Circle) and isinstance(shapes[1], Square)
v = Versioned(version=2, id=None, color=Color.RED, status=Status("frozen"))
assert v.kind == "versioned" and v.status.value == "frozen"
