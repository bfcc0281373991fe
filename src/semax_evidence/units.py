"""Normalising printed doses to micrograms (and micrograms per kg) with pint, never by hand."""

import re
from functools import cache

MASS_UNITS = {"ug": "microgram", "mg": "milligram"}
PER_KG_UNITS = {"ug/kg": "microgram / kilogram", "mg/kg": "milligram / kilogram", "ng/kg": "nanogram / kilogram"}
PERCENT = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*%")

REASONS = {
    "drops_no_volume": "drop count: no source states the drop volume, so no mass can be computed",
    "drops_no_strength": "drop count: solution strength not stated",
    "percent_solution": "a solution strength, not an amount",
    "uM": "a concentration in a culture medium, not an amount given",
    "nM": "a concentration in a culture medium, not an amount given",
    "none": "no amount printed",
}


@cache
def ureg():
    import pint

    return pint.UnitRegistry()


def to_ug(value: float, unit: str) -> float:
    return float(ureg().Quantity(value, MASS_UNITS[unit]).to("microgram").magnitude)


def to_ug_per_kg(value: float, unit: str) -> float:
    return float(ureg().Quantity(value, PER_KG_UNITS[unit]).to("microgram / kilogram").magnitude)


def drops_to_ug(drops: float, drop_volume_ml: float, percent_w_v: float) -> float:
    """Mass in `drops` drops of a solution of `percent_w_v` % (grams per 100 mL)."""
    q = ureg().Quantity
    volume = q(drops * drop_volume_ml, "milliliter")
    strength = q(percent_w_v / 100, "gram / milliliter")  # w/v percent: grams per 100 mL
    return float((volume * strength).to("microgram").magnitude)


def percent_of(concentration) -> float | None:
    match = PERCENT.match(concentration) if isinstance(concentration, str) else None
    return float(match.group(1)) if match else None


def normalise(value, unit, drop_volume_ml=None, concentration=None) -> dict:
    """One printed amount -> {'ug': …, 'ug_per_kg': …, 'note': …}; keys absent when not computable."""
    if value is None or unit is None:
        return {"note": REASONS["none"]}
    if unit in MASS_UNITS:
        return {"ug": to_ug(value, unit)}
    if unit in PER_KG_UNITS:
        return {"ug_per_kg": to_ug_per_kg(value, unit)}
    if unit == "drops":
        if drop_volume_ml is None:
            return {"note": REASONS["drops_no_volume"]}
        strength = percent_of(concentration)
        if strength is None:
            return {"note": REASONS["drops_no_strength"]}
        return {"ug": drops_to_ug(value, drop_volume_ml, strength)}
    return {"note": REASONS.get(unit, f"unit {unit} has no mass equivalent")}
