import shutil
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
    as_json = run("--root", str(fixture), "validate", "--no-frictionless", "--format", "json")
    records = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and records
    assert all(set(r) == {"code", "table", "line", "column", "value", "message"} for r in records)
    assert {"foreign-key", "vocabulary", "date", "unique", "dose-range-ordered"} <= {r["code"] for r in records}
    as_csv = run("--root", str(fixture), "validate", "--no-frictionless", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["code"] for r in rows] == [r["code"] for r in records]


def run_in(cwd, *args):
    return subprocess.run([sys.executable, "-m", "semax_evidence.cli", *args], capture_output=True, text=True, cwd=cwd)


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
    # an installed copy: the package folder inside site-packages, with its bundled data in _package
    installed = tmp_path / "site-packages" / "semax_evidence"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", installed / "_package" / "data")
    shutil.copy(Path(__file__).resolve().parents[1] / "datapackage.json", installed / "_package")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    for command in ("build", "release"):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, pathlib; from semax_evidence import cli; "
                f"cli._default_root = lambda: pathlib.Path({str(installed / '_package')!r}); "
                f"cli.__file__ = {str(installed / 'cli.py')!r}; sys.exit(cli.main([{command!r}]))",
            ],
            capture_output=True,
            text=True,
            cwd=outside,
        )
        assert result.returncode == 2 and "read-only" in result.stderr, result.stderr
    assert list(outside.iterdir()) == []


def test_locate_walks_up_like_git(tmp_path, package_copy):
    from semax_evidence.cli import locate

    site = tmp_path / "site-packages" / "semax_evidence"
    installed = site / "_package"
    installed.mkdir(parents=True)
    deep = package_copy / "data" / "a" / "b"
    deep.mkdir(parents=True)
    assert locate(None, deep, installed, site) == (package_copy, True)
    other = tmp_path / "other"
    other.mkdir()
    (other / "datapackage.json").write_text('{"name": "another-package"}')  # not this dataset: walk on
    assert locate(None, other, installed, site) == (installed, False)
    assert locate(package_copy, other, installed, site) == (package_copy, True)
    checkout = tmp_path / "checkout"  # an editable install falls back on its checkout, which may be written
    checkout.mkdir()
    assert locate(None, other, checkout, site) == (checkout, True)


def test_build_refuses_an_invalid_package_and_erases_nothing(package_copy):
    set_cell(package_copy, "studies", 0, "design", "case_report")  # a word outside the vocabulary
    before = {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    for command in ("build", "release", "tables"):
        result = run("--root", str(package_copy), command)
        assert result.returncode == 1 and "[vocabulary]" in result.stdout and "refused" in result.stderr
    after = {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    assert after == before  # the value is still there, and nothing else was written


def test_build_writes_a_header_for_a_table_the_registry_adds(package_copy):
    (package_copy / "data" / "searches.csv").unlink()
    result = run("--root", str(package_copy), "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (package_copy / "data" / "searches.csv").read_text().startswith("search_id,database,query")
