"""Discriminated unions, nullable unions, enums (closed, integer, open, nullable), constants."""

import typing

import pydantic

from models import (
    Circle,
    Color,
    IdOrName,
    Level,
    MaybeShape,
    MaybeSize,
    NoValue,
    Shape,
    Square,
    Status,
    Versioned,
)

shapes = pydantic.TypeAdapter(list[Shape]).validate_python(
    [{"kind": "round", "radius": 1.5}, {"kind": "square", "side": 2}]
)
assert isinstance(shapes[0], Circle) and isinstance(shapes[1], Square)
for bad in ({"kind": "triangle"}, {"kind": "round", "side": 2}, {"radius": 1}):
    try:
        pydantic.TypeAdapter(Shape).validate_python(bad)
    except pydantic.ValidationError as exc:
        assert "union_tag" in str(exc) or "missing" in str(exc), exc
    else:
        raise AssertionError(bad)

ids = pydantic.TypeAdapter(IdOrName)
assert ids.validate_python(3) == 3 and ids.validate_python("x") == "x"
# the named nullable union holds None itself (its alias is Union[int, str, None]), so a field
# of type IdOrName needs no "| None"
assert ids.validate_python(None) is None
assert Versioned.model_validate({"version": 2, "id": None}).id is None
assert type(None) in typing.get_args(IdOrName.__value__)
assert Versioned.__annotations__["id"] == "IdOrName"

# a nullable discriminated union: None beside the tagged members, still discriminated
maybe = pydantic.TypeAdapter(MaybeShape)
assert maybe.validate_python(None) is None
assert isinstance(maybe.validate_python({"kind": "square", "side": 1}), Square)
try:
    maybe.validate_python({"kind": "triangle"})
except pydantic.ValidationError as exc:
    assert "union_tag" in str(exc), exc
else:
    raise AssertionError("triangle")

# null and nothing else: the alias of None
nothing = pydantic.TypeAdapter(NoValue)
assert NoValue.__value__ is None and nothing.validate_python(None) is None
for bad in (0, "", {}):
    try:
        nothing.validate_python(bad)
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(bad)

# a nullable enum cannot hold None: every use of it says "| None" (items and map values too)
w = Versioned.model_validate(
    {"version": 2, "id": 1, "sizes": ["small", None], "size_map": {"a": None}, "shape": None, "none": None}
)
assert w.sizes == [MaybeSize.SMALL, None] and w.size_map == {"a": None}
assert w.shape is None and w.none is None
assert Versioned.model_validate({"version": 2, "id": 1, "shape": {"kind": "round", "radius": 1}}).shape.radius == 1

v = Versioned.model_validate(
    {
        "version": 2,
        "id": "x",
        "color": "blue-ish",
        "level": 2,
        "status": "frozen",
        "size": None,
        "payment": {"iban": "DE00"},
    }
)
assert v.kind == "versioned" and v.flag is True
assert v.color is Color.BLUE_ISH and v.level is Level(2)
assert v.status.value == "frozen" and Status("active") is Status.ACTIVE  # open enum
for bad in (
    {"version": 3, "id": 1},
    {"version": 2, "id": 1, "color": "pink"},
    {"version": 2, "id": 1, "level": 4},
    {"version": 2},  # id is required, though it may be null
):
    try:
        Versioned.model_validate(bad)
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(bad)
assert type(v.payment).__name__ == "Payment2" and v.payment.iban == "DE00"
assert Versioned.model_validate({"version": 2, "id": 1}).model_dump(exclude_none=True) == {
    "version": 2,
    "id": 1,
    "kind": "versioned",
    "flag": True,
}
