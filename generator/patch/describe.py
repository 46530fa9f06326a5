"""A doc edited in its descriptions alone: the model it made last time, with the new descriptions
and lines put in (``described``); ``shape_of`` tells such an edit (the same shape before and after).
"""

from __future__ import annotations

from dataclasses import replace

from .. import ir
from ..parse.raw import RawDoc
from .unknown import Unknown


def shape_of(doc: RawDoc) -> RawDoc:
    """``doc`` without its descriptions and the lines of its parts."""
    return replace(
        doc,
        description="",
        fields=tuple(replace(f, description="", line=0) for f in doc.fields),
        values=tuple(replace(v, line=0) for v in doc.values),
        members=tuple(replace(m, line=0) for m in doc.members),
    )


def described(m: ir.Model, old: RawDoc, new: RawDoc) -> ir.Model:
    """The model ``m`` made from doc ``old`` (after the passes), as made from ``new``, which
    differs from ``old`` in descriptions and lines only (``shape_of``)."""
    if m.description != old.description or m.source.file != old.path:
        raise Unknown(old.path)
    if m.source.line != old.line:
        raise Unknown(old.path)
    if isinstance(m, ir.ObjectModel):
        at = {(f.line, f.type_col): (f, g) for f, g in zip(old.fields, new.fields)}
        fields = []
        for f in m.fields:
            got = at.get((f.source.line, f.source.col))
            if (
                got is None
                or f.source.file != old.path
                or f.description != got[0].description
            ):
                raise Unknown(old.path)
            source = replace(f.source, line=got[1].line)
            fields.append(replace(f, description=got[1].description, source=source))
        return replace(m, description=new.description, fields=tuple(fields))
    if isinstance(m, ir.EnumModel):
        lines = {v.line: w.line for v, w in zip(old.values, new.values)}
        members = []
        for x in m.members:
            if x.source.line not in lines or x.source.file != old.path:
                raise Unknown(old.path)
            members.append(
                replace(x, source=replace(x.source, line=lines[x.source.line]))
            )
        return replace(m, description=new.description, members=tuple(members))
    return replace(m, description=new.description)
