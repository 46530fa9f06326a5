from .bankaccount import BankAccount as BankAccount
from .card import Card as Card
from .customer import Customer as Customer
from .order import Order as Order
from .orderline import OrderLine as OrderLine
from .orderstatus import OrderStatus as OrderStatus
