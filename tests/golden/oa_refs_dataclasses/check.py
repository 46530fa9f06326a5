"""$ref, cycles, allOf merging: dataclasses (keyword-only; pydantic validates them too)."""

import dataclasses

import pydantic

from models import Address, Dog, Owner, TreeNode

o = Owner(id="o1", address=Address(city="Oslo"))
assert o.billing is None
assert {f.name for f in dataclasses.fields(Dog)} == {"id", "name", "bark", "owner"}
t = TreeNode(name="a", children=[TreeNode(name="b")])
assert t.children[0].name == "b"
# pydantic reads the metadata: aliases and constraints
zip_field = next(f for f in dataclasses.fields(Address) if f.name == "zip")
assert zip_field.metadata["pattern"] == "^[0-9]{5}$"
ta = pydantic.TypeAdapter(Owner)
assert ta.validate_python({"id": "o", "address": {"city": "c"}}).address.city == "c"
try:
    ta.validate_python({"id": "o", "address": {"city": "c", "zip": "1"}})
except pydantic.ValidationError:
    pass
else:
    raise AssertionError("the zip pattern is checked")
