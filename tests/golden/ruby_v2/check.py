"""Exercise the generated Ruby 2024+ package: rooted names, Models:: paths, T.any unions by name."""

import datetime

from ruby_v2_models import components, operations

order = components.Order.model_validate(
    {
        "id": "o1",
        "total": 12.5,
        "metadata": {"key1": "value1"},
        "customer": {"email": "a@example.com"},
        "billing": None,
        "lines": [{"sku": "S", "quantity": 2}],
        "payment": {"iban": "DE00"},
        "items": ["free text", {"sku": "T", "quantity": 1}],
        "status": "open",
        "placed_on": "2024-02-29",
    }
)
assert isinstance(order.payment, components.BankAccount)
assert order.items is not None and order.items[0] == "free text"
assert isinstance(order.items[1], components.OrderLine)
assert order.placed_on == datetime.date(2024, 2, 29)
assert order.status is components.OrderStatus.OPEN
r = operations.CreateOrderResponse(content_type="application/json", status_code=201, order=order)
assert "raw_response" not in operations.CreateOrderResponse.model_fields
assert r.model_dump(mode="json")["order"]["placed_on"] == "2024-02-29"
print("ok")
