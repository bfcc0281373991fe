"""Fuzzing: bytes of the real CSVs and descriptor mutated at random. validate must answer with problems, never
raise, and whatever it accepts must load and write back byte for byte."""

import json
import shutil

from helpers import refresh_descriptor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from semax_evidence import load, validate
from semax_evidence.metadata import TABLES
from semax_evidence.tables import to_csv_bytes

FILES = [f"data/{t}.csv" for t in TABLES] + ["datapackage.json"]
INTERESTING = [b",", b'"', b"\n", b"\r", b"\x00", b" ", b"\xc3\xa9", b"\xe2\x80\x8b", b"=", b"-", b"1", b"e", b"\xff"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    file=st.sampled_from(FILES),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
    action=st.sampled_from(["replace", "insert", "delete"]),
    insert=st.sampled_from(INTERESTING),
)
def test_mutated_package_is_judged_never_crashes(repo, tmp_path_factory, file, where, action, insert):
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("data", "schemas"):
        shutil.copytree(repo / name, root / name)
    shutil.copy(repo / "datapackage.json", root)
    target = root / file
    data = target.read_bytes()
    at = int(where * len(data))
    if action == "replace":
        data = data[:at] + insert + data[at + 1 :]
    elif action == "insert":
        data = data[:at] + insert + data[at:]
    else:
        data = data[:at] + data[at + 1 :]
    target.write_bytes(data)
    if file != "datapackage.json":
        try:  # record the new hash, so that only the mutation itself is judged
            json.loads((root / "datapackage.json").read_text())
            refresh_descriptor(root)
        except ValueError:
            pass
    problems = validate(root, frictionless=False)  # must not raise
    assert all(p.code != "unknown" for p in problems)
    if not problems:  # accepted: it must load, and write back the same bytes
        for table in TABLES:
            assert to_csv_bytes(load(table, root), table) == (root / "data" / f"{table}.csv").read_bytes(), table
