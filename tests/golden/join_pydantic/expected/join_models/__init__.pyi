from .components.animal import Animal as Animal
from .components.cat import Cat as Cat
from .operations.createpetrequest import CreatePetRequest as CreatePetRequest
from .operations.createpetrequestbody import (
    CreatePetRequestBody as CreatePetRequestBody,
)
from .components.dog import Dog as Dog
from .components.pet import Pet as Pet
from .components.petstatus import PetStatus as PetStatus
from .components.tag import Tag as Tag
from .components.toy import Toy as Toy
