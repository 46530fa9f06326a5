"""Exercise the generated dataclasses: construction, alias dump, cycles, open enums, union members."""

import dataclasses
import datetime
import typing

import py_dc_models as m


def dump(obj):
    """Dump by the JSON names recorded in field metadata."""
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.metadata.get("extra"):
                out.update({k: dump(v) for k, v in value.items()})
            elif value is not None:
                out[f.metadata.get("alias", f.name)] = dump(value)
        return out
    if isinstance(value := obj, list):
        return [dump(v) for v in value]
    if isinstance(obj, dict):
        return {k: dump(v) for k, v in obj.items()}
    if hasattr(obj, "value") and not isinstance(obj, (str, int, float)):
        return obj.value
    if isinstance(obj, str) and hasattr(obj, "_value_"):
        return obj._value_
    return obj


circle = m.Circle(kind="circle", radius=1.0)
inner = m.Folder(name="inner", colour=m.Colour("purple"))
folder = m.Folder(
    name="root",
    items=[m.Item(title="a", child=inner, shape=circle), m.Item(title="b", shape=m.Square(kind="square", side=2.0))],
    format="txt",
    colour=m.Colour.RED,
    created=datetime.datetime(2024, 1, 1),
    additional_properties={"x-extra": 1},
)
assert inner.colour.value == "purple"  # open enum keeps unknown values
assert m.Colour("red") is m.Colour.RED
d = dump(folder)
assert d["items"][0]["child"] == {"name": "inner", "colour": "purple"}, d
assert d["items"][1]["shape"] == {"kind": "square", "side": 2.0}
assert d["format"] == "txt" and d["x-extra"] == 1
assert "additional_properties" not in d

# every annotation resolves (bottom imports close the cycle)
for cls in (m.Folder, m.Item, m.Circle, m.Square, m.Nothing):
    typing.get_type_hints(cls)
assert typing.get_type_hints(m.Item)["child"] == typing.Optional[m.Folder]

# pydantic validates stdlib dataclasses too: nested cycle and union member choice
from pydantic import TypeAdapter

v = TypeAdapter(m.Folder).validate_python(
    {"name": "r", "items": [{"title": "t", "child": {"name": "c", "items": []}, "shape": {"kind": "square", "side": 3}}]}
)
assert isinstance(v.items[0].child, m.Folder)
assert isinstance(v.items[0].shape, m.Square)
shape = TypeAdapter(m.Shape).validate_python({"kind": "circle", "radius": 2})
assert isinstance(shape, m.Circle)
assert m.Nothing() == m.Nothing()
try:
    m.Folder()
except TypeError:
    pass
else:
    raise AssertionError("name is required")
print("ok")
