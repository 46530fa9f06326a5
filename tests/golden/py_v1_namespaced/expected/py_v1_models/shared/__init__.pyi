from .anyt import AnyT as AnyT
from .deep import Deep as Deep
from .enum_ import Enum_ as Enum_
from .simpleobject import SimpleObject as SimpleObject
from .simpleobjectintenum import SimpleObjectIntEnum as SimpleObjectIntEnum
from .strorint import StrOrInt as StrOrInt
