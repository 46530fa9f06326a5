from .owner import Owner as Owner
from .pet import Pet as Pet
from .petstatus import PetStatus as PetStatus
