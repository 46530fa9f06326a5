"""What render can make, as plain names: the output kinds it renders itself (``KINDS``; the
others come from datamodel-code-generator, ``dcg.DCG_KINDS``) and what a run can write
(``EMITS``). A module of its own so that checking options imports no jinja: a run that finds OUT
up to date never renders."""

from __future__ import annotations

KINDS = ("pydantic", "dataclasses")
# what a run can write (``--emit``): the Python package, its markdown docs, the JSON Schema
EMITS = ("models", "docs", "jsonschema")
