from .apierror import APIError as APIError
