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


def _rows(frame):
    return [dict(zip(frame.columns, values)) for values in frame.itertuples(index=False)]


@derivation
def source_tiers(frames):
    from .rubric import reliability_tier
    s = frames["sources"].copy()
    s["reliability_tier"] = pd.Categorical([reliability_tier(r) for r in _rows(s)],
                                           categories=s["reliability_tier"].cat.categories)
    frames["sources"] = s
    return frames


def _independent_support(studies, effects):
    """(outcome, variant, direction) triples reported by a study with developer_affiliated == false."""
    independent = set(studies.loc[studies["developer_affiliated"].eq(False).fillna(False), "study_id"])
    e = effects[effects["study_id"].isin(independent)]
    return {(o, v, d, s) for o, v, d, s in zip(e["outcome"], e["variant_id"], e["direction"].astype(str),
                                                e["study_id"])}


@derivation
def study_appraisal(frames):
    from .rubric import EVIDENCE_LEVEL, risk_of_bias_flags
    s, e = frames["studies"].copy(), frames["effects"]
    s["evidence_level"] = s["design"].astype(str).map(EVIDENCE_LEVEL).astype("Int64")
    s["risk_of_bias_flags"] = pd.array([risk_of_bias_flags(r) or None for r in _rows(s)], dtype="string")
    support = _independent_support(s, e)
    replicated = {}
    for study, outcome, variant, direction in zip(e["study_id"], e["outcome"], e["variant_id"],
                                                  e["direction"].astype(str)):
        other = any(k[:3] == (outcome, variant, direction) and k[3] != study for k in support)
        replicated[study] = replicated.get(study, False) or other
    s["independent_replication"] = s["study_id"].map(replicated).astype("boolean")
    frames["studies"] = s
    return frames


@derivation
def outcome_summary(frames):
    from .rubric import grade
    s, e = frames["studies"], frames["effects"]
    joined = e.merge(s[["study_id", "design", "n_total", "developer_affiliated"]], on="study_id", how="left")
    joined["direction"] = joined["direction"].astype(str)
    rows = []
    for (outcome, variant, design), g in joined.groupby(["outcome", "variant_id", "design"], observed=True,
                                                        sort=True):
        counts = g["direction"].value_counts()
        top = counts[counts == counts.max()].index.tolist()
        per_study = g.drop_duplicates("study_id")
        n_subjects = per_study["n_total"].sum(min_count=1)
        independent = bool(per_study["developer_affiliated"].eq(False).fillna(False).any())
        consistency = float(counts.max() / counts.sum())
        label, reasons = grade(str(design), consistency, len(per_study), n_subjects, independent)
        rows.append({"outcome": outcome, "variant_id": variant, "design": design, "n_studies": len(per_study),
                     "n_subjects": n_subjects, "n_effects": len(g),
                     **{f"n_{d}": int(counts.get(d, 0)) for d in ("increase", "decrease", "no_change", "mixed")},
                     "majority_direction": top[0] if len(top) == 1 else "mixed",
                     "direction_consistency": round(consistency, 3), "independent_replication": independent,
                     "grade": label, "grade_reasons": reasons or None})
    frames["outcome_summary"] = pd.DataFrame(rows, columns=list(frames["outcome_summary"].columns))
    return frames
