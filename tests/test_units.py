import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from semax_evidence import load
from semax_evidence.units import REASONS, drops_to_ug, normalise

amounts = st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_mg_is_a_thousand_ug(x):
    assert normalise(x, "mg")["ug"] == pytest.approx(1000 * x, rel=1e-12)


@given(amounts)
def test_per_kg_units_stay_per_kg(x):
    assert normalise(x, "mg/kg")["ug_per_kg"] == pytest.approx(1000 * x, rel=1e-12)
    assert normalise(x, "ng/kg")["ug_per_kg"] == pytest.approx(x / 1000, rel=1e-12)
    assert "ug" not in normalise(x, "ug/kg")


@given(amounts, amounts)
def test_normalisation_is_monotonic(a, b):
    lo, hi = sorted([a, b])
    assert normalise(lo, "ug")["ug"] <= normalise(hi, "ug")["ug"]


def test_drops_need_a_stated_volume():
    assert normalise(2, "drops", None, "1%") == {"note": REASONS["drops_no_volume"]}
    # with a volume: 1 % = 10 mg/mL; 2 drops of 0.05 mL = 0.1 mL -> 1 mg
    assert drops_to_ug(2, 0.05, 1.0) == pytest.approx(1000)


def test_strengths_are_not_amounts():
    assert "ug" not in normalise(0.1, "percent_solution")
    assert normalise(None, None) == {"note": REASONS["none"]}


def test_doses_table_normalised_columns():
    d = load("doses")
    mass = d["dose_unit"].isin(["ug", "mg"])
    assert d.loc[mass, "dose_min_ug"].notna().all()
    factor = d.loc[mass, "dose_unit"].map({"ug": 1, "mg": 1000}).astype(float)
    assert ((d.loc[mass, "dose_min_ug"] - d.loc[mass, "dose_min"] * factor).abs() < 1e-9).all()
    no_mass = ~mass & ~d["dose_unit"].isin(["ug/kg", "mg/kg", "ng/kg"])
    assert d.loc[no_mass, "dose_min_ug"].isna().all() and d.loc[no_mass, "normalisation_note"].notna().all()
    assert not math.isnan(float(d["is_recommendation"].notna().mean()))
    assert d["is_recommendation"].notna().all()
