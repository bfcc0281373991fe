"""The real data: every table passes its schema, keys and rules; the loader gives typed columns."""

import pandas as pd
import pandas.api.types as pdt

from semax_evidence import load
from semax_evidence.metadata import FIELDS, RESOURCES, TABLES
from semax_evidence.validation.columns import schema_problems
from semax_evidence.validation.files import read_checked
from semax_evidence.validation.keys import foreign_key_problems
from semax_evidence.validation.rules import rule_problems


def _tables(repo):
    return {name: read_checked(name, repo)[0] for name in TABLES}


def test_table_reads_cleanly(repo, table):
    frame, problems = read_checked(table, repo)
    assert problems == [] and frame is not None


def test_table_passes_its_schema(repo, table):
    problems = schema_problems(read_checked(table, repo)[0])
    assert problems == [], "\n".join(map(str, problems))


def test_table_foreign_keys_resolve(repo, table):
    problems = [p for p in foreign_key_problems(_tables(repo)) if p.table == table]
    assert problems == [], "\n".join(map(str, problems))


def test_table_semantic_rules_hold(repo, table):
    problems = [p for p in rule_problems(_tables(repo)) if p.table == table]
    assert problems == [], "\n".join(map(str, problems))


def test_loader_dtypes(table):
    frame = load(table)
    assert list(frame.columns) == RESOURCES[table]["fields"]
    for col in frame.columns:
        spec, dtype = FIELDS[col], frame[col].dtype
        if spec["type"] in ("integer", "year"):
            assert dtype == "Int64", col
        elif spec["type"] == "number":
            assert dtype == "Float64", col
        elif spec["type"] == "boolean":
            assert dtype == "boolean", col
        elif spec["type"] == "date":
            assert pdt.is_datetime64_any_dtype(dtype), col
        elif "enum" in spec:
            assert isinstance(dtype, pd.CategoricalDtype), col
        else:
            assert pdt.is_string_dtype(dtype), col
