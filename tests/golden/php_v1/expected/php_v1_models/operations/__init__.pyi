from .getpetrequest import GetPetRequest as GetPetRequest
from .getpetresponse import GetPetResponse as GetPetResponse
