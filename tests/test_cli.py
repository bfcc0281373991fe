import subprocess
import sys
from pathlib import Path

import pandas as pd

from helpers import edit, set_cell


def run(*args):
    return subprocess.run([sys.executable, "-m", "semax_evidence.cli", *args], capture_output=True, text=True)


def test_real_package_is_valid(repo):
    result = run("--root", str(repo), "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_build_check_passes_on_real_package(repo):
    result = run("--root", str(repo), "build", "--check")
    assert result.returncode == 0, result.stdout


def test_four_faults_in_a_copy_are_each_named(package_copy):
    set_cell(package_copy, "effects", 0, "study_id", "S999")
    edit(package_copy, "studies", lambda f: pd.concat([f, f.iloc[[0]]], ignore_index=True))
    set_cell(package_copy, "claims", 0, "verdict", "mostly_true")
    set_cell(package_copy, "studies", 1, "reviewed_on", "2024-13-01")
    result = run("--root", str(package_copy), "validate")
    assert result.returncode == 1
    out = result.stdout
    assert "effects: line 2: column study_id: value 'S999': foreign key" in out
    assert "column study_id" in out and "must be unique" in out
    assert "claims: line 2: column verdict: value 'mostly_true': must be one of" in out
    assert "studies: line 3: column reviewed_on: value '2024-13-01': must be a real calendar date" in out


def test_validation_writes_nothing(package_copy):
    before = {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    set_cell(package_copy, "claims", 0, "verdict", "mostly_true")
    edited = {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    run("--root", str(package_copy), "validate")
    assert {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()} == edited != before


def test_validate_prints_problems_as_json_and_csv_records():
    import csv
    import io
    import json
    fixture = Path(__file__).parent / "fixtures" / "invalid_package"
    as_json = subprocess.run([sys.executable, "-m", "semax_evidence.cli", "--root", str(fixture), "validate",
                              "--no-frictionless", "--format", "json"], capture_output=True, text=True)
    records = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and records
    assert all(set(r) == {"code", "table", "line", "column", "value", "message"} for r in records)
    assert {"foreign-key", "vocabulary", "date", "unique", "dose-range-ordered"} <= {r["code"] for r in records}
    as_csv = subprocess.run([sys.executable, "-m", "semax_evidence.cli", "--root", str(fixture), "validate",
                             "--no-frictionless", "--format", "csv"], capture_output=True, text=True)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["code"] for r in rows] == [r["code"] for r in records]


def run_in(cwd, *args):
    return subprocess.run([sys.executable, "-m", "semax_evidence.cli", *args], capture_output=True, text=True,
                          cwd=cwd)


def test_validate_finds_the_package_it_stands_in(package_copy):
    set_cell(package_copy, "effects", 0, "study_id", "S999")
    (package_copy / "data" / "sub").mkdir()
    result = run_in(package_copy / "data" / "sub", "validate", "--no-frictionless")
    assert result.returncode == 1 and "S999" in result.stdout and "[foreign-key]" in result.stdout


def test_a_folder_that_is_not_a_package_gets_one_line(tmp_path):
    result = run("--root", str(tmp_path), "validate")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == f"no package here: {tmp_path} holds no datapackage.json"


def test_writing_commands_refuse_the_installed_copy(tmp_path):
    for command in ("build", "release"):
        result = run_in(tmp_path, command)
        assert result.returncode == 2 and "read-only" in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_locate_walks_up_like_git(tmp_path, package_copy):
    from semax_evidence.cli import locate
    installed = tmp_path / "installed"
    installed.mkdir()
    deep = package_copy / "data" / "a" / "b"
    deep.mkdir(parents=True)
    assert locate(None, deep, installed) == (package_copy, True)
    other = tmp_path / "other"
    other.mkdir()
    (other / "datapackage.json").write_text('{"name": "another-package"}')  # not this dataset: walk on
    assert locate(None, other, installed) == (installed, False)
    assert locate(package_copy, other, installed) == (package_copy, True)
