from .shared.empty import Empty as Empty
from .operations.getpetresponse import GetPetResponse as GetPetResponse
from .shared.owner import Owner as Owner
from .shared.pet import Pet as Pet
from .shared.petkind import PetKind as PetKind
