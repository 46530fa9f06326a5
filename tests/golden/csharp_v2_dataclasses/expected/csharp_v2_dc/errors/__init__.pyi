from .peterror import PetError as PetError
