from .operations.getwidgetresponse import GetWidgetResponse as GetWidgetResponse
from .shared.level import Level as Level
from .shared.widget import Widget as Widget
from .shared.widgetsize import WidgetSize as WidgetSize
