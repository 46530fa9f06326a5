"""Request bodies, responses, parameters as dataclasses."""

from models import errors, operations

body = operations.CreateOrderRequestBody(items=["a"])
assert body.note is None
r = operations.GetOrderResponseBody(id="o1", items=[operations.GetOrderItems(sku="a")])
assert r.items[0].qty is None
assert errors.GetOrderResponseBody(code=404).code == 404
