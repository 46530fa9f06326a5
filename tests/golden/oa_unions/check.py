"""Discriminated unions, nullable unions, enums (closed, integer, open, nullable), constants."""

import pydantic

from models import Circle, Color, IdOrName, Level, Shape, Square, Status, Versioned

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
# null belongs to the reference: a field of type IdOrName is "IdOrName | None"
assert Versioned.model_validate({"version": 2, "id": None}).id is None

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
