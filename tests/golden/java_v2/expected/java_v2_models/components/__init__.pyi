from .cat import Cat as Cat
from .owner import Owner as Owner
from .pet import Pet as Pet
from .petkind import PetKind as PetKind
from .petstatus import PetStatus as PetStatus
from .size import Size as Size
from .tag import Tag as Tag
