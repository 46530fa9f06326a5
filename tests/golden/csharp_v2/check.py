"""Exercise the generated C# package: camelCase JSON names of PascalCase fields, nullable T?,
qualified refs, a union read from its members' names, open enums, additional properties."""

import datetime

from csharp_v2_models import components, errors, requests

base = {
    "id": 1,
    "name": "Rex",
    "chipId": None,  # string? with a check mark: required, may be null
    "identifier": "chip-123",
    "updatedAt": "2024-01-01T00:00:00Z",
}
pet = components.Pet.model_validate(
    dict(base, age=3, status="adopted", size="L", tags=[{"label": "good"}], headers={"x": ["1"]}, colour="brown")
)
assert pet.chip_id is None and pet.age == 3
assert pet.status is not None and pet.status.value == "adopted"  # an open enum keeps it
assert pet.size is components.Size.Large
assert isinstance(pet.updated_at, datetime.datetime)
assert pet.model_extra == {"colour": "brown"}
# the union: string, integer, Tag, list of Tag, map
for value in ("chip", 7, {"label": "a"}, [{"label": "a"}], {"any": 1}):
    components.Pet.model_validate(dict(base, identifier=value))
assert isinstance(components.Pet.model_validate(dict(base, identifier=[{"label": "a"}])).identifier[0], components.Tag)
dumped = pet.model_dump(mode="json", by_alias=True, exclude_none=True)
assert dumped["chipId"] is None if "chipId" in dumped else True
assert dumped["updatedAt"].startswith("2024-01-01") and dumped["colour"] == "brown"
try:
    components.Pet.model_validate({k: v for k, v in base.items() if k != "chipId"})
except Exception:
    pass
else:
    raise AssertionError("chipId: string? with a check mark is required")
response = requests.GetPetResponse.model_validate({"httpMeta": {}, "error": {"message": "gone", "code": 404}})
assert isinstance(response.error, errors.PetError) and response.error.code == 404
assert components.HTTPMetadata.model_fields == {}  # its raw HTTP messages are SDK plumbing
