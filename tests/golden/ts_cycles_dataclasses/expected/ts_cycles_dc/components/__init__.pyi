from .created import Created as Created
from .deleted import Deleted as Deleted
from .event import Event as Event
from .json import Json as Json
from .log import Log as Log
from .moved import Moved as Moved
from .node import Node as Node
