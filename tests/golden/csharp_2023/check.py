"""Exercise the generated C# 2023 package: PascalCase fields as camelCase JSON names, acronyms,
decimals, dates, a cycle through a dictionary, the raw response left out."""

import datetime
import decimal

from csharp_2023_models import operations, shared

pet = shared.Pet.model_validate(
    {
        "id": 42,
        "name": "Rex",
        "legs": 4,
        "vaccinated": True,
        "born": "2020-01-01",
        "status": "sold-out",
        "price": "9.99",
        "urlPath": "/rex",
        "owners": [{"fullName": "Ann", "pets": {"rex": {"id": 1, "name": "R", "legs": 3, "vaccinated": False, "born": "2021-02-03", "status": "available"}}}],
        "seenAt": "2020-01-01T10:00:00Z",
    }
)
assert pet.born == datetime.date(2020, 1, 1)
assert pet.price == decimal.Decimal("9.99")
assert pet.status is shared.PetStatus.SoldOut
assert pet.url_path == "/rex"
assert pet.owners is not None and pet.owners[0].pets is not None
assert pet.owners[0].pets["rex"].status is shared.PetStatus.Available
dumped = pet.model_dump(mode="json", by_alias=True, exclude_none=True)
assert dumped["urlPath"] == "/rex" and dumped["seenAt"].startswith("2020-01-01")
response = operations.GetPetResponse.model_validate({"contentType": "application/json", "statusCode": 200})
assert response.pet is None
assert "raw_response" not in operations.GetPetResponse.model_fields
