import pandas as pd

import semax_evidence as se
from helpers import set_cell


def test_list_tables_and_path():
    assert se.list_tables() == ["variants", "studies", "effects", "sources", "claims", "doses", "outcome_summary"]
    assert se.path("studies").name == "studies.csv" and se.path("studies").exists()


def test_unknown_table_is_a_clear_error():
    try:
        se.load("nope")
    except KeyError as err:
        assert "tables are" in str(err)
    else:
        raise AssertionError("load('nope') should fail")


def test_text_like_missing_markers_are_kept(package_copy):
    # pandas' defaults would turn these into NaN; the package reads them as the text they are.
    for i, marker in enumerate(["NA", "None", "null"]):
        set_cell(package_copy, "variants", i, "notes", marker)
    notes = se.load("variants", root=package_copy)["notes"]
    assert notes.iloc[:3].tolist() == ["NA", "None", "null"]


def test_load_all_returns_every_table():
    frames = se.load_all()
    assert set(frames) == set(se.list_tables())
    assert all(isinstance(f, pd.DataFrame) for f in frames.values())


def test_booleans_and_dates_are_typed(package_copy):
    set_cell(package_copy, "variants", 0, "structure_defined", "false")
    frame = se.load("variants", root=package_copy)
    assert frame["structure_defined"].iloc[0] is False or frame["structure_defined"].iloc[0] == False  # noqa: E712
