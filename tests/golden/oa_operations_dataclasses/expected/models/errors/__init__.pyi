from .getorderresponsebody import GetOrderResponseBody as GetOrderResponseBody
from .getorderresponseresponsebody import (
    GetOrderResponseResponseBody as GetOrderResponseResponseBody,
)
