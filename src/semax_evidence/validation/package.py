"""Validation of a package folder: file and column checks per table, keys, the semantic rules of the data,
metadata in sync with the registry, and Frictionless as the final word. Nothing is written."""

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..metadata import TABLES
from ..tableschema import bytes_facts, file_facts, table_schema
from ..tables import default_root, path
from .columns import schema_problems
from .files import read_checked
from .keys import foreign_key_problems
from .problems import Problem, Table, _text
from .rules import rule_problems


def metadata_problems(root: Path, facts: dict[str, dict] | None = None) -> list[Problem]:
    """schemas/*.json and datapackage.json must be what the registry and the CSV bytes say. `facts`:
    size and hash of CSVs already read, by table."""
    facts = facts or {}
    out = []
    for name in TABLES:
        file = root / "schemas" / f"{name}.schema.json"
        expected = table_schema(name)
        found = json.loads(file.read_text("utf-8")) if file.exists() else {}
        if found == expected:
            continue
        by_name = {f.get("name"): f for f in found.get("fields", [])}
        differing = [f["name"] for f in expected["fields"] if by_name.get(f["name"]) != f] or [""]
        for column in differing:
            out.append(Problem(name, None, column, f"schemas/{name}.schema.json",
                               "schema file differs from the registry (metadata.py); run `semax-evidence build`",
                               "schema-stale"))
    package_file = root / "datapackage.json"
    if not package_file.exists():
        return out + [Problem("datapackage", None, "", "datapackage.json", "the descriptor is missing", "descriptor-missing")]
    resources = {r["name"]: r for r in json.loads(package_file.read_text("utf-8"))["resources"]}
    for name in TABLES:
        csv = path(name, root)
        if name not in resources or not csv.exists():
            continue
        for key, actual in (facts.get(name) or file_facts(csv)).items():
            recorded = resources[name].get(key)
            if recorded != actual:
                out.append(Problem(name, None, "", str(recorded),
                                   f"datapackage.json {key} is stale (file has {actual}); run `semax-evidence build`",
                                   "descriptor-stale"))
    return out


def frictionless_problems(root: Path) -> list[Problem]:
    import frictionless

    report = frictionless.validate(str(root / "datapackage.json"))
    out = []
    for task in report.tasks:
        for err in task.errors:
            out.append(Problem(task.name or "datapackage", getattr(err, "row_number", None),
                               getattr(err, "field_name", "") or "", _text(getattr(err, "cell", "")),
                               f"frictionless {err.type}: {err.note}", "frictionless"))
    for err in report.errors:
        out.append(Problem("datapackage", None, "", "", f"frictionless {err.type}: {err.note}", "frictionless"))
    return out


def _size(file: Path) -> int:
    return file.stat().st_size if file.exists() else 0


def validate(root: Path | str | None = None, frictionless: bool = True) -> list[Problem]:
    """All problems of the package under `root`, in table and line order. Empty list: valid."""
    root = Path(root) if root else default_root()
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    hashing = {}
    with ThreadPoolExecutor(1) as background, ThreadPoolExecutor(2) as workers:
        # hashing the bytes for the descriptor check needs no parsed table, so it overlaps the parsing

        def check_table(name: str) -> tuple[Table | None, list[Problem]]:
            table, found = read_checked(name, root, lambda raw: hashing.setdefault(name, background.submit(
                bytes_facts, raw)))
            return table, found + (schema_problems(table) if table is not None else [])

        # two tables at a time, the biggest first: one table's Python-bound checks run while the other's
        # parse or Arrow kernels hold no lock
        by_size = sorted(TABLES, key=lambda n: _size(path(n, root)), reverse=True)
        results = dict(zip(by_size, workers.map(check_table, by_size)))
        for name in TABLES:
            table, found = results[name]
            problems += found
            if table is not None:
                tables[name] = table
        keys = workers.submit(foreign_key_problems, tables)  # Arrow lookups, beside the pandas rules
        problems += rule_problems(tables) + keys.result()
        problems += metadata_problems(root, {name: future.result() for name, future in hashing.items()})
    if frictionless and not problems:
        # Frictionless repeats what the checks above find, slower; it runs as the final word on a clean package.
        problems += frictionless_problems(root)
    return sorted(set(problems), key=lambda p: (p.table, p.line or 0, p.column, p.rule, p.value))
