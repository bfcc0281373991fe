"""Derived columns and tables, registered with the build in the order they run."""

import pandas as pd

from .build import derivation
from .chemistry import TERMINAL_DELTA, chemistry

HUMAN_DESIGNS = {"human_rct", "human_controlled_nonrandomised", "human_uncontrolled", "human_observational",
                 "neuroimaging_healthy"}


@derivation
def variant_chemistry(frames):
    v = frames["variants"].copy()
    computable = (v["structure_defined"].fillna(False).astype(bool) & v["sequence"].notna()
                  & v["n_terminal_modification"].isin(list(TERMINAL_DELTA))
                  & v["c_terminal_modification"].isin(list(TERMINAL_DELTA)))
    rows = [chemistry(s, str(n), str(c)) if ok else {}
            for s, n, c, ok in zip(v["sequence"], v["n_terminal_modification"], v["c_terminal_modification"],
                                   computable)]
    computed = pd.DataFrame(rows, index=v.index, columns=["molecular_formula", "monoisotopic_mass", "average_mass"])
    v["molecular_formula"] = computed["molecular_formula"].astype("string")
    v["monoisotopic_mass"] = computed["monoisotopic_mass"].astype("Float64")
    v["average_mass"] = computed["average_mass"].astype("Float64")
    frames["variants"] = v
    return frames


@derivation
def variant_studied_in_humans(frames):
    s = frames["studies"]
    human = set(s.loc[s["design"].astype("string").isin(HUMAN_DESIGNS).fillna(False), "variant_id"].dropna())
    v = frames["variants"].copy()
    v["studied_in_humans"] = v["variant_id"].isin(human).astype("boolean")
    frames["variants"] = v
    return frames


def _clean(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) else value


@derivation
def dose_normalisation(frames):
    from .units import normalise

    d = frames["doses"].copy()
    out = {k: [] for k in ("dose_min_ug", "dose_max_ug", "dose_min_ug_per_kg", "dose_max_ug_per_kg",
                           "normalisation_note")}
    for row in d.itertuples(index=False):  # a few hundred rows: clarity over vectorisation
        unit, vol, conc = _clean(row.dose_unit), _clean(row.drop_volume_ml), _clean(row.concentration)
        lo = normalise(_clean(row.dose_min), unit, vol, conc)
        hi = normalise(_clean(row.dose_max), unit, vol, conc)
        out["dose_min_ug"].append(lo.get("ug"))
        out["dose_max_ug"].append(hi.get("ug"))
        out["dose_min_ug_per_kg"].append(lo.get("ug_per_kg"))
        out["dose_max_ug_per_kg"].append(hi.get("ug_per_kg"))
        out["normalisation_note"].append(lo.get("note"))
    for col, values in out.items():
        d[col] = pd.array(values, dtype="string" if col == "normalisation_note" else "Float64")
    frames["doses"] = d
    return frames
