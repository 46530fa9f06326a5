"""Exercise the generated Py v1 package: lowercase containers, Optional + check mark, table enums."""

import datetime

from py_v1_models import operations, shared

base = {
    "any": {"x": 1},
    "bool": True,
    "date": "2020-01-01",
    "date_time": "2020-01-01T00:00:00.001Z",
    "enum": "<nil>",
    "int_enum": 2,
    "nullable_str": None,
    "opt_deep": None,
}
o = shared.SimpleObject.model_validate(
    dict(base, obj_map={"k": {"name": "d"}}, nested={"a": [1, 2]}, any_t={"name": "deep"}, opt_union=[{"name": "x"}])
)
assert o.date == datetime.date(2020, 1, 1)
assert isinstance(o.date_time, datetime.datetime)
assert o.enum_ is shared.Enum_.LESS_THAN_NIL_GREATER_THAN_
assert shared.Enum_("a|b") is shared.Enum_.WITH_PIPE
assert o.int_enum is shared.SimpleObjectIntEnum.Two
assert isinstance(o.any_t, shared.Deep)
assert isinstance(o.opt_union[0], shared.Deep)
d = o.model_dump(mode="json", by_alias=True)
assert d["bool"] is True and d["enum"] == "<nil>" and d["int_enum"] == 2, d
assert d["nullable_str"] is None
for missing in ("nullable_str", "opt_deep"):
    try:
        shared.SimpleObject.model_validate({k: v for k, v in base.items() if k != missing})
    except Exception:
        pass
    else:
        raise AssertionError(f"{missing}: Optional[...] with a check mark is required")
try:
    shared.SimpleObjectIntEnum(4)
except ValueError:
    pass
else:
    raise AssertionError("closed int enum")

r = operations.GetResponse(content_type="application/json", status_code=200, simple_object=o)
assert "raw_response" not in operations.GetResponse.model_fields
assert r.model_dump(by_alias=True)["simple_object"]["bool"] is True
print("ok")
