"""Semax Evidence Dataset: load the tables as typed pandas DataFrames.

>>> import semax_evidence as se
>>> studies = se.load("studies")
"""

from ._version import __version__
from .tables import fields, list_tables, load, load_all, path


def validate(root=None, frictionless=True, derived=None):
    """Every problem of a package folder; an empty list means valid. Needs the ``validate`` extra.

    Parameters
    ----------
    root : path, optional
        The package folder; default: the bundled copy, or the checkout of an editable install.
    frictionless : bool, default True
        Run Frictionless as a final second opinion (slower) when the package's own checks find nothing.
    derived : bool, optional
        Recompute the derived columns and tables as build does and report any that differ (default: as
        `frictionless`; needs the ``build`` extra).

    Returns
    -------
    list of semax_evidence.validation.problems.Problem
        Each with ``code``, ``table``, ``line``, ``column``, ``value`` and ``rule`` (the message); see
        docs/problem-codes.md.

    Examples
    --------
    >>> import semax_evidence as se
    >>> se.validate(frictionless=False)
    []
    """
    from .validation import validate as _validate

    return _validate(root, frictionless, derived)


def cite(format="bibtex"):
    """Citation of this release, as ``"bibtex"`` or ``"apa"`` text. Cite the primary studies too.

    Examples
    --------
    >>> import semax_evidence as se
    >>> se.cite("apa").startswith("Semax Evidence Dataset contributors")
    True
    """
    from .citation import cite as _cite

    return _cite(format)


__all__ = ["cite", "__version__", "fields", "list_tables", "load", "load_all", "path", "validate"]
