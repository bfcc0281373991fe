"""The fast column operations equal the plain pandas operation they replace, on any input."""

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from semax_evidence.checks import isin
from semax_evidence.schema import _no_line_break, as_float

TEXT = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list("ab \n1.-e+")), max_size=5))


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
