"""Exercise the generated TS v2 package: validate, dump by alias, open enums, namespaces."""

import datetime
import warnings

import ts_v2_models as m
from ts_v2_models import components, operations

pet = components.Pet.model_validate(
    {
        "id": 1,
        "name": "Rex",
        "flag": True,
        "tags": ["a"],
        "nestedMap": {"x": {"y": True}},
        "status": "sold-out",
        "priority": 7,
        "owner": {"fullName": "Ann", "favouriteColour": "mauve", "nickname": "annie"},
        "ownerMap": {"k": {"fullName": "Bob"}},
        "content": ["a", "b"],
        "createdAt": "2023-01-01T00:00:00Z",
        "birthday": "2020-01-02",
        "class": "mammal",
        "legacyId": "L1",
    }
)
assert pet.kind == "pet"
assert pet.status is components.PetStatus.SOLD_OUT, pet.status
assert pet.priority.value == 7  # open int enum keeps unknown values
assert pet.owner.favourite_colour.value == "mauve"  # open str enum keeps unknown values
assert components.Colour("red") is components.Colour.RED
assert pet.owner.model_extra == {"nickname": "annie"}
assert pet.birthday == datetime.date(2020, 1, 2)
assert isinstance(pet.created_at, datetime.datetime)
assert pet.class_ == "mammal"
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    assert pet.legacy_id == "L1"
dumped = pet.model_dump(mode="json", exclude_none=True)
assert dumped["nestedMap"] == {"x": {"y": True}}
assert dumped["class"] == "mammal"
assert dumped["createdAt"].startswith("2023-01-01")
assert dumped["owner"]["nickname"] == "annie"
assert dumped["content"] == ["a", "b"]

try:
    components.Pet.model_validate({"id": 1, "name": "x", "flag": False})
except Exception:
    pass
else:
    raise AssertionError("Literal[True] must reject false")
try:
    components.PetStatus("unknown")
except ValueError:
    pass
else:
    raise AssertionError("closed enum must reject unknown values")

# same name in two namespaces stays two classes
assert components.TextPart is not operations.TextPart
assert set(components.TextPart.model_fields) == {"kind", "text"}
assert set(operations.TextPart.model_fields) == {"body", "part"}
req = operations.UploadRequest.model_validate(
    {"local": {"body": "b", "part": {"kind": "text", "text": "t"}}, "shared": {"kind": "text", "text": "u"}}
)
assert isinstance(req.local, operations.TextPart)
assert isinstance(req.shared, components.TextPart)
assert req.model_dump(exclude_none=True)["local"]["part"] == {"kind": "text", "text": "t"}

upload = operations.UploadFile(file_name="a.txt", content=b"abc")
assert upload.model_dump()["fileName"] == "a.txt"
assert components.Empty.model_validate({}).model_dump() == {}
assert m.Pet is components.Pet
assert "Pet" in dir(m)
print("ok")
