"""Exercise the generated PHP 2025 package: Brick types, union docs, union link text, @var arrays."""

import datetime
import decimal

from php_v2_models import components, errors, operations

order = components.Order.model_validate(
    {
        "id": "o1",
        "total": "12.50",
        "placedOn": "2024-02-29",
        "customer": {"email": "a@example.com"},
        "billing": None,
        "lines": [{"sku": "S", "quantity": 2}],
        "payment": {"kind": "card", "last4": "4242"},
        "note": {"gift": True},
        "content": [{"sku": "T", "quantity": 1}],
        "status": "shipped",
    }
)
assert order.total == decimal.Decimal("12.50")
assert order.placed_on == datetime.date(2024, 2, 29)
assert isinstance(order.payment, components.Card)
assert order.note == {"gift": True}
assert isinstance(order.content, list) and order.content[0].quantity == 1
assert order.status is components.OrderStatus.Shipped
assert components.Order.model_validate(
    {**order.model_dump(by_alias=True), "note": None, "legacy": [1, "x"]}
).legacy == [1, "x"]
try:
    components.Order.model_validate({k: v for k, v in order.model_dump(by_alias=True).items() if k != "billing"})
except Exception:
    pass
else:
    raise AssertionError("billing is ?Components\\Customer with a check mark: required, may be null")

r = operations.CreateOrderResponse(contentType="application/pdf", statusCode=201, receipt=b"%PDF")
assert "raw_response" not in operations.CreateOrderResponse.model_fields
assert r.receipt == b"%PDF"
e = errors.Error.model_validate({"message": "no", "details": ["x", None]})
assert e.details == ["x", None]
print("ok")
