"""Exercise the package generated with the mixin templates: every pydantic model has AuditMixin as
its first base, models still validate and dump, enums and unions are untouched."""

import enum
import importlib
import inspect
import pkgutil

import mixin_models
import mixin_models._runtime
import pydantic
from audit import AuditMixin
from mixin_models import components, operations

pet = components.Pet.model_validate(
    {"id": 1, "name": "Rex", "flag": True, "class": "mammal"}
)
assert isinstance(pet, AuditMixin) and isinstance(pet, pydantic.BaseModel)
assert components.Pet.__mro__[1] is AuditMixin, components.Pet.__mro__
# the constant kind is always sent, though not passed
assert pet.audit().startswith(
    'Pet {"id":1.0,"name":"Rex","kind":"pet","flag":true'
), pet.audit()
assert '"class":"mammal"' in pet.audit()
owner = components.Owner.model_validate({"fullName": "Ann", "nickname": "annie"})
assert owner.audit() == 'Owner {"fullName":"Ann","nickname":"annie"}', owner.audit()
assert issubclass(operations.UploadRequest, AuditMixin)
assert not issubclass(components.Colour, AuditMixin) and issubclass(
    components.Colour, enum.Enum
)
assert mixin_models.Owner is components.Owner

models = enums = 0
for info in pkgutil.walk_packages(mixin_models.__path__, "mixin_models."):
    module = importlib.import_module(info.name)
    for obj in vars(module).values():
        if inspect.isclass(obj) and obj.__module__ == info.name:
            if obj is mixin_models._runtime.BaseModel:
                continue
            if issubclass(obj, pydantic.BaseModel):
                assert obj.__bases__[0] is AuditMixin, (obj, obj.__bases__)
                models += 1
            elif issubclass(obj, enum.Enum):
                enums += 1
assert models >= 5 and enums >= 3, (models, enums)
print("ok")
