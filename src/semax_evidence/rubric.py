"""Written rubrics applied by code (docs/rubric.md explains each step and its published sources).

* source reliability tier (A-D) from recorded page attributes (CRAAP test / DISCERN items);
* study evidence level (1-5) from the design lane (Oxford CEBM 2011 levels);
* study risk-of-bias flags from recorded design facts (Cochrane RoB domains, simplified);
* outcome grade (high ... very_low) per outcome x variant x lane (GRADE start and downgrades).
"""

import pandas as pd

RUBRIC_VERSION = "1.1.0"

# ---- sources -------------------------------------------------------------------------------
COMMERCIAL = ["has_prices", "has_order_links", "has_affiliate_links"]
ANECDOTE_PENALTY = {"none": 0, "low": 0, "medium": 1, "high": 2}


def _true(value) -> bool:
    """True only for a recorded true (typed True or the text 'true'); missing counts as not shown."""
    return value is not None and not pd.isna(value) and (value is True or value == "true" or value == 1)


def source_score(row) -> int:
    """CRAAP/DISCERN-style points: references, authorship, currency up; commerce and anecdote down."""
    score = (
        2 * _true(row.get("cites_primary_with_identifiers"))
        + _true(row.get("discloses_author"))
        + _true(row.get("discloses_date"))
    )
    score -= 2 * any(_true(row.get(c)) for c in COMMERCIAL) + _true(row.get("names_vendors"))
    score -= ANECDOTE_PENALTY.get(str(row.get("anecdote_share")), 0)
    return score


# Accuracy (rubric 1.1): the share of a source's checkable claims judged contradicted or overstated, read
# only when the source has enough judged claims for a share to mean something.
MIN_JUDGED_CLAIMS = 10
INACCURATE = {"contradicted", "overstated"}
CHECKABLE = INACCURATE | {"supported", "unsupported"}
ACCURATE_BELOW, INACCURATE_FROM = 0.20, 0.40


def accuracy_points(verdicts) -> int:
    """+2 when under 20 % of at least 10 checkable claims are contradicted or overstated, -2 from 40 %,
    0 between, or with too few claims to count."""
    judged = [v for v in map(str, verdicts) if v in CHECKABLE]
    if len(judged) < MIN_JUDGED_CLAIMS:
        return 0
    share = sum(v in INACCURATE for v in judged) / len(judged)
    return 2 if share < ACCURATE_BELOW else -2 if share >= INACCURATE_FROM else 0


def reliability_tier(row, verdicts=()) -> str:
    """A: regulator or peer-reviewed publication. B: score >= 3 with no commercial signal.
    C: score >= 1. D: the rest (unreferenced, commercial, anecdote-driven or often inaccurate).
    `verdicts`: the verdicts on the source's own claims in the ledger (rubric 1.1)."""
    if _true(row.get("is_regulator")) or (_true(row.get("peer_reviewed")) and row.get("source_type") == "publication"):
        return "A"
    score = source_score(row) + accuracy_points(verdicts)
    commercial = any(_true(row.get(c)) for c in COMMERCIAL)
    if score >= 3 and not commercial:
        return "B"
    return "C" if score >= 1 else "D"


# ---- studies -------------------------------------------------------------------------------
EVIDENCE_LEVEL = {  # Oxford CEBM 2011, treatment benefits question
    "human_rct": 2,
    "human_controlled_nonrandomised": 3,
    "human_observational": 3,
    "human_uncontrolled": 4,
    "neuroimaging_healthy": 4,
    "animal_in_vivo": 5,
    "ex_vivo": 5,
    "in_vitro": 5,
    "review": 5,
    "hypothesis": 5,
    "product_analysis": 5,
    "not_established": 5,
}
HUMAN = {
    "human_rct",
    "human_controlled_nonrandomised",
    "human_observational",
    "human_uncontrolled",
    "neuroimaging_healthy",
}
ANIMAL_OR_CELL = {"animal_in_vivo", "ex_vivo", "in_vitro"}
# Evidence lanes that replication never mixes: a rat or a culture result does not replicate a human one.
LANE = {
    **{d: "human" for d in HUMAN},
    "animal_in_vivo": "animal_in_vivo",
    "ex_vivo": "in_vitro",
    "in_vitro": "in_vitro",
}
SMALL_SAMPLE = {"human": 50, "animal": 10}  # fewer subjects than this raises the small_sample flag


def risk_of_bias_flags(row) -> str:
    design, flags = row.get("design"), []
    if row.get("verification") == "unresolved":
        flags.append("unresolved_publication")
    if design in HUMAN | ANIMAL_OR_CELL:
        if not _true(row.get("randomised")):
            flags.append("randomisation_not_reported" if pd.isna(row.get("randomised")) else "not_randomised")
        if not _true(row.get("blinded")):
            flags.append("blinding_not_reported" if pd.isna(row.get("blinded")) else "not_blinded")
        if design in HUMAN and not _true(row.get("placebo_controlled")):
            flags.append("no_placebo_reported")
        n = row.get("n_total")
        limit = SMALL_SAMPLE["human" if design in HUMAN else "animal"]
        if pd.isna(n):
            flags.append("sample_size_not_reported")
        elif n < limit:
            flags.append("small_sample")
    if _true(row.get("developer_affiliated")):
        flags.append("developer_affiliated")
    if row.get("read_depth") == "secondary_description":
        flags.append("read_second_hand")
    if row.get("read_depth") == "title_only":
        flags.append("title_only")
    return ";".join(flags)


# ---- outcome grades ------------------------------------------------------------------------
GRADE_START = {
    d: (4 if d == "human_rct" else 2 if d in {"human_controlled_nonrandomised", "human_observational"} else 1)
    for d in EVIDENCE_LEVEL
}
GRADE_NAMES = {4: "high", 3: "moderate", 2: "low", 1: "very_low"}
CONSISTENT = 0.75  # share of findings in the majority direction
PRECISE_SUBJECTS = 100


def grade(design: str, consistency: float, n_studies: int, n_subjects, independent: bool) -> tuple[str, str]:
    """GRADE-style: start by design, downgrade one step each for inconsistency, imprecision and
    lack of independent replication (every study developer-affiliated or affiliation unknown)."""
    level, reasons = GRADE_START[design], []
    if consistency < CONSISTENT:
        level, reasons = level - 1, reasons + ["inconsistent"]
    if n_studies < 2 or pd.isna(n_subjects) or n_subjects < PRECISE_SUBJECTS:
        level, reasons = level - 1, reasons + ["imprecise"]
    if not independent:
        level, reasons = level - 1, reasons + ["no_independent_replication"]
    return GRADE_NAMES[max(level, 1)], ";".join(reasons)
