from .edge import Edge as Edge
