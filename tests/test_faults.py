"""Fault injection: each ordinary fault, alone on a copy of the real package, is caught by validate
with a message naming table, line, column, value and rule."""

import pytest
from faults import FAULTS

from semax_evidence import validate
from semax_evidence.validation import columns
from semax_evidence.validation.problems import CODES
from semax_evidence.validation.rules import RULES, rule_code

KNOWN_CODES = set(CODES) | {rule_code(f) for f in RULES}

RESULTS = []


def _matches(problem, where, code):
    table, line, column, value = where
    return (
        problem.table == table
        and problem.line == line
        and (column is None or problem.column == column)
        and (value is None or problem.value == value)
        and problem.code == code
    )


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault_is_caught_precisely(name, package_copy):
    where, code = FAULTS[name](package_copy)
    problems = validate(package_copy, frictionless=False)
    hit = next((p for p in problems if _matches(p, where, code)), None)
    RESULTS.append((name, hit is not None, str(hit) if hit else "; ".join(map(str, problems[:3]))))
    assert hit is not None, f"{name}: expected {where} code {code!r}, got:\n" + "\n".join(map(str, problems))
    assert {p.code for p in problems} <= KNOWN_CODES, "a problem without a catalogued code"


def test_real_package_has_zero_problems(repo):
    assert validate(repo) == []


@pytest.mark.parametrize("name", list(FAULTS))
def test_parallel_column_checks_find_the_same_problems(name, package_copy, monkeypatch):
    # big tables split their columns over threads; forcing the split on the small real tables must
    # change nothing in what is found
    FAULTS[name](package_copy)
    serial = validate(package_copy, frictionless=False)
    monkeypatch.setattr(columns, "PARALLEL_ROWS", 0)
    assert validate(package_copy, frictionless=False) == serial


def test_each_rule_is_registered_once():
    names = [f.__name__ for f in RULES]
    assert len(names) == len(set(names)), "a rule is defined twice"


def test_a_derived_value_edited_by_hand_is_reported(package_copy):
    from helpers import set_cell

    from semax_evidence.tables import read_raw

    grades = read_raw("outcome_summary", package_copy)["grade"]
    edited = "high" if grades.iloc[0] != "high" else "low"
    set_cell(package_copy, "outcome_summary", 0, "grade", edited)
    assert not validate(package_copy, frictionless=False)  # a valid word: only the recomputation sees it
    problems = validate(package_copy, frictionless=False, derived=True)
    assert [(p.table, p.line, p.column, p.value, p.code) for p in problems] == [
        ("outcome_summary", 2, "grade", edited, "derived-stale")
    ]
