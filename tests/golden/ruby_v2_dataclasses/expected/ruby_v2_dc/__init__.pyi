from .components.bankaccount import BankAccount as BankAccount
from .components.card import Card as Card
from .operations.createorderresponse import CreateOrderResponse as CreateOrderResponse
from .components.customer import Customer as Customer
from .components.order import Order as Order
from .components.orderline import OrderLine as OrderLine
from .components.orderstatus import OrderStatus as OrderStatus
