from .level import Level as Level
from .widget import Widget as Widget
from .widgetsize import WidgetSize as WidgetSize
