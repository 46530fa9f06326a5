"""Exercise the generated PHP 2023 package: ?T, arrays, \\DateTime told apart by examples, refs."""

import datetime

from php_v1_models import operations, shared

base = {
    "id": 7,
    "name": "Rex",
    "weight": None,
    "vaccinated": True,
    "birthday": "2020-01-01",
    "createdAt": "2020-01-01T00:00:00Z",
    "owner": {"fullName": "Ann"},
    "kind": "guinea-pig",
}
pet = shared.Pet.model_validate(
    dict(base, byDay={"mon": ["walk"]}, friends=[{"fullName": "Bob"}], scores={"a": 1})
)
assert pet.birthday == datetime.date(2020, 1, 1)  # \DateTime with a date example
assert isinstance(pet.created_at, datetime.datetime)
assert pet.kind is shared.PetKind.GuineaPig
assert pet.friends is not None and pet.friends[0].full_name == "Bob"
assert pet.nickname is None and pet.vet is None
dump = pet.model_dump(mode="json", by_alias=True, exclude_none=True)
assert dump["byDay"] == {"mon": ["walk"]} and dump["owner"] == {"fullName": "Ann"}, dump
try:
    shared.Pet.model_validate({k: v for k, v in base.items() if k != "weight"})
except Exception:
    pass
else:
    raise AssertionError("weight is ?float with a check mark: required, may be null")

r = operations.GetPetResponse(contentType="application/json", statusCode=200, pet=pet)
assert "raw_response" not in operations.GetPetResponse.model_fields
assert r.model_dump(by_alias=True)["pet"]["name"] == "Rex"
assert shared.Empty.model_validate({}) is not None
print("ok")
