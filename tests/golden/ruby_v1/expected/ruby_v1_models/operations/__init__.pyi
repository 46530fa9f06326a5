from .getpetresponse import GetPetResponse as GetPetResponse
