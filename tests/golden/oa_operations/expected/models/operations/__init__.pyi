from .createorderrequestbody import CreateOrderRequestBody as CreateOrderRequestBody
from .getorderexpand import GetOrderExpand as GetOrderExpand
from .getorderfilter import GetOrderFilter as GetOrderFilter
from .getorderresponsebody import GetOrderResponseBody as GetOrderResponseBody
from .getorderresponsebodyitems import (
    GetOrderResponseBodyItems as GetOrderResponseBodyItems,
)
