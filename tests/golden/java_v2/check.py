"""Exercise the generated Java v2 package: Optional / JsonNullable, escaped containers, open enums,
additional properties, empty unions, keyword fields."""

import datetime
import decimal

from java_v2_models import components, errors, operations

base = {
    "id": 1,
    "name": "Rex",
    "chipId": None,  # Optional<String> with a check mark: required, may be null
    "weight": 4.5,
    "vaccinated": True,
    "legs": 4,
    "serial": 12345678901234567890,
    "kind": {"anything": "goes"},  # an empty union doc: Any
    "updatedAt": "2024-01-01T00:00:00Z",
}
pet = components.Pet.model_validate(
    dict(
        base,
        note=None,
        price="1.10",
        status="adopted",
        owner={"fullName": "Ann", "size": "L", "pets": []},
        tags=[{"label": "good"}],
        aliases={"a": ["b", "c"]},
        born="2020-01-02",
        enum="x",
        colour="brown",
    )
)
assert pet.chip_id is None and pet.note is None
assert pet.price == decimal.Decimal("1.10")
assert pet.status is not None and pet.status.value == "adopted"  # an open enum keeps it
assert components.PetStatus("available") is components.PetStatus.AVAILABLE
assert pet.owner is not None and pet.owner.size is components.Size.LARGE
assert pet.born == datetime.date(2020, 1, 2)
assert isinstance(pet.updated_at, datetime.datetime)
assert pet.enum_ == "x"
assert pet.model_extra == {"colour": "brown"}
dumped = pet.model_dump(mode="json", by_alias=True, exclude_none=True)
assert dumped["enum"] == "x" and dumped["colour"] == "brown" and dumped["aliases"] == {"a": ["b", "c"]}
try:
    components.Pet.model_validate({k: v for k, v in base.items() if k != "chipId"})
except Exception:
    pass
else:
    raise AssertionError("chipId: Optional<String> with a check mark is required")
try:
    components.Size("XL")
except ValueError:
    pass
else:
    raise AssertionError("Size is a closed enum")
response = operations.GetPetResponse.model_validate(
    {"contentType": "application/json", "statusCode": 200, "body": b"\x00"}
)
assert "raw_response" not in operations.GetPetResponse.model_fields
assert errors.PetError.model_validate({"code": None}).code is None
