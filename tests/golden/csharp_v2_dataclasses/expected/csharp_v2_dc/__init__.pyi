from .requests.getpetresponse import GetPetResponse as GetPetResponse
from .components.httpmetadata import HTTPMetadata as HTTPMetadata
from .components.pet import Pet as Pet
from .errors.peterror import PetError as PetError
from .components.petidentifier import PetIdentifier as PetIdentifier
from .components.petstatus import PetStatus as PetStatus
from .components.size import Size as Size
from .components.tag import Tag as Tag
