from .shared.anyt import AnyT as AnyT
from .shared.deep import Deep as Deep
from .shared.enum_ import Enum_ as Enum_
from .operations.getresponse import GetResponse as GetResponse
from .shared.simpleobject import SimpleObject as SimpleObject
from .shared.simpleobjectintenum import SimpleObjectIntEnum as SimpleObjectIntEnum
from .shared.strorint import StrOrInt as StrOrInt
