"""Fault injection: each ordinary fault, alone on a copy of the real package, is caught by validate
with a message naming table, line, column, value and rule."""

import pytest

from faults import FAULTS
from semax_evidence import validate

RESULTS = []


def _matches(problem, where, rule):
    table, line, column, value = where
    return (problem.table == table and problem.line == line and (column is None or problem.column == column)
            and (value is None or problem.value == value) and rule in problem.rule)


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault_is_caught_precisely(name, package_copy):
    where, rule = FAULTS[name](package_copy)
    problems = validate(package_copy, frictionless=False)
    hit = next((p for p in problems if _matches(p, where, rule)), None)
    RESULTS.append((name, hit is not None, str(hit) if hit else "; ".join(map(str, problems[:3]))))
    assert hit is not None, f"{name}: expected {where} '{rule}', got:\n" + "\n".join(map(str, problems))


def test_real_package_has_zero_problems(repo):
    assert validate(repo) == []
