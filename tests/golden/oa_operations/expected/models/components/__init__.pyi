from .receipt import Receipt as Receipt
