"""The rubrics pinned on hand-built rows: a change of behaviour must be a deliberate rubric version bump."""

import json

import pandas as pd

from semax_evidence import load
from semax_evidence.rubric import RUBRIC_VERSION, grade, reliability_tier, risk_of_bias_flags

BLANK = {"source_type": "popular_article", "peer_reviewed": False, "is_regulator": False,
         "cites_primary_with_identifiers": False, "discloses_author": False, "discloses_date": False,
         "has_prices": False, "has_order_links": False, "has_affiliate_links": False, "names_vendors": False,
         "anecdote_share": "none"}


def src(**kw):
    return {**BLANK, **kw}


def test_tiers_on_hand_built_rows():
    assert reliability_tier(src(source_type="publication", peer_reviewed=True)) == "A"
    assert reliability_tier(src(source_type="regulatory", is_regulator=True)) == "A"
    referenced = src(source_type="encyclopedia", cites_primary_with_identifiers=True, discloses_date=True)
    assert reliability_tier(referenced) == "B"
    assert reliability_tier({**referenced, "has_prices": True}) == "C"   # commerce costs the B tier
    assert reliability_tier(src(has_prices=True, names_vendors=True, discloses_author=True)) == "D"
    assert reliability_tier(src(cites_primary_with_identifiers=True)) == "C"
    assert reliability_tier(src(anecdote_share="high", discloses_author=True)) == "D"
    assert reliability_tier(src(source_type="publication", peer_reviewed=None)) == "D"


def test_risk_of_bias_flags_on_hand_built_rows():
    rct = {"design": "human_rct", "randomised": True, "blinded": True, "placebo_controlled": True, "n_total": 120,
           "developer_affiliated": False, "verification": "primary_page", "read_depth": "full_text"}
    assert risk_of_bias_flags(rct) == ""
    weak = {**rct, "randomised": pd.NA, "blinded": False, "n_total": 24, "developer_affiliated": True}
    assert risk_of_bias_flags(weak).split(";") == ["randomisation_not_reported", "not_blinded", "small_sample",
                                                  "developer_affiliated"]
    rat = {"design": "animal_in_vivo", "randomised": pd.NA, "blinded": pd.NA, "n_total": pd.NA,
           "verification": "unresolved", "read_depth": "secondary_description"}
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
