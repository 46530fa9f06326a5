"""The Go (gen <= 2.797) docs as dataclasses: JSON names from the Go names in field metadata,
required-nullable pointers without a default, prefixed enum members, additional properties."""

import dataclasses
import datetime
import decimal

from go_v1_dc import shared

fields = {f.name: f for f in dataclasses.fields(shared.Pet)}
assert fields["photo_urls"].metadata["alias"] == "photoUrls"
assert fields["born_at"].metadata["alias"] == "bornAt"
assert fields["note"].default is dataclasses.MISSING  # **string* with a check mark: required
assert fields["nickname"].default is None
pet = shared.Pet(
    id=1,
    name="Rex",
    note=None,
    size=shared.Size.Small,
    photo_urls=[],
    vaccinated=False,
    birthday=datetime.date(2020, 1, 1),
    price=decimal.Decimal("1"),
)
assert pet.status is None and shared.PetStatus.Available.value == "available"
owner_fields = {f.name: f for f in dataclasses.fields(shared.Owner)}
extra = [f for f in owner_fields.values() if f.metadata.get("extra")]
assert len(extra) == 1 and extra[0].metadata["alias"] == "additionalProperties"
print("ok")
