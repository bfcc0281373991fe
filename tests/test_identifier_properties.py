"""Property-based checks of the identifier rules the validator applies."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from stdnum import casrn

from semax_evidence.metadata import FIELDS
from semax_evidence.validation.columns import column_checks


def passes(field: str, value: str) -> bool:
    series = pd.Series([value], dtype=str)
    return all(bool(check._check_fn(series).all()) for check in column_checks(FIELDS[field]))


@given(st.integers(min_value=1, max_value=999_999_999))
def test_every_pmid_is_accepted_and_its_padded_or_prefixed_forms_refused(n):
    assert passes("pmid", str(n))
    assert not passes("pmid", "0" + str(n))
    assert not passes("pmid", f"PMID:{n}")


@given(st.integers(min_value=1000, max_value=999_999_999))  # 2-7 digits, then 2
def test_cas_check_digit_is_computed_as_stdnum_does(body):
    digits = str(body)
    stem = f"{digits[:-2]}-{digits[-2:]}"
    check = sum(int(d) * (i + 1) for i, d in enumerate(reversed(digits))) % 10
    good, bad = f"{stem}-{check}", f"{stem}-{(check + 1) % 10}"
    assert casrn.is_valid(good) and not casrn.is_valid(bad)
    assert passes("cas_number", good)


@given(st.from_regex(r"10\.[0-9]{4,9}/[A-Za-z0-9.()_;:/-]{1,30}", fullmatch=True))
def test_doi_syntax(doi):
    assert passes("doi", doi)
    assert not passes("doi", "https://doi.org/" + doi)
    assert not passes("doi", doi + " ")
