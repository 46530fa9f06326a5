from .createorderrequestbody import CreateOrderRequestBody as CreateOrderRequestBody
from .getorderitems import GetOrderItems as GetOrderItems
from .getorderqueryparamexpand import (
    GetOrderQueryParamExpand as GetOrderQueryParamExpand,
)
from .getorderqueryparamfilter import (
    GetOrderQueryParamFilter as GetOrderQueryParamFilter,
)
from .getorderrequest import GetOrderRequest as GetOrderRequest
from .getorderresponsebody import GetOrderResponseBody as GetOrderResponseBody
