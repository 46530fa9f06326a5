"""Exercise the generated Go (gen <= 2.797) package: pointers, JSON names from Go names, prefixed enum
members, unions from constructor examples, additional properties, no raw response."""

import datetime
import decimal

from go_v1_models import operations, sdkerrors, shared

pet = shared.Pet.model_validate(
    {
        "id": 10,
        "name": "doggie",
        "note": None,
        "size": 2,
        "photoUrls": ["a.png"],
        "vaccinated": True,
        "birthday": "2020-01-01",
        "price": "12.50",
        "status": "sold",
        "bornAt": "2020-01-01T00:00:00Z",
        "chipNumber": 12345678901234567890,
        "scores": {"a": [1, 2]},
        "owner": {"email": "a@b.c", "homeUrl": "https://x", "phone": "123"},
        "petId": "p-1",
        "tags": [{"id": 1}],
    }
)
assert pet.size is shared.Size.Large and pet.status is shared.PetStatus.Sold
assert pet.birthday == datetime.date(2020, 1, 1)
assert isinstance(pet.born_at, datetime.datetime)
assert pet.price == decimal.Decimal("12.50")
assert pet.owner is not None and pet.owner.model_extra == {"phone": "123"}
dumped = pet.model_dump(mode="json", by_alias=True, exclude_none=True)
assert dumped["photoUrls"] == ["a.png"] and dumped["petId"] == "p-1", dumped
try:
    shared.Pet.model_validate({k: v for k, v in dumped.items() if k != "note"})
except Exception:
    pass
else:
    raise AssertionError("Note (**string* with a check mark) is required, though nullable")

for value, kind in (({"name": "Tom", "lives": 9}, shared.Cat), (["a", "b"], list)):
    import pydantic

    assert isinstance(pydantic.TypeAdapter(shared.Animal).validate_python(value), kind)

r = operations.GetPetResponse(content_type="application/json", status_code=200, pet=pet)
assert "raw_response" not in operations.GetPetResponse.model_fields
assert r.model_dump(by_alias=True)["statusCode"] == 200
assert sdkerrors.NotFound(message="gone", code=None).code is None
print("ok")
