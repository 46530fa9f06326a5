"""Exercise the generated Go (gen >= 2.858, docs/models layout) package: code-span types, pointers
inside containers, an open enum from a Go example, a union with Union Discrimination, prose-only
union docs typed Any, raw HTTP plumbing left out."""

import datetime

import pydantic

from go_v2_models import apierrors, components, operations

pet = components.Pet.model_validate(
    {
        "id": 1,
        "name": "Rex",
        "note": None,
        "category": {"name": "dogs"},
        "friends": [None, {"name": "cats", "id": 2}],
        "photoUrls": [],
        "aliases": ["r", None],
        "labels": {"a": ["b"]},
        "birthday": "2021-02-03",
        "updatedAt": "2021-02-03T04:05:06Z",
        "status": "adopted",
        "connection": 7,
        "metadata": {"anything": [1, "x"]},
    }
)
assert pet.friends is not None and pet.friends[0] is None
assert pet.birthday == datetime.date(2021, 2, 3)
assert pet.status == "adopted"  # an open enum keeps unknown values
assert components.PetStatus("sold") is components.PetStatus.Sold
assert pet.connection == 7 and pet.metadata == {"anything": [1, "x"]}
adapter = pydantic.TypeAdapter(components.ConnectionValue)
assert isinstance(adapter.validate_python({"name": "x"}), components.Category)
assert pydantic.TypeAdapter(components.Anything).validate_python([1]) == [1]
dumped = pet.model_dump(mode="json", by_alias=True, exclude_none=True)
assert dumped["photoUrls"] == [] and dumped["updatedAt"].startswith("2021-02-03"), dumped
try:
    components.Pet.model_validate({k: v for k, v in dumped.items() if k != "note"})
except pydantic.ValidationError:
    pass
else:
    raise AssertionError("Note (`*string` with a check mark) is required, though nullable")

page = operations.ListPetsResponse.model_validate(
    {"httpMeta": {}, "headers": {}, "pets": [dict(dumped, note=None)]}
)
assert page.pets is not None and page.pets[0].name == "Rex"
assert not components.HTTPMetadata.model_fields  # the raw request and response are SDK plumbing
assert apierrors.BadRequest(message="no", http_meta=components.HTTPMetadata()).message == "no"
print("ok")
