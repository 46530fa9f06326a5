"""Exercise the generated Ruby 2023 package: T.nilable, T::Array / T::Hash, swapped date links,
the reserved-name suffix (str_ is JSON str)."""

import datetime

from ruby_v1_models import operations, shared

base = {
    "id": 7,
    "name": "Rex",
    "weight": None,
    "vaccinated": True,
    "birthday": "2020-01-01",
    "created_at": "2020-01-01T00:00:00Z",
    "owner": {"full_name": "Ann"},
    "kind": "guinea-pig",
}
pet = shared.Pet.model_validate(
    dict(base, str="s", by_day={"mon": ["walk"]}, friends=[{"full_name": "Bob"}])
)
assert pet.birthday == datetime.date(2020, 1, 1)  # [DateTime](...) is a date
assert isinstance(pet.created_at, datetime.datetime)  # [Date](...) a date-time
assert pet.str_ == "s"
assert pet.kind is shared.PetKind.GUINEA_PIG
assert pet.friends is not None and pet.friends[0].full_name == "Bob"
dump = pet.model_dump(mode="json", by_alias=True, exclude_none=True)
assert dump["str"] == "s" and dump["by_day"] == {"mon": ["walk"]}, dump
try:
    shared.Pet.model_validate({k: v for k, v in base.items() if k != "weight"})
except Exception:
    pass
else:
    raise AssertionError("weight is T.nilable(Float) with a check mark: required, may be null")

r = operations.GetPetResponse(content_type="application/json", status_code=200, pet=pet)
assert "raw_response" not in operations.GetPetResponse.model_fields
assert r.model_dump(by_alias=True)["pet"]["name"] == "Rex"
assert shared.Empty.model_validate({}) is not None
print("ok")
