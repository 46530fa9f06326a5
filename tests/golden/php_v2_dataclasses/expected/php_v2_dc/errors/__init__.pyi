from .error import Error as Error
