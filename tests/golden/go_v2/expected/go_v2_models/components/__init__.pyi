from .anything import Anything as Anything
from .category import Category as Category
from .connectionvalue import ConnectionValue as ConnectionValue
from .httpmetadata import HTTPMetadata as HTTPMetadata
from .metadata import Metadata as Metadata
from .pet import Pet as Pet
from .petstatus import PetStatus as PetStatus
