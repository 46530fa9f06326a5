from .listpetsrequest import ListPetsRequest as ListPetsRequest
from .listpetsresponse import ListPetsResponse as ListPetsResponse
