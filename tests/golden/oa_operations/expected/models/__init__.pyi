from .operations.createorderrequestbody import (
    CreateOrderRequestBody as CreateOrderRequestBody,
)
from .operations.getorderitems import GetOrderItems as GetOrderItems
from .operations.getorderqueryparamexpand import (
    GetOrderQueryParamExpand as GetOrderQueryParamExpand,
)
from .operations.getorderqueryparamfilter import (
    GetOrderQueryParamFilter as GetOrderQueryParamFilter,
)
from .operations.getorderrequest import GetOrderRequest as GetOrderRequest
from .errors.getorderresponseresponsebody import (
    GetOrderResponseResponseBody as GetOrderResponseResponseBody,
)
from .components.receipt import Receipt as Receipt
