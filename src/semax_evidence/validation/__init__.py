"""Validation of the package: `validate(root)` lists every problem; an empty list means valid."""

from .package import validate

__all__ = ["validate"]
