"""The fast column operations equal the plain pandas operation they replace, on any input."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from semax_evidence.validation import columns as schema
from semax_evidence.validation.columns import (
    NAIVE_NA,
    _no_control,
    _no_edge_space,
    _no_formula_start,
    _no_line_break,
    _not_naive_na,
    _plain_unicode,
    _unique,
    as_float,
)
from semax_evidence.validation.problems import isin

TEXT = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list("ab \n1.-e+")), max_size=5))
# edges and missing-value markers: ASCII and Unicode whitespace, formula starts, multi-byte letters
EDGY = st.one_of(
    st.none(),
    st.sampled_from(NAIVE_NA),
    st.text(alphabet=st.sampled_from(list("aN#n/A- \t\x1c\x85\xa0\u3000=+@µЖ")), max_size=4),
)


@given(values=st.lists(TEXT, max_size=30), start=st.integers(0, 5))
def test_line_break_check_equals_contains(values, start):
    s = pd.Series(values, dtype="str").iloc[start:]  # a slice keeps bytes of the rows before it in its buffer
    expected = ~s.str.contains("\n", regex=False).fillna(False).astype(bool)
    assert _no_line_break(s).tolist() == expected.tolist()


@given(values=st.lists(TEXT, max_size=30), pool=st.lists(TEXT, max_size=10))
def test_arrow_isin_equals_pandas_isin(values, pool):
    s = pd.Series(values, dtype="str")
    expected = s.isin([p for p in pool if p is not None]) & s.notna()
    assert isin(s, pd.Series(pool, dtype="str")).tolist() == expected.tolist()


@given(values=st.lists(TEXT, max_size=30))
def test_as_float_equals_to_numeric(values):
    s = pd.Series(values, dtype="str")
    expected = pd.to_numeric(s, errors="coerce").astype(float)
    np.testing.assert_array_equal(as_float(s).to_numpy(), expected.to_numpy())


@given(values=st.lists(EDGY, max_size=30), start=st.integers(0, 5))
def test_byte_level_checks_equal_the_string_methods(values, start):
    s = pd.Series(values, dtype="str").iloc[start:]
    present = s.notna()  # pandera ignores the result on missing cells
    assert _no_edge_space(s)[present].tolist() == (s.str.strip() == s)[present].tolist()
    assert _no_formula_start(s)[present].tolist() == (~s.str.startswith(schema.FORMULA_START))[present].tolist()
    assert _not_naive_na(s)[present].tolist() == (~s.isin(NAIVE_NA))[present].tolist()


@given(values=st.lists(st.sampled_from(["E1", "x", " E2", "e3", None, "E10"]), min_size=1, max_size=40))
def test_per_distinct_equals_the_test_on_every_row(values):
    test = schema.per_distinct(lambda s: s.str.fullmatch("E[0-9]+"))
    s = pd.Series(values, dtype="str")
    original, schema.DISTINCT_ROWS = schema.DISTINCT_ROWS, 0  # take the distinct path even on few rows
    try:
        assert test(s).tolist() == s.str.fullmatch("E[0-9]+").tolist()
    finally:
        schema.DISTINCT_ROWS = original


@given(values=st.lists(TEXT, max_size=30))
def test_unique_check_equals_duplicated(values):
    s = pd.Series(values, dtype="str")
    present = s.notna()
    assert _unique(s)[present].tolist() == (~s.duplicated(keep=False))[present].tolist()


# A column that passes its vocabulary or type check skips the generic checks: sound only if every word
# and every string a type pattern accepts passes them.
GENERIC = [_no_edge_space, _no_line_break, _not_naive_na, _no_control, _plain_unicode]


def test_every_vocabulary_word_passes_the_generic_checks():
    from semax_evidence.vocabularies import VOCABULARIES

    words = pd.Series(sorted({w for vocab in VOCABULARIES.values() for w in vocab}), dtype="str")
    for check in GENERIC:
        assert check(words).all(), f"{check.__name__} fails on {words[~check(words)].tolist()}"


@pytest.mark.parametrize("kind", list(schema.TYPE_PATTERNS))
@given(data=st.data())
def test_every_well_formed_typed_value_passes_the_generic_checks(kind, data):
    pattern = schema.TYPE_PATTERNS[kind][0]
    values = pd.Series(
        data.draw(st.lists(st.from_regex(pattern, fullmatch=True), min_size=1, max_size=10)), dtype="str"
    )
    for check in GENERIC:
        assert check(values).all(), f"{check.__name__} fails on {values.tolist()}"


def _failures(kind: str, cells: list) -> set:
    import pandera.pandas as pa

    column = pa.Column(str, nullable=True, checks=schema.column_checks({"type": kind}))
    try:
        pa.DataFrameSchema({"x": column}).validate(pd.DataFrame({"x": pd.Series(cells, dtype="str")}), lazy=True)
    except pa.errors.SchemaErrors as err:
        return set(zip(err.failure_cases["check"], err.failure_cases["index"]))
    return set()


def test_a_column_that_fails_its_type_check_still_gets_the_generic_checks():
    assert _failures("number", ["1.5", " 2", None]) == {
        ("must be a number", 1),
        ("must not start or end with whitespace", 1),
    }
    assert _failures("number", ["1.5", "2", None]) == set()


def test_every_check_passes_a_missing_cell():
    # the checks see missing cells (pandera's own dropping would copy the column for every check);
    # requiredness is pandera's separate not_nullable check
    from semax_evidence.metadata import RESOURCES
    from semax_evidence.tableschema import field_spec

    missing = pd.Series([None, None], dtype="str")
    for table, resource in RESOURCES.items():
        for name in resource["fields"]:
            for check in schema.column_checks(field_spec(table, name)):
                assert check(missing).check_passed, f"{table}.{name}: {check.error} fails on a missing cell"
