"""Nothing is lost: naive readers see the same text, the writer round-trips bytes, writes are atomic."""

import os
import stat

import pandas as pd
import pytest

from semax_evidence import load, path, tables
from semax_evidence.metadata import FIELDS, RESOURCES


def test_naive_read_csv_sees_the_same_text(table):
    naive, typed = pd.read_csv(path(table)), load(table)
    assert list(naive.columns) == list(typed.columns)
    for col in RESOURCES[table]["fields"]:
        if FIELDS[col]["type"] != "string":
            continue
        expected = [None if pd.isna(v) else str(v) for v in typed[col]]
        # an all-digit identifier column with gaps comes back as float: the digits must survive
        seen = [
            None if pd.isna(v) else str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
            for v in naive[col]
        ]
        assert seen == expected, f"{table}.{col}: a naive reader would see different values"


def test_writer_round_trips_bytes(table):
    original = path(table).read_bytes()
    assert tables.to_csv_bytes(load(table), table) == original


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    target.write_bytes(b"old\n")

    class Boom(Exception):
        pass

    def broken_fsync(fd):
        raise Boom("power cut")

    monkeypatch.setattr(tables.os, "fsync", broken_fsync)
    with pytest.raises(Boom):
        tables.atomic_write(target, b"new content that must not half-land\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"], "temporary file left behind"


def test_build_writes_atomically(package_copy, monkeypatch):
    from semax_evidence import build

    before = {p: p.read_bytes() for p in (package_copy / "data").iterdir()}

    def fail(*args, **kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(tables.os, "replace", fail)
    (package_copy / "data" / "claims.csv").write_bytes(before[package_copy / "data" / "claims.csv"] + b"")
    with pytest.raises(RuntimeError):
        # force a rewrite: a stale descriptor makes build write it
        (package_copy / "datapackage.json").write_text("{}")
        build.build(package_copy)
    after = {p: p.read_bytes() for p in (package_copy / "data").iterdir() if not p.name.startswith(".")}
    assert after == before and not list((package_copy / "data").glob(".*.tmp"))


def test_written_files_get_ordinary_permissions(tmp_path):
    # a new file gets what open() would give (0666 less the umask), a rewritten one keeps its mode
    old = os.umask(0o022)
    try:
        tables.atomic_write(tmp_path / "new.csv", b"a\n")
        assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644
        (tmp_path / "new.csv").chmod(0o664)
        tables.atomic_write(tmp_path / "new.csv", b"b\n")
        assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o664
    finally:
        os.umask(old)


def test_a_build_that_fails_while_staging_changes_nothing(tmp_path, monkeypatch):
    files = {tmp_path / name: f"new {name}\n".encode() for name in ("a.csv", "b.csv", "c.csv")}
    for target in files:
        target.write_bytes(b"old\n")
    real_stage, calls = tables.stage, []

    def stage_then_fail(target, data):
        calls.append(target)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_stage(target, data)

    monkeypatch.setattr(tables, "stage", stage_then_fail)
    with pytest.raises(OSError):
        tables.write_all(files)
    assert all(t.read_bytes() == b"old\n" for t in files), "a target changed before every file was staged"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv", "c.csv"], "temporary file left behind"


def test_build_removes_temporaries_an_interrupted_build_left(package_copy):
    from semax_evidence import build

    leftover = package_copy / "data" / ".claims.csv.abc123.tmp"
    leftover.write_bytes(b"half")
    build.build(package_copy)
    assert not leftover.exists()
