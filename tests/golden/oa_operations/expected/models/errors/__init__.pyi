from .getorder404responsebody import GetOrder404ResponseBody as GetOrder404ResponseBody
from .getorderdefaultresponsebody import (
    GetOrderDefaultResponseBody as GetOrderDefaultResponseBody,
)
