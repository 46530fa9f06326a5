from .components.created import Created as Created
from .components.deleted import Deleted as Deleted
from .operations.edge import Edge as Edge
from .components.event import Event as Event
from .components.json import Json as Json
from .components.log import Log as Log
from .components.moved import Moved as Moved
from .components.node import Node as Node
