"""Semax Evidence Dataset: load the tables as typed pandas DataFrames.

    >>> import semax_evidence as se
    >>> studies = se.load("studies")
"""

from ._version import __version__
from .io import list_tables, load, load_all, path


def validate(root=None, frictionless=True):
    """Problems of the package (empty list: valid). See semax_evidence.validate.validate."""
    from .checks import validate as _validate
    return _validate(root, frictionless)


__all__ = ["__version__", "list_tables", "load", "load_all", "path", "validate"]
