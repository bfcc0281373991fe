"""Semax Evidence Dataset: load the tables as typed pandas DataFrames.

    >>> import semax_evidence as se
    >>> studies = se.load("studies")
"""

from ._version import __version__
from .tables import list_tables, load, load_all, path


def validate(root=None, frictionless=True):
    """Problems of the package (empty list: valid). See semax_evidence.validation."""
    from .validation import validate as _validate
    return _validate(root, frictionless)


def cite(format="bibtex"):
    """Citation of this release: format 'bibtex' or 'apa'. Cite the primary studies too."""
    from .citation import cite as _cite
    return _cite(format)


__all__ = ["cite", "__version__", "list_tables", "load", "load_all", "path", "validate"]
