"""Derived columns and tables. `DERIVATIONS` at the end lists them in the order the build runs them."""

import pandas as pd

from .chemistry import TERMINAL_DELTA, chemistry
from .rubric import HUMAN as HUMAN_DESIGNS
from .rubric import LANE


def variant_chemistry(frames):
    v = frames["variants"].copy()
    computable = (
        v["structure_defined"].fillna(False).astype(bool)
        & v["sequence"].notna()
        & v["n_terminal_modification"].isin(list(TERMINAL_DELTA))
        & v["c_terminal_modification"].isin(list(TERMINAL_DELTA))
    )
    rows = [
        chemistry(s, str(n), str(c)) if ok else {}
        for s, n, c, ok in zip(v["sequence"], v["n_terminal_modification"], v["c_terminal_modification"], computable)
    ]
    computed = pd.DataFrame(rows, index=v.index, columns=["molecular_formula", "monoisotopic_mass", "average_mass"])
    v["molecular_formula"] = computed["molecular_formula"].astype("string")
    v["monoisotopic_mass"] = computed["monoisotopic_mass"].astype("Float64")
    v["average_mass"] = computed["average_mass"].astype("Float64")
    frames["variants"] = v
    return frames


def variant_studied_in_humans(frames):
    s = frames["studies"]
    human = set(s.loc[s["design"].astype("string").isin(HUMAN_DESIGNS).fillna(False), "variant_id"].dropna())
    v = frames["variants"].copy()
    v["studied_in_humans"] = v["variant_id"].isin(human).astype("boolean")
    frames["variants"] = v
    return frames


def _clean(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) else value


def dose_normalisation(frames):
    from .units import normalise

    d = frames["doses"].copy()
    out = {
        k: [] for k in ("dose_min_ug", "dose_max_ug", "dose_min_ug_per_kg", "dose_max_ug_per_kg", "normalisation_note")
    }
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


def source_tiers(frames):
    from .rubric import reliability_tier

    s, c = frames["sources"].copy(), frames["claims"]
    verdicts = c.groupby(c["source_id"].astype(str))["verdict"].agg(list).to_dict()
    s["reliability_tier"] = pd.Categorical(
        [reliability_tier(r, verdicts.get(r["source_id"], ())) for r in _rows(s)],
        categories=s["reliability_tier"].cat.categories,
    )
    frames["sources"] = s
    return frames


def findings(studies: pd.DataFrame, effects: pd.DataFrame) -> pd.DataFrame:
    """Effects with their study's cohort, evidence lane, n and developer affiliation. A cohort is the first
    report of a data set: a row with `cohort_study_id` belongs to the cohort it names."""
    s = studies[["study_id", "cohort_study_id", "design", "n_total", "developer_affiliated"]].copy()
    s["cohort"] = s["cohort_study_id"].fillna(s["study_id"]).astype(str)
    s["lane"] = s["design"].astype(str).map(LANE)
    out = effects[["study_id", "outcome", "measure", "variant_id", "direction"]].merge(s, on="study_id", how="left")
    for col in ("outcome", "measure", "variant_id", "direction", "design"):
        out[col] = out[col].astype(str)
    return out


def replicated_cohorts(f: pd.DataFrame) -> set[tuple]:
    """(cohort, outcome, measure, variant, direction) of findings independently replicated: at least two
    distinct cohorts of one evidence lane report the same outcome and measure for the same variant in the same
    direction, and at least one of those cohorts has no developer-affiliated author."""
    f = f[f["lane"].notna()]
    key = ["lane", "outcome", "measure", "variant_id", "direction"]
    per_cohort = (
        f.groupby(key + ["cohort"], sort=False)["developer_affiliated"]
        .agg(lambda a: bool(a.eq(False).fillna(False).any()))
        .rename("independent")
        .reset_index()
    )
    groups = per_cohort.groupby(key, sort=False).agg(cohorts=("cohort", "nunique"), independent=("independent", "any"))
    ok = groups[(groups["cohorts"] >= 2) & groups["independent"]].reset_index()[key]
    hits = per_cohort.merge(ok, on=key)
    return set(zip(hits["cohort"], hits["outcome"], hits["measure"], hits["variant_id"], hits["direction"]))


def study_appraisal(frames):
    from .rubric import EVIDENCE_LEVEL, risk_of_bias_flags

    s, e = frames["studies"].copy(), frames["effects"]
    s["evidence_level"] = s["design"].astype(str).map(EVIDENCE_LEVEL).astype("Int64")
    s["risk_of_bias_flags"] = pd.array([risk_of_bias_flags(r) or None for r in _rows(s)], dtype="string")
    f = findings(s, e)
    done = replicated_cohorts(f)
    f["replicated"] = [k in done for k in zip(f["cohort"], f["outcome"], f["measure"], f["variant_id"], f["direction"])]
    s["independent_replication"] = s["study_id"].map(f.groupby("study_id")["replicated"].any()).astype("boolean")
    frames["studies"] = s
    return frames


def outcome_summary(frames):
    from .rubric import grade

    f = findings(frames["studies"], frames["effects"])
    done = replicated_cohorts(f)
    rows = []
    for (outcome, variant, design), g in f.groupby(["outcome", "variant_id", "design"], sort=True):
        counts = g["direction"].value_counts()
        top = counts[counts == counts.max()].index.tolist()
        cohorts = g.groupby("cohort")["n_total"].max()  # a cohort reported twice counts once
        n_subjects = cohorts.sum(min_count=1)
        independent = any(
            k in done for k in zip(g["cohort"], g["outcome"], g["measure"], g["variant_id"], g["direction"])
        )
        consistency = float(counts.max() / counts.sum())
        label, reasons = grade(str(design), consistency, len(cohorts), n_subjects, independent)
        rows.append(
            {
                "outcome": outcome,
                "variant_id": variant,
                "design": design,
                "n_studies": len(cohorts),
                "n_subjects": n_subjects,
                "n_effects": len(g),
                **{f"n_{d}": int(counts.get(d, 0)) for d in ("increase", "decrease", "no_change", "mixed")},
                "majority_direction": top[0] if len(top) == 1 else "mixed",
                "direction_consistency": round(consistency, 3),
                "independent_replication": independent,
                "grade": label,
                "grade_reasons": reasons or None,
            }
        )
    frames["outcome_summary"] = pd.DataFrame(rows, columns=list(frames["outcome_summary"].columns))
    return frames


def flow_counts(records: pd.DataFrame) -> list[tuple[str, str, int]]:
    """PRISMA 2020 counts from the census: (stage, breakdown, records)."""
    reason = records["exclusion_reason"].astype(str)
    duplicate = reason == "duplicate_record"
    screened = records[~duplicate]
    excluded = screened[screened["decision"].astype(str) == "excluded"]
    included = screened[screened["decision"].astype(str) == "included"]
    rows = [("identified", "all", len(records))]
    rows += [("identified", str(k), int(v)) for k, v in records["search_id"].value_counts().sort_index().items()]
    rows += [
        ("duplicates_removed", "all", int(duplicate.sum())),
        ("screened", "all", len(screened)),
        ("excluded", "all", len(excluded)),
    ]
    rows += [
        ("excluded", str(k), int(v))
        for k, v in excluded["exclusion_reason"].astype(str).value_counts().sort_index().items()
    ]
    rows += [("included", "all", len(included))]
    lanes = included["design"].astype(str).value_counts().sort_index()
    rows += [("included", str(k), int(v)) for k, v in lanes.items()]
    return rows


def prisma_flow(frames):
    rows = flow_counts(frames["records"])
    frames["prisma_flow"] = pd.DataFrame(rows, columns=["flow_stage", "flow_detail", "n_flow"])
    return frames


# The build runs these in order; each takes the dict of typed frames and returns it updated.
DERIVATIONS = [
    variant_chemistry,
    variant_studied_in_humans,
    dose_normalisation,
    source_tiers,
    study_appraisal,
    outcome_summary,
    prisma_flow,
]


def derive_all(frames: dict) -> dict:
    """Every derivation, in order, on the typed tables."""
    for func in DERIVATIONS:
        frames = func(frames)
    return frames
