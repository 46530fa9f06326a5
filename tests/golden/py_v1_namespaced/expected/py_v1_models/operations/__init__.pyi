from .getresponse import GetResponse as GetResponse
