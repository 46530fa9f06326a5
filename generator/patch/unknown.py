"""What every part of the patch run raises when it cannot tell what a full run would make."""

from __future__ import annotations


class Unknown(Exception):
    """The patch run cannot tell what a full run would make: make it."""
