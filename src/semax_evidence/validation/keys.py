"""Key checks: every foreign key names an existing row."""

from ..metadata import RESOURCES
from .problems import Problem, Table, isin


def foreign_key_problems(tables: dict[str, Table]) -> list[Problem]:
    out = []
    for name, table in tables.items():
        for col, ref in RESOURCES[name].get("foreign_keys", {}).items():
            if ref not in tables:
                continue
            key = RESOURCES[ref]["primary_key"][0]
            values = table.frame[col]
            dangling = values.notna() & ~isin(values, tables[ref].frame[key])
            out += table.problems(
                dangling, col, f"foreign key: no row of {ref} has {key} equal to this value", code="foreign-key"
            )
    return out
