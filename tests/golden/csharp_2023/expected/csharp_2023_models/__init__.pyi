from .operations.getpetresponse import GetPetResponse as GetPetResponse
from .shared.owner import Owner as Owner
from .shared.pet import Pet as Pet
from .shared.petstatus import PetStatus as PetStatus
