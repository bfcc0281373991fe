"""The rubrics pinned on hand-built rows: a change of behaviour must be a deliberate rubric version bump."""

import json

import pandas as pd

from semax_evidence import load
from semax_evidence.metadata import RESOURCES
from semax_evidence.rubric import RUBRIC_VERSION, grade, reliability_tier, risk_of_bias_flags

BLANK = {
    "source_type": "popular_article",
    "peer_reviewed": False,
    "is_regulator": False,
    "cites_primary_with_identifiers": False,
    "discloses_author": False,
    "discloses_date": False,
    "has_prices": False,
    "has_order_links": False,
    "has_affiliate_links": False,
    "names_vendors": False,
    "anecdote_share": "none",
}


def src(**kw):
    return {**BLANK, **kw}


def test_tiers_on_hand_built_rows():
    assert reliability_tier(src(source_type="publication", peer_reviewed=True)) == "A"
    assert reliability_tier(src(source_type="regulatory", is_regulator=True)) == "A"
    referenced = src(source_type="encyclopedia", cites_primary_with_identifiers=True, discloses_date=True)
    assert reliability_tier(referenced) == "B"
    assert reliability_tier({**referenced, "has_prices": True}) == "C"  # commerce costs the B tier
    assert reliability_tier(src(has_prices=True, names_vendors=True, discloses_author=True)) == "D"
    assert reliability_tier(src(cites_primary_with_identifiers=True)) == "C"
    assert reliability_tier(src(anecdote_share="high", discloses_author=True)) == "D"
    assert reliability_tier(src(source_type="publication", peer_reviewed=None)) == "D"


def test_risk_of_bias_flags_on_hand_built_rows():
    rct = {
        "design": "human_rct",
        "randomised": True,
        "blinded": True,
        "placebo_controlled": True,
        "n_total": 120,
        "developer_affiliated": False,
        "verification": "primary_page",
        "read_depth": "full_text",
    }
    assert risk_of_bias_flags(rct) == ""
    weak = {**rct, "randomised": pd.NA, "blinded": False, "n_total": 24, "developer_affiliated": True}
    assert risk_of_bias_flags(weak).split(";") == [
        "randomisation_not_reported",
        "not_blinded",
        "small_sample",
        "developer_affiliated",
    ]
    rat = {
        "design": "animal_in_vivo",
        "randomised": pd.NA,
        "blinded": pd.NA,
        "n_total": pd.NA,
        "verification": "unresolved",
        "read_depth": "secondary_description",
    }
    assert "no_placebo_reported" not in risk_of_bias_flags(rat)
    assert risk_of_bias_flags(rat).startswith("unresolved_publication")


def test_grades_on_hand_built_cases():
    assert grade("human_rct", 1.0, 3, 400, True) == ("high", "")
    assert grade("human_rct", 0.5, 1, 40, False) == ("very_low", "inconsistent;imprecise;no_independent_replication")
    assert grade("human_controlled_nonrandomised", 1.0, 2, 200, True) == ("low", "")
    assert grade("animal_in_vivo", 1.0, 5, 500, True)[0] == "very_low"


def test_rubric_version_is_published(repo):
    assert json.loads((repo / "datapackage.json").read_text())["rubric_version"] == RUBRIC_VERSION


def test_every_source_has_a_computed_tier_and_every_study_an_appraisal():
    sources, studies = load("sources"), load("studies")
    assert sources["reliability_tier"].notna().all()
    assert studies["evidence_level"].notna().all()
    used = set(load("effects")["source_id"]) | set(load("claims")["source_id"]) | set(load("doses")["source_id"])
    assert used <= set(sources["source_id"])


def test_contradictions_are_listable_in_one_line():
    c = load("claims")
    pairs = c[c.contradicts.notna()][["claim_id", "source_id", "contradicts"]]
    assert len(pairs) > 0 and pairs["source_id"].nunique() >= 2


# ---- rubric 1.1: accuracy, replication across cohorts, cohorts counted once ------------------------

from semax_evidence.derive import findings, outcome_summary, replicated_cohorts  # noqa: E402
from semax_evidence.rubric import accuracy_points  # noqa: E402


def test_accuracy_feeds_the_tier_only_with_enough_claims():
    assert accuracy_points(["supported"] * 9 + ["contradicted"] * 9) == -2  # 50 % of 18
    assert accuracy_points(["supported"] * 5 + ["contradicted"] * 4) == 0  # 9 claims: too few to count
    assert accuracy_points(["supported"] * 9 + ["overstated"] * 1) == 2  # 10 % of 10
    assert accuracy_points(["supported"] * 6 + ["overstated", "contradicted"] * 2) == -2  # 40 % of 10
    assert accuracy_points(["supported"] * 10 + ["not_checkable"] * 30 + ["overstated"] * 3) == 0  # 23 % of 13
    referenced = src(cites_primary_with_identifiers=True)  # 2 points: C
    assert reliability_tier(referenced) == "C"
    assert reliability_tier(referenced, ["supported"] * 12) == "B"  # accurate: 4 points
    assert reliability_tier(referenced, ["contradicted"] * 12) == "D"  # inaccurate: 0 points


def _studies(*rows):
    cols = ["study_id", "cohort_study_id", "design", "n_total", "developer_affiliated"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


def _effects(*rows):
    cols = ["study_id", "outcome", "measure", "variant_id", "direction"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


def test_replication_needs_two_cohorts_of_one_lane_and_an_independent_one():
    s = _studies(
        ("S1", None, "animal_in_vivo", 10, True),
        ("S2", None, "animal_in_vivo", 12, False),
        ("S3", "S1", "animal_in_vivo", 10, False),
        ("S4", None, "human_uncontrolled", 40, False),
        ("S5", None, "in_vitro", None, False),
    )
    # one study alone, or a cohort reported twice, is not a replication
    assert replicated_cohorts(findings(s, _effects(("S1", "bdnf", "mrna", "semax", "increase")))) == set()
    assert (
        replicated_cohorts(
            findings(
                s, _effects(("S1", "bdnf", "mrna", "semax", "increase"), ("S3", "bdnf", "mrna", "semax", "increase"))
            )
        )
        == set()
    )
    # lanes and measures never mix: human protein does not replicate rat mRNA, nor culture the rat
    assert (
        replicated_cohorts(
            findings(
                s,
                _effects(
                    ("S1", "bdnf", "mrna", "semax", "increase"),
                    ("S4", "bdnf", "protein", "semax", "increase"),
                    ("S5", "bdnf", "mrna", "semax", "increase"),
                ),
            )
        )
        == set()
    )
    # opposite directions do not replicate
    assert (
        replicated_cohorts(
            findings(
                s, _effects(("S1", "bdnf", "mrna", "semax", "increase"), ("S2", "bdnf", "mrna", "semax", "decrease"))
            )
        )
        == set()
    )
    # two cohorts of one lane, one of them independent
    assert replicated_cohorts(
        findings(s, _effects(("S1", "bdnf", "mrna", "semax", "increase"), ("S2", "bdnf", "mrna", "semax", "increase")))
    ) == {("S1", "bdnf", "mrna", "semax", "increase"), ("S2", "bdnf", "mrna", "semax", "increase")}


def test_two_cohorts_both_developer_affiliated_are_not_independent():
    s = _studies(("S1", None, "animal_in_vivo", 10, True), ("S2", None, "animal_in_vivo", 12, None))
    e = _effects(("S1", "bdnf", "mrna", "semax", "increase"), ("S2", "bdnf", "mrna", "semax", "increase"))
    assert replicated_cohorts(findings(s, e)) == set()


def test_outcome_summary_counts_a_cohort_once():
    s = _studies(
        ("S7", None, "human_controlled_nonrandomised", 114, None),
        ("S8", "S7", "human_controlled_nonrandomised", 114, None),
    )
    e = _effects(
        ("S7", "visual_acuity", "clinical_scale", "semax", "increase"),
        ("S8", "visual_acuity", "clinical_scale", "semax", "increase"),
    )
    frames = {
        "studies": s,
        "effects": e,
        "outcome_summary": pd.DataFrame(columns=RESOURCES["outcome_summary"]["fields"]),
    }
    row = outcome_summary(frames)["outcome_summary"].iloc[0]
    assert (row["n_studies"], row["n_subjects"], row["n_effects"]) == (1, 114, 2)
    assert row["independent_replication"] is False or not row["independent_replication"]
    assert row["grade"] == "very_low"  # low start, one cohort: imprecise, not replicated
