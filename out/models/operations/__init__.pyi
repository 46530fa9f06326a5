from .postv2routerimagesgenerationschoices import (
    PostV2RouterImagesGenerationsChoices as PostV2RouterImagesGenerationsChoices,
)
from .postv2routerimagesgenerationsresponsebody import (
    PostV2RouterImagesGenerationsResponseBody as PostV2RouterImagesGenerationsResponseBody,
)
