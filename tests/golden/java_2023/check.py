"""Exercise the generated Java 2023 package: boxed types, plain containers, FQCN refs, keyword
fields, table enums, a cycle through a map."""

import datetime
import warnings

from java_2023_models import operations, shared

pet = shared.Pet.model_validate(
    {
        "id": 42,
        "name": "Rex",
        "vaccinated": True,
        "born": "2020-01-01",
        "status": "sold-out",
        "class": "mammal",
        "tags": ["a"],
        "labels": {"k": "v"},
        "aliases": {"k": ["v", "w"]},
        "owners": [{"fullName": "Ann", "priority": 10, "pets": {"rex": {"id": 1, "name": "R", "vaccinated": False, "born": "2021-02-03", "status": "available"}}}],
        "seenAt": "2020-01-01T10:00:00Z",
    }
)
assert pet.born == datetime.date(2020, 1, 1)
assert isinstance(pet.seen_at, datetime.datetime)
assert pet.status is shared.PetStatus.SOLD_OUT
assert pet.class_ == "mammal"
assert pet.owners is not None and pet.owners[0].priority is shared.Priority.HIGH
assert pet.owners[0].pets is not None and pet.owners[0].pets["rex"].status is shared.PetStatus.AVAILABLE
assert pet.model_dump(mode="json", by_alias=True, exclude_none=True)["class"] == "mammal"
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    assert shared.Pet.model_validate({**pet.model_dump(by_alias=True), "legacyCode": "L"}).legacy_code == "L"
response = operations.GetPetResponse.model_validate({"contentType": "application/json", "statusCode": 200})
assert response.pet is None
assert "raw_response" not in operations.GetPetResponse.model_fields
