from .badrequest import BadRequest as BadRequest
