from .httpmetadata import HTTPMetadata as HTTPMetadata
from .pet import Pet as Pet
from .petidentifier import PetIdentifier as PetIdentifier
from .petstatus import PetStatus as PetStatus
from .size import Size as Size
from .tag import Tag as Tag
