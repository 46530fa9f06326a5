"""Dataclasses keep constraints, titles and read-/write-only in field metadata (the Field keywords
of the pydantic kind), so pydantic validates them the same way."""

import dataclasses

import pydantic

from models import Described, Legacy, Limits, Nothing, NumberOrText

meta = {f.name: dict(f.metadata) for f in dataclasses.fields(Limits)}
assert meta["code"] == {"alias": "code", "min_length": 2, "max_length": 4, "pattern": "^[A-Z]+$"}
assert meta["tags"]["json_schema_extra"] == {"uniqueItems": True}
meta = {f.name: dict(f.metadata) for f in dataclasses.fields(Described)}
assert meta["id"] == {"alias": "id", "title": "Identifier", "json_schema_extra": {"readOnly": True}}
assert meta["content_type"]["alias"] == "content-type"
a = Described(content_type="x")
assert a.size == 10 and a.names == ["a", "b"] and a.names is not Described().names
ta = pydantic.TypeAdapter(Limits)
assert ta.validate_python({"code": "AB"}).code == "AB"
for bad in ({"code": "A"}, {"code": "AB", "percent": 101}):
    try:
        ta.validate_python(bad)
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(bad)
assert Legacy(name="n", note=None).count is None
assert pydantic.TypeAdapter(NumberOrText).validate_python(None) is None
assert Nothing.__annotations__["null_only"] == "None"
try:
    pydantic.TypeAdapter(Nothing).validate_python({"nullOnly": 0})
except pydantic.ValidationError:
    pass
else:
    raise AssertionError("nullOnly: 0")
