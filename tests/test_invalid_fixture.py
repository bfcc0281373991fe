"""A committed invalid package and the exact list of errors it must produce (frictionless-py style)."""

import csv
import json
import subprocess
import sys
from pathlib import Path

from semax_evidence import validate
from semax_evidence.tableschema import table_schema

FIXTURE = Path(__file__).parent / "fixtures" / "invalid_package"


def test_fixture_schemas_are_current(table):
    schema = json.loads((FIXTURE / "schemas" / f"{table}.schema.json").read_text())
    assert schema == table_schema(table), "run `python scripts/make_invalid_fixture.py` after a registry change"


def test_exact_error_table():
    with open(FIXTURE / "expected_errors.csv", newline="") as fh:
        expected = [(r["table"], int(r["line"]), r["column"], r["value"], r["rule"]) for r in csv.DictReader(fh)]
    found = [(p.table, p.line, p.column, p.value, p.rule) for p in validate(FIXTURE)]
    assert found == expected


def test_cli_exits_1_and_names_each_fault():
    run = subprocess.run(
        [sys.executable, "-m", "semax_evidence.cli", "--root", str(FIXTURE), "validate"], capture_output=True, text=True
    )
    assert run.returncode == 1
    for needle in ["S999", "'true'", "2025-02-30", "must be unique", "dose_min must not exceed dose_max"]:
        assert needle in run.stdout, f"{needle!r} missing from:\n{run.stdout}"
