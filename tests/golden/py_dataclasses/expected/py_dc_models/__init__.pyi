from .circle import Circle as Circle
from .colour import Colour as Colour
from .folder import Folder as Folder
from .item import Item as Item
from .nothing import Nothing as Nothing
from .shape import Shape as Shape
from .square import Square as Square
