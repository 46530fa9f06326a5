from .operations.createorderrequestbody import (
    CreateOrderRequestBody as CreateOrderRequestBody,
)
from .errors.getorder404responsebody import (
    GetOrder404ResponseBody as GetOrder404ResponseBody,
)
from .errors.getorderdefaultresponsebody import (
    GetOrderDefaultResponseBody as GetOrderDefaultResponseBody,
)
from .operations.getorderexpand import GetOrderExpand as GetOrderExpand
from .operations.getorderfilter import GetOrderFilter as GetOrderFilter
from .operations.getorderresponsebody import (
    GetOrderResponseBody as GetOrderResponseBody,
)
from .operations.getorderresponsebodyitems import (
    GetOrderResponseBodyItems as GetOrderResponseBodyItems,
)
from .components.receipt import Receipt as Receipt
