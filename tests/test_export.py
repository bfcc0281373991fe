import sqlite3

import pandas as pd
import pytest

from semax_evidence import export, load
from semax_evidence.metadata import FIELDS, RESOURCES


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return export.to_sqlite(tmp_path_factory.mktemp("x") / "semax.sqlite")


def _as_text(series, kind):
    if kind == "date":
        series = series.dt.strftime("%Y-%m-%d")
    if kind == "boolean":
        series = series.astype("Int64")
    return [None if pd.isna(v) else str(v) for v in series]


def test_sqlite_has_every_row_and_value(db, table):
    con = sqlite3.connect(db)
    frame = load(table)
    cursor = con.execute(f'SELECT * FROM "{table}"')
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    stored = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    assert len(rows) == len(frame)
    for col in RESOURCES[table]["fields"]:
        kind = FIELDS[col]["type"]
        expected = _as_text(frame[col], kind)
        got = [
            None
            if v is None
            else str(int(v))
            if kind in ("integer", "year", "boolean")
            else (repr(v) if isinstance(v, float) else str(v))
            for v in stored[col]
        ]
        if kind == "number":
            expected = [None if v is None else repr(float(v)) for v in expected]
        assert got == expected, f"{table}.{col}"


def test_sqlite_refuses_a_dangling_key(db):
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute(
            "INSERT INTO effects (effect_id, study_id, variant_id, outcome, measure, direction, location, "
            "source_id) VALUES ('E9999', 'S999', 'semax', 'bdnf', 'protein', 'increase', 'abstract', "
            "'article_000')"
        )
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT value FROM _metadata WHERE key = 'license'").fetchone() == ("CC-BY-4.0",)


def test_parquet_round_trips_typed_frames(tmp_path, table):
    export.to_parquet(tmp_path)
    back = pd.read_parquet(tmp_path / f"{table}.parquet")
    original = load(table)
    assert list(back.columns) == list(original.columns) and len(back) == len(original)
    for col in original.columns:
        if FIELDS[col]["type"] == "date":  # stored as calendar dates (date32): read back as dates
            back[col] = pd.to_datetime(back[col]).astype(original[col].dtype)
        assert str(back[col].dtype) == str(original[col].dtype), col
    pd.testing.assert_frame_equal(back, original, check_dtype=False, check_categorical=False)


def test_parquet_keeps_dates_as_dates_and_describes_each_column(tmp_path):
    import pyarrow.parquet as pq

    export.to_parquet(tmp_path)
    studies = pq.read_table(tmp_path / "studies.parquet")
    assert str(studies.schema.field("reviewed_on").type) == "date32[day]"
    field = studies.schema.field("n_total")
    assert field.metadata[b"description"].decode() == FIELDS["n_total"]["description"]
    assert studies.schema.metadata[b"license"] == b"CC-BY-4.0"
    grade = pq.read_table(tmp_path / "outcome_summary.parquet").schema.field("grade")
    assert grade.metadata[b"vocabulary"] == b"grade"


def test_claimreview_has_one_review_per_judged_claim_with_every_required_property(tmp_path):
    import json

    from semax_evidence.cli import main

    assert main(["export", "claimreview", "--out", str(tmp_path)]) == 0
    reviews = json.loads((tmp_path / "claimreview.jsonld").read_text())
    claims = load("claims")
    judged = claims[claims["verdict"].astype(str) != "not_checkable"]
    assert [r["identifier"] for r in reviews] == list(judged["claim_id"])
    for r in reviews:
        assert r["@type"] == "ClaimReview" and r["@context"] == "https://schema.org"
        assert r["claimReviewed"] and r["reviewBody"] and r["datePublished"]
        assert r["itemReviewed"]["@type"] == "Claim" and r["itemReviewed"]["appearance"]["url"].startswith("http")
        rating = r["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"] in {"supported", "overstated", "unsupported", "contradicted"}
        assert all(u.startswith("http") for u in r["citation"])
    c040 = next(r for r in reviews if r["identifier"] == "C040")
    assert c040["reviewRating"]["alternateName"] == "supported" and c040["citation"]
