"""Request bodies, responses (error responses in errors/), parameters."""

import pydantic

from models import errors, operations

body = operations.CreateOrderRequestBody.model_validate({"items": ["a"], "note": "hi"})
assert body.items == ["a"]
for bad in ({"items": []}, {"items": ["a"], "note": "x" * 11}, {}):
    try:
        operations.CreateOrderRequestBody.model_validate(bad)
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(bad)

r = operations.GetOrderResponseBody.model_validate({"id": "o1", "items": [{"sku": "a", "qty": 2}]})
assert isinstance(r.items[0], operations.GetOrderItems)
try:
    operations.GetOrderResponseBody.model_validate({"id": "o1", "items": [{"qty": 0}]})
except pydantic.ValidationError:
    pass
else:
    raise AssertionError("qty >= 1")
assert errors.GetOrderResponseBody.model_validate({"code": 404}).code == 404
assert errors.GetOrderResponseResponseBody.model_validate({}).message is None
assert operations.GetOrderQueryParamExpand("items") is operations.GetOrderQueryParamExpand.ITEMS
assert operations.GetOrderQueryParamFilter.model_validate({"status": "open"}).status == "open"
