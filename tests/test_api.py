"""The public API: its examples run as doctests, and se.fields describes every column of every table."""

import doctest

import pytest

import semax_evidence as se
from semax_evidence import tables
from semax_evidence.metadata import RESOURCES


@pytest.mark.parametrize("module", [se, tables], ids=["semax_evidence", "semax_evidence.tables"])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_every_public_function_has_an_example():
    for name in ["load", "load_all", "list_tables", "path", "validate", "cite", "fields"]:
        assert ">>>" in getattr(se, name).__doc__, name


def test_fields_describes_each_column(table):
    f = se.fields(table)
    assert list(f["column"]) == RESOURCES[table]["fields"]
    assert f["description"].notna().all() and f["type"].notna().all()


def test_fields_of_an_unknown_table_names_the_tables():
    with pytest.raises(KeyError, match="tables are: variants"):
        se.fields("claim")
