from .animal import Animal as Animal
from .cat import Cat as Cat
from .dog import Dog as Dog
from .pet import Pet as Pet
from .petstatus import PetStatus as PetStatus
from .tag import Tag as Tag
from .toy import Toy as Toy
