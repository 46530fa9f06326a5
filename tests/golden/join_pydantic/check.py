"""Exercise the package joined from docs and their spec: wire names, a required nullable field,
constraints and formats from the spec, an open enum, the docs' names and descriptions."""

import datetime
import uuid

import pydantic

from join_models import components, operations

wire = {
    "pet_id": 7,
    "name": None,
    "born_at": "2024-01-01T00:00:00Z",
    "chip": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "status": "sold",
    "tags": [{"tag_name": "calm"}],
}
pet = components.Pet.model_validate(wire)
assert pet.pet_id == 7 and pet.name is None
assert isinstance(pet.born_at, datetime.datetime) and isinstance(pet.chip, uuid.UUID)
assert pet.status.value == "sold"  # the spec's open enum keeps values the docs do not list
assert pet.vaccinated is False  # the spec's default
assert pet.tags[0].tag_name == "calm"
dumped = pet.model_dump(mode="json", by_alias=True, exclude_unset=True)
assert dumped["pet_id"] == 7 and dumped["tags"] == [{"tag_name": "calm"}], dumped

for bad, why in (
    ({k: v for k, v in wire.items() if k != "name"}, "name is required, even though null"),
    ({**wire, "pet_id": 0}, "pet_id >= 1"),
    ({**wire, "weight_kg": 0}, "weight_kg > 0"),
    ({**wire, "tags": [{"tag_name": "x"}] * 11}, "at most 10 tags"),
):
    try:
        components.Pet.model_validate(bad)
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(f"accepted: {why}")

assert components.Pet.__doc__ == "A pet, as the docs describe it."
body = operations.CreatePetRequestBody.model_validate(
    {"pet_name": "Rex", "animal": {"pet_type": "dog", "good_boy": None}}
)
assert isinstance(body.animal, components.Dog) and body.animal.good_boy is None
print("ok")
