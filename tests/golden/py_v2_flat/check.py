"""Exercise the generated Py v2 package: optional/nullable, literals, swaps, extras, reserved names."""

import datetime
import decimal

import py_v2_models as m
from py_v2_models import errors

base = {
    "id": 1,
    "name": "n",
    "score": 2.5,
    "active": True,
    "middle_name": None,
    "entry_type": "entry",
    "enabled": True,
    "created_at": "2023-01-01T00:00:00Z",
    "level": 200,
    "kind": "text",
    "parent": None,
    "owner_map": {"a": None, "b": {"name": "b", "count": 3}},
}
r = m.Record.model_validate(
    dict(
        base,
        birthday="2020-02-03",
        amount="1.10",
        format="json",
        str="s",
        status="unknown-status",
        value=[{"name": "x"}],
        error={"message": "boom"},
        keyword={"in": "i", "model_config": "c"},
        klass={"def": "d"},
        weights={"w": None},
        maybe_names=[None, "x"],
    )
)
assert r.object == "record" and r.additional_properties is False
assert isinstance(r.created_at, datetime.datetime)
assert r.birthday == datetime.date(2020, 2, 3)
assert r.amount == decimal.Decimal("1.10")
assert r.status.value == "unknown-status"  # open enum keeps unknown values
assert m.Status("active") is m.Status.ACTIVE
assert r.level is m.Level.VALUE_200 or r.level == 200
assert r.owner_map["b"].model_extra == {"count": 3}
assert isinstance(r.error, errors.APIError)
assert r.keyword.model_dump(by_alias=True, exclude_none=True) == {"in": "i", "model_config": "c"}
assert r.klass.model_dump(by_alias=True) == {"def": "d"}
dumped = r.model_dump(mode="json", by_alias=True, exclude_none=True)
assert dumped["format"] == "json" and dumped["str"] == "s", dumped
assert r.model_dump(by_alias=True)["middle_name"] is None
assert dumped["owner_map"]["b"] == {"name": "b", "count": 3}
assert dumped["kind"] == "text"

for bad in ({"kind": "image"}, {"entry_type": "other"}, {"enabled": False}):
    try:
        m.Record.model_validate(dict(base, **bad))
    except Exception:
        pass
    else:
        raise AssertionError(f"{bad} must be rejected")
try:
    m.Record.model_validate({k: v for k, v in base.items() if k != "middle_name"})
except Exception:
    pass
else:
    raise AssertionError("Nullable[str] with a check mark is required")
try:
    m.Owner.model_validate({"name": "x", "extra": "not an int"})
except Exception:
    pass
else:
    raise AssertionError("extra values are typed")
assert m.And is not None and m.Class is not None
print("ok")
