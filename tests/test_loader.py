import csv
import subprocess
import sys

import pandas as pd
import pytest
from helpers import set_cell
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import semax_evidence as se
from semax_evidence import tables


def test_list_tables_and_path():
    assert se.list_tables() == [
        "variants",
        "studies",
        "effects",
        "sources",
        "claims",
        "claim_evidence",
        "doses",
        "searches",
        "records",
        "outcome_summary",
        "prisma_flow",
    ]
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


def _pandas_text(file):
    # the plain way to read every cell as text: pandas' dtype=str reader (a blank line kept as a row, so that
    # rows keep their line numbers)
    return pd.read_csv(
        file,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
        index_col=False,
        skip_blank_lines=False,
    )


def test_fast_readers_equal_the_pandas_reader(table):
    # read_text writes cells straight into Arrow strings and load parses types as it reads; the plain
    # dtype=str read is the reference they must equal
    file = tables.path(table)
    text = _pandas_text(file)
    pd.testing.assert_frame_equal(tables.read_text(file), text)
    pd.testing.assert_frame_equal(se.load(table), tables.typed(text, table))


# Quotes, commas, quoted line feeds and carriage returns, padding and non-ASCII text must all read the same.
CELL = st.text(alphabet=st.sampled_from(list('ab ,"\n\r;µЖ-=NA.0')), max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=5))
def test_text_reader_equals_pandas_on_any_cells(tmp_path, rows):
    file = tmp_path / "t.csv"
    with open(file, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([["a", "b", "c"], *rows])
    pd.testing.assert_frame_equal(tables.read_text(file), _pandas_text(file))


def test_malformed_file_gets_a_warning_or_a_located_error(tmp_path):
    file = tmp_path / "t.csv"
    file.write_text("a,b\n1,2,3\n", encoding="utf-8")
    with pytest.warns(pd.errors.ParserWarning, match="Length of header or names does not match"):
        tables.read_text(file)
    file.write_text('a,b\n"x,4\n', encoding="utf-8")
    with pytest.raises(pd.errors.ParserError, match="EOF inside string starting at row 1"):
        tables.read_text(file)


def test_a_plain_load_imports_nothing_heavy():
    # validation, units, chemistry, downloads and plotting load only when asked for
    code = (
        "import sys, semax_evidence as s; s.load_all(); "
        "print(','.join(m for m in ('pandera', 'frictionless', 'pint', 'pyteomics', 'pooch', 'stdnum', "
        "'matplotlib', 'datasette') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"imported by a plain load: {out.stdout.strip()}"


@pytest.mark.parametrize(
    "cells",
    [["007", "1.50"], ["true", "false"], ["NaN", "1"], ["inf", "-0"], ["", ""]],
    ids=["digits", "booleans", "nan-text", "inf-text", "empty"],
)
def test_text_columns_that_look_typed_load_as_written(package_copy, cells):
    # pandas' inference would turn such a column into numbers or booleans; load must keep the text
    frame = tables.read_raw("variants", package_copy)
    frame["notes"] = [cells[i % 2] or None for i in range(len(frame))]
    tables.write(frame, "variants", package_copy)
    assert tables._typed_fast(tables.path("variants", package_copy), "variants") is not None, "took the slow path"
    notes = se.load("variants", root=package_copy)["notes"]
    assert str(notes.dtype) == "string"
    assert notes.tolist() == [cells[i % 2] or pd.NA for i in range(len(frame))]


def test_empty_columns_load_like_the_exact_path(package_copy, table):
    # pandas infers an all-empty column (enum, date or text alike) as float; the fast path must still
    # give what the exact path gives
    frame = tables.read_raw(table, package_copy)
    frame[frame.columns[1:]] = None
    tables.write(frame, table, package_copy)
    file = tables.path(table, package_copy)
    fast = tables._typed_fast(file, table)
    assert fast is not None, "took the slow path"
    pd.testing.assert_frame_equal(fast, tables.typed(tables.read_text(file), table))


def test_readme_lists_a_claim_with_its_evidence_in_one_line():
    rows = (
        se.load("claims")
        .merge(se.load("claim_evidence"), on="claim_id")
        .query("claim_id == 'C040'")[["claim", "verdict", "role", "target_table", "target_id"]]
    )
    assert {"S104", "E1025"} <= set(rows["target_id"]) and set(rows["verdict"].astype(str)) == {"supported"}


BLOCK_OPTIONAL = """
import sys
BLOCKED = {"pandera", "frictionless", "pint", "pyteomics", "stdnum", "yaml", "datasette", "matplotlib"}
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
"""


def test_a_core_only_install_loads_every_table(repo):
    # the optional modules are made unimportable, as in an install without extras
    code = BLOCK_OPTIONAL + "import semax_evidence as se\nprint(sum(len(f) for f in se.load_all().values()))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == sum(len(se.load(t)) for t in se.list_tables())


def test_a_command_names_the_extra_it_needs(repo):
    code = BLOCK_OPTIONAL + "from semax_evidence.cli import main\nsys.exit(main(['validate']))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo)
    assert result.returncode == 2
    assert "pip install 'semax-evidence[validate]'" in result.stderr and "Traceback" not in result.stderr
