"""$ref (local, sibling file, with a description beside it), cycles, allOf merging: pydantic."""

import pydantic

from models import Author, Book, Dog, Owner, Pet, TreeNode

o = Owner.model_validate({"id": "o1", "address": {"city": "Oslo", "zip": "01234"}})
assert o.address.city == "Oslo" and o.billing is None
for bad in ({"id": "o1"}, {"id": "o1", "address": {"city": "Oslo", "zip": "12"}}):
    try:
        Owner.model_validate(bad)
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(bad)

t = TreeNode.model_validate({"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]})
assert t.children[0].children[0].name == "c"

a = Author.model_validate({"name": "x", "books": [{"title": "t", "author": {"name": "y"}}]})
assert isinstance(a.books[0], Book) and isinstance(a.books[0].author, Author)

d = Dog.model_validate({"id": 1, "bark": True, "owner": {"id": "o", "address": {"city": "c"}}})
assert d.id == 1 and d.bark is True and d.name is None and d.owner.address.city == "c"
assert set(Dog.model_fields) == {"id", "name", "bark", "owner"}
try:
    Dog.model_validate({"id": 1})  # bark is required by the second part
except pydantic.ValidationError:
    pass
else:
    raise AssertionError("bark is required")
assert Pet.model_validate({"id": 2}).id == 2
