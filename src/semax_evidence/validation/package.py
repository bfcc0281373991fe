"""Validation of a package folder: file and column checks per table, keys, the semantic rules of the data,
metadata in sync with the registry, and Frictionless as the final word. Nothing is written."""

import csv as csv_module
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..metadata import RESOURCES, TABLES
from ..tables import default_root, path
from ..tableschema import bytes_facts, file_facts, table_schema
from .columns import schema_problems
from .files import file_problem, read_checked
from .keys import foreign_key_problems
from .problems import Problem, Table, _text
from .rules import rule_problems


def _read_json(file: Path, table: str, root: Path) -> tuple[object | None, list[Problem]]:
    """A JSON file's content, or the problem that keeps it from being read."""
    shown = str(file.relative_to(root))
    if (problem := file_problem(table, file, root)) is not None:
        return None, [problem]
    try:
        return json.loads(file.read_bytes().decode("utf-8")), []
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        return None, [Problem(table, None, "", shown, f"is not valid JSON ({str(err)[:120]})", "not-json")]


def descriptor_problems(root: Path, descriptor) -> list[Problem]:
    """The descriptor's shape: an object whose resources are exactly the package's tables, each at its own
    path and schema inside the package (so that nothing else is read, and nothing is fetched)."""
    shown = "datapackage.json"
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [
            Problem(
                "datapackage", None, "resources", shown, "must be a JSON object with a list of resources", "not-json"
            )
        ]
    out, seen = [], []
    for i, res in enumerate(descriptor["resources"]):
        where = f"resources[{i}]"
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            out.append(
                Problem("datapackage", None, where, shown, "a resource must be an object with a name", "not-json")
            )
            continue
        name = res["name"]
        if name in seen:
            out.append(
                Problem("datapackage", None, where, name, "the resource is listed twice", "descriptor-resources")
            )
        seen.append(name)
        if name not in TABLES:
            out.append(
                Problem("datapackage", None, where, name, "is not a table of the package", "descriptor-resources")
            )
            continue
        for key, expected in (("path", f"data/{name}.csv"), ("schema", f"schemas/{name}.schema.json")):
            if res.get(key) != expected:
                out.append(
                    Problem(
                        name,
                        None,
                        f"{where}.{key}",
                        str(res.get(key))[:200],
                        f"must be {expected} (inside the package, never a URL)",
                        "descriptor-resources",
                    )
                )
    for name in TABLES:
        if name not in seen:
            out.append(
                Problem(name, None, "", shown, "the descriptor does not list this table", "descriptor-resources")
            )
    described = {f"{n}.csv" for n in TABLES}
    data = root / "data"
    if data.is_dir():
        for extra in sorted(p.name for p in data.iterdir() if p.suffix == ".csv" and p.name not in described):
            out.append(
                Problem(
                    "datapackage",
                    None,
                    "",
                    f"data/{extra}",
                    "a CSV in data/ that the descriptor does not list",
                    "undescribed-file",
                )
            )
    return out


def metadata_problems(root: Path, facts: dict[str, dict] | None = None) -> list[Problem]:
    """schemas/*.json and datapackage.json must be what the registry and the CSV bytes say. `facts`:
    size and hash of CSVs already read, by table."""
    facts = facts or {}
    out = []
    for name in TABLES:
        file = root / "schemas" / f"{name}.schema.json"
        expected = table_schema(name)
        found, problems = _read_json(file, name, root) if file.exists() else ({}, [])
        out += problems
        if problems or found == expected:
            continue
        fields = found.get("fields", []) if isinstance(found, dict) else []
        by_name = {f.get("name"): f for f in fields if isinstance(f, dict)}
        differing = [f["name"] for f in expected["fields"] if by_name.get(f["name"]) != f] or [""]
        for column in differing:
            out.append(
                Problem(
                    name,
                    None,
                    column,
                    f"schemas/{name}.schema.json",
                    "schema file differs from the registry (metadata.py); run `semax-evidence build`",
                    "schema-stale",
                )
            )
    package_file = root / "datapackage.json"
    if not package_file.exists():
        return out + [
            Problem("datapackage", None, "", "datapackage.json", "the descriptor is missing", "descriptor-missing")
        ]
    descriptor, problems = _read_json(package_file, "datapackage", root)
    shape = problems or descriptor_problems(root, descriptor)
    if shape:
        return out + shape
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name in TABLES:
        csv = path(name, root)
        if name not in resources or file_problem(name, csv, root) is not None:
            continue
        for key, actual in (facts.get(name) or file_facts(csv)).items():
            recorded = resources[name].get(key)
            if recorded != actual:
                out.append(
                    Problem(
                        name,
                        None,
                        "",
                        str(recorded),
                        f"datapackage.json {key} is stale (file has {actual}); run `semax-evidence build`",
                        "descriptor-stale",
                    )
                )
    return out


def derived_problems(root: Path) -> list[Problem]:
    """Derived values as build computes them: a value edited by hand, or a build not rerun after an edit, is a
    problem at its line and column. Needs the build extra (without it, nothing is recomputed here)."""
    try:
        from ..derive import derive_all
    except ModuleNotFoundError:
        return []
    from ..tables import load, to_csv_bytes

    frames = derive_all({name: load(name, root) for name in TABLES})
    out = []
    for name in TABLES:
        written, computed = path(name, root).read_bytes(), to_csv_bytes(frames[name], name)
        if written == computed:
            continue
        old, new = written.decode("utf-8").split("\n"), computed.decode("utf-8").split("\n")
        line = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)) - 1)
        a = next(csv_module.reader([old[line]]), []) if line < len(old) else []
        b = next(csv_module.reader([new[line]]), []) if line < len(new) else []
        fields = RESOURCES[name]["fields"]
        col = next((fields[i] for i in range(min(len(a), len(b), len(fields))) if a[i] != b[i]), "")
        shown = a[fields.index(col)] if col and col in fields and fields.index(col) < len(a) else ""
        wanted = b[fields.index(col)] if col and col in fields and fields.index(col) < len(b) else ""
        out.append(
            Problem(
                name,
                line + 1,
                col,
                shown,
                f"differs from what build computes ({wanted!r}): a derived "
                "value edited by hand, or a build not rerun after an edit",
                "derived-stale",
            )
        )
    return out


def empty_table_problems(tables: dict[str, Table]) -> list[Problem]:
    """A curated table emptied to its header has lost its data (derived tables may be empty)."""
    return [
        Problem(name, None, "", "", "the table holds no rows", "empty-table")
        for name, table in tables.items()
        if table.frame.empty and not RESOURCES[name].get("derived")
    ]


def frictionless_problems(root: Path) -> list[Problem]:
    import frictionless

    try:
        report = frictionless.validate(str(root / "datapackage.json"))
    except Exception as err:  # the second opinion failing is itself a finding, never a traceback
        return [
            Problem("datapackage", None, "", "", f"Frictionless could not check the package: {err}", "frictionless")
        ]
    out = []
    for task in report.tasks:
        for err in task.errors:
            out.append(
                Problem(
                    task.name or "datapackage",
                    getattr(err, "row_number", None),
                    getattr(err, "field_name", "") or "",
                    _text(getattr(err, "cell", "")),
                    f"frictionless {err.type}: {err.note}",
                    "frictionless",
                )
            )
    for err in report.errors:
        out.append(Problem("datapackage", None, "", "", f"frictionless {err.type}: {err.note}", "frictionless"))
    return out


def _size(file: Path) -> int:
    return file.stat().st_size if file.exists() else 0


def validate(root: Path | str | None = None, frictionless: bool = True, derived: bool | None = None) -> list[Problem]:
    """All problems of the package under `root`, in table and line order. Empty list: valid.

    On a package with no other problem, two slower final passes follow: the derived values recomputed as build
    computes them (`derived`, by default as `frictionless`; needs the build extra) and Frictionless."""
    root = Path(root) if root else default_root()
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    hashing = {}
    with ThreadPoolExecutor(1) as background, ThreadPoolExecutor(2) as workers:
        # hashing the bytes for the descriptor check needs no parsed table, so it overlaps the parsing

        def check_table(name: str) -> tuple[Table | None, list[Problem]]:
            table, found = read_checked(
                name, root, lambda raw: hashing.setdefault(name, background.submit(bytes_facts, raw))
            )
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
        problems += rule_problems(tables) + keys.result() + empty_table_problems(tables)
        problems += metadata_problems(root, {name: future.result() for name, future in hashing.items()})
    if (frictionless if derived is None else derived) and not problems:
        problems += derived_problems(root)
    if frictionless and not problems:
        # Frictionless repeats what the checks above find, slower; it runs as the final word on a clean package.
        problems += frictionless_problems(root)
    return sorted(set(problems), key=lambda p: (p.table, p.line or 0, p.column, p.rule, p.value))
