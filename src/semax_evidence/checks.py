"""Validation of the package: file encoding and layout, pandera schemas, foreign keys, the semantic
rules of the data, metadata in sync with the registry, and Frictionless. Nothing is written."""

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .io import default_root, is_ascii, map_file, path, read_text
from .metadata import RESOURCES, TABLES
from .tableschema import bytes_facts, file_facts, table_schema

PANDERA_RULES = {
    "not_nullable": "a value is required",
    "multiple_fields_uniqueness": "the key {key} must be unique: another row has the same values",
}


@dataclass(frozen=True, order=True)
class Problem:
    table: str
    line: int | None
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{self.table}: {where}: column {self.column or '-'}: value {self.value!r}: {self.rule}"


@dataclass
class Table:
    """A table read as text. `lines` gives the CSV line on which each row starts (worked out only when a
    problem needs it)."""
    name: str
    frame: pd.DataFrame

    @cached_property
    def lines(self) -> pd.Series:
        return _line_numbers(self.frame)

    def problems(self, mask: pd.Series, column: str, rule: str, values: pd.Series | None = None):
        values = self.frame[column] if values is None else values
        for idx in mask[mask.fillna(False).astype(bool)].index:
            yield Problem(self.name, int(self.lines[idx]), column, _text(values[idx]), rule)


def isin(values: pd.Series, allowed: pd.Series) -> pd.Series:
    """values.isin(allowed) by Arrow's hash lookup: pandas first turns a large set of strings into Python
    objects, which made key checks the slowest step on big tables. Missing values are never in."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    hay = pa.array(allowed.astype("str").dropna().unique(), type=pa.large_string())
    found = pc.is_in(pa.array(values.astype("str").array, type=pa.large_string()), value_set=hay)
    return pd.Series(np.asarray(found.fill_null(False)), index=values.index)


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else str(value)


def _line_numbers(frame: pd.DataFrame) -> pd.Series:
    # A quoted cell may hold newlines: the next row then starts further down the file.
    if frame.empty:
        return pd.Series([], dtype="int64")
    newlines = sum(frame[c].fillna("").str.count("\n") for c in frame.columns)
    return (2 + pd.Series(range(len(frame)), index=frame.index) + newlines.cumsum().shift(fill_value=0)).astype(int)


def _parser_problem(name: str, message: str) -> Problem:
    """Turn the C parser's message into a located problem."""
    import re
    if match := re.search(r"inside string starting at row (\d+)", message):
        return Problem(name, int(match.group(1)) + 1, "", '"', "a quoted cell opens here and never closes "
                                                              "(unbalanced quote)")
    if match := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message):
        return Problem(name, int(match.group(2)), "", f"{match.group(3)} cells",
                       f"row has {match.group(3)} cells, the header has {match.group(1)} (stray comma or quote)")
    return Problem(name, None, "", "", f"the CSV cannot be parsed: {message}")


def _first_row_wider(file: Path) -> bool:
    """True if the first data row has more cells than the header: pandas' reader then takes the extra
    cells for an index and only warns (and a warning cannot be caught reliably while other threads run)."""
    import csv
    with open(file, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header, first = next(reader, []), next(reader, None)
    return first is not None and len(first) > len(header)


def _ragged_row(name: str, raw) -> Problem:
    """Locate the first row whose cell count differs from the header's (slow path, errors only)."""
    import csv
    import io
    reader = csv.reader(io.StringIO(str(raw, "utf-8")))
    width = len(next(reader))
    start = reader.line_num + 1
    for row in reader:
        if len(row) != width:
            return Problem(name, start, "", f"{len(row)} cells",
                           f"row has {len(row)} cells, the header has {width} (stray comma or unbalanced quote)")
        start = reader.line_num + 1
    return Problem(name, None, "", "", "a row has more cells than the header (stray comma or unbalanced quote)")


def read_checked(name: str, root: Path, on_bytes=None) -> tuple[Table | None, list[Problem]]:
    """Read one CSV as text, reporting encoding and layout faults instead of guessing. `on_bytes`, if
    given, is called with the file's bytes (mapped, not copied)."""
    file = path(name, root)
    if not file.exists():
        return None, [Problem(name, None, "", str(file), "the file is missing")]
    raw = map_file(file)
    if on_bytes:
        on_bytes(raw)
    problems = []
    if not is_ascii(raw):  # an all-ASCII file is valid UTF-8, and far faster to recognise
        try:
            str(raw, "utf-8")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            return None, [Problem(name, line, "", repr(raw[err.start: err.end]), "bytes are not valid UTF-8")]
    if raw[:3] == b"\xef\xbb\xbf":
        problems.append(Problem(name, 1, "", "\\ufeff", "the file starts with a UTF-8 byte-order mark; save without BOM"))
    if (cr := raw.find(b"\r")) >= 0:
        line = raw[:cr].count(b"\n") + 1
        problems.append(Problem(name, line, "", "\\r\\n", "line endings must be LF, not CRLF"))
    if problems:
        return None, problems
    if _first_row_wider(file):  # pandas' reader would only warn, and drop cells
        return None, [_ragged_row(name, raw)]
    try:
        frame = read_text(file)
    except (pd.errors.ParserError, ValueError) as err:
        return None, [_parser_problem(name, str(err))]
    expected = RESOURCES[name]["fields"]
    header = list(frame.columns)
    if header != expected:
        for col in header:
            if col not in expected:
                problems.append(Problem(name, 1, col, col, "column is not in the schema (extra column)"))
        for col in expected:
            if col not in header:
                problems.append(Problem(name, 1, col, "", "column of the schema is missing"))
        if not problems:
            problems.append(Problem(name, 1, "", ",".join(header),
                                    f"columns are out of order; expected {','.join(expected)}"))
        return None, problems
    return Table(name, frame), problems


PARALLEL_ROWS = 50_000  # below this, threads cost more than they save


def schema_problems(table: Table) -> list[Problem]:
    import pandera.pandas as pa

    from .schema import raw_schema_parts

    def failures(schema) -> pd.DataFrame | None:
        try:
            schema.validate(table.frame, lazy=True)
        except pa.errors.SchemaErrors as err:
            return err.failure_cases
        return None

    # the checks run in Arrow kernels, which release the GIL: column groups in threads use every core
    parts = raw_schema_parts(table.name, max(2, os.cpu_count() or 1) if len(table.frame) >= PARALLEL_ROWS else 1)
    with ThreadPoolExecutor(len(parts)) as pool:
        found = [cases for cases in pool.map(failures, parts) if cases is not None]
    key = "(" + ", ".join(RESOURCES[table.name]["primary_key"]) + ")"
    out = []
    for cases in found:
        for row in cases.itertuples(index=False):
            idx = row.index
            line = int(table.lines[idx]) if idx is not None and not pd.isna(idx) else None
            check = str(row.check)  # pandera's own checks have a name; ours carry their message
            rule = PANDERA_RULES[check].format(key=key) if check in PANDERA_RULES else check
            out.append(Problem(table.name, line, str(row.column), _text(row.failure_case), rule))
    return out


def foreign_key_problems(tables: dict[str, Table]) -> list[Problem]:
    out = []
    for name, table in tables.items():
        for col, ref in RESOURCES[name].get("foreign_keys", {}).items():
            if ref not in tables:
                continue
            key = RESOURCES[ref]["primary_key"][0]
            values = table.frame[col]
            dangling = values.notna() & ~isin(values, tables[ref].frame[key])
            out += table.problems(dangling, col, f"foreign key: no row of {ref} has {key} equal to this value")
    return out


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
                               "schema file differs from the registry (metadata.py); run `semax-evidence build`"))
    package_file = root / "datapackage.json"
    if not package_file.exists():
        return out + [Problem("datapackage", None, "", "datapackage.json", "the descriptor is missing")]
    resources = {r["name"]: r for r in json.loads(package_file.read_text("utf-8"))["resources"]}
    for name in TABLES:
        csv = path(name, root)
        if name not in resources or not csv.exists():
            continue
        for key, actual in (facts.get(name) or file_facts(csv)).items():
            recorded = resources[name].get(key)
            if recorded != actual:
                out.append(Problem(name, None, "", str(recorded),
                                   f"datapackage.json {key} is stale (file has {actual}); run `semax-evidence build`"))
    return out


def frictionless_problems(root: Path) -> list[Problem]:
    import frictionless

    report = frictionless.validate(str(root / "datapackage.json"))
    out = []
    for task in report.tasks:
        for err in task.errors:
            out.append(Problem(task.name or "datapackage", getattr(err, "row_number", None),
                               getattr(err, "field_name", "") or "", _text(getattr(err, "cell", "")),
                               f"frictionless {err.type}: {err.note}"))
    for err in report.errors:
        out.append(Problem("datapackage", None, "", "", f"frictionless {err.type}: {err.note}"))
    return out


def _size(file: Path) -> int:
    return file.stat().st_size if file.exists() else 0


def validate(root: Path | str | None = None, frictionless: bool = True) -> list[Problem]:
    """All problems of the package under `root`, in table and line order. Empty list: valid."""
    from .rules import rule_problems

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
