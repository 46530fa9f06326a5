from .empty import Empty as Empty
from .owner import Owner as Owner
from .pet import Pet as Pet
from .petkind import PetKind as PetKind
