"""What the docs' languages are called, known without importing their parsers: the names of
``parse.dialects`` (registry order) and the Field cells that document additional properties.

Checking an option (``--dialect``), or rendering docs from an OpenAPI spec, then imports none
of the seven dialect modules (a tenth of a spec-only run's start-up); ``parse.dialects`` checks
that its registry has exactly these names, in this order.
"""

from __future__ import annotations

DIALECT_NAMES = ("typescript", "python", "go", "java", "csharp", "php", "ruby")

# the Field cells that document additional properties (a dict of them) in Speakeasy's TypeScript
# and Python docs, and in the docs gen-models writes
EXTRA_FIELDS = ("additionalProperties", "__pydantic_extra__")
