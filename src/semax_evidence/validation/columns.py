"""Column checks: pandera schemas built from the registry. They check the raw text of each cell, so that an
error can name the exact value the CSV holds."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..metadata import COLUMN_TYPES, RESOURCES
from ..tableschema import field_spec
from ..vocabularies import VOCABULARIES
from .problems import Problem, Table, _text, as_float

TYPE_PATTERNS = {name: (t.pattern, t.message) for name, t in COLUMN_TYPES.items() if t.pattern}
FORMULA_START = ("=", "+", "-", "@")
NAIVE_NA = sorted(pd.io.parsers.readers.STR_NA_VALUES - {""})
DISTINCT_ROWS = 50_000  # below this, looking for repeated values costs more than it saves


def per_distinct(test):
    """An element-wise test run once per distinct value of a column that repeats few values (codes,
    keys of a smaller table, booleans), then spread back to every row: the same answer, with far less
    regex work. A column whose first 10,000 cells hold more than 1,000 values is tested row by row."""

    def check(s: pd.Series) -> pd.Series:
        import pyarrow as pa
        import pyarrow.compute as pc

        if len(s) < DISTINCT_ROWS:
            return test(s)
        values = pa.array(s.array, type=pa.large_string())
        if len(pc.unique(values.slice(0, 10_000))) > 1_000:
            return test(s)
        distinct = pc.unique(values)
        verdict = np.asarray(test(pd.Series(distinct.to_pylist(), dtype=s.dtype)))
        # index_in matches a missing cell to the missing entry of `distinct`, so every row has a position
        return pd.Series(verdict[pc.index_in(values, value_set=distinct).to_numpy()], index=s.index)

    return check


CODE_OF_MESSAGE: dict[str, str] = {}  # each check's message -> its stable code (see problems.CODES)


def _check(test, error: str, code: str) -> pa.Check:
    """A column check that sees every cell, missing ones included, and passes those: left to itself,
    pandera hands each check a fresh copy of the column without its missing cells."""

    def check(s: pd.Series) -> pd.Series:
        import pyarrow

        # Arrow keeps each column's count of missing cells: most columns have none and need no mask
        return test(s) | s.isna() if pyarrow.array(s.array).null_count else test(s)

    CODE_OF_MESSAGE[error] = code
    return pa.Check(check, error=error, ignore_na=False)


def _fullmatch(pattern: str):
    return per_distinct(lambda s: s.str.fullmatch(pattern))


def _real_date() -> pa.Check:
    return _check(
        per_distinct(
            lambda s: (
                pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna()
                | ~s.str.fullmatch(TYPE_PATTERNS["date"][0])
            )
        ),
        error="must be a real calendar date",
        code="date",
    )


def _chunks(s: pd.Series):
    """Each Arrow chunk of a text column as (offsets, data): cell i is data[offsets[i]:offsets[i + 1]].
    Reading the buffers directly lets a check look at one byte per cell instead of the whole text."""
    import pyarrow as pa

    values = pa.array(s.array, type=pa.large_string())
    for chunk in getattr(values, "chunks", [values]):
        if len(chunk) == 0:
            continue
        _, offsets, data = chunk.buffers()
        yield (
            np.frombuffer(offsets, dtype=np.int64)[chunk.offset : chunk.offset + len(chunk) + 1],
            np.zeros(0, np.uint8) if data is None else np.frombuffer(data, dtype=np.uint8),
        )


_LAST = threading.local()  # per thread: the column _cell_bytes saw last, and what it found


def _cell_bytes(s: pd.Series) -> tuple:
    """First byte, last byte and byte length of every cell (0 for an empty or missing one). Three checks
    in a row ask for them on the same column, so the last column's answer is kept; pandera hands each
    check the same array object, and holding it keeps its identity from being reused."""

    if getattr(_LAST, "array", None) is s.array:
        return _LAST.found
    firsts, lasts, lengths = [np.zeros(0, np.uint8)], [np.zeros(0, np.uint8)], [np.zeros(0, np.int64)]
    for offsets, data in _chunks(s):
        start, end = offsets[:-1], offsets[1:]
        data = data if len(data) else np.zeros(1, np.uint8)
        first, last = data[np.minimum(start, len(data) - 1)], data[np.maximum(end - 1, 0)]
        empty = end == start
        first[empty], last[empty] = 0, 0
        firsts.append(first)
        lasts.append(last)
        lengths.append(end - start)
    _LAST.array, _LAST.found = s.array, (np.concatenate(firsts), np.concatenate(lasts), np.concatenate(lengths))
    return _LAST.found


@cache
def _ascii_space():
    table = np.zeros(256, bool)
    table[[b for b in range(128) if chr(b).isspace()]] = True  # the ASCII characters str.strip removes
    return table


def _no_edge_space(s: pd.Series) -> pd.Series:
    """s.str.strip() == s, from each cell's first and last byte: an ASCII edge settles it, and only cells
    with a non-ASCII character at an edge go through Unicode's definition of whitespace."""
    first, last, _ = _cell_bytes(s)
    space = _ascii_space()
    out = pd.Series(~(space[first] | space[last]), index=s.index)
    unicode_edge = (first >= 0x80) | (last >= 0x80)
    if unicode_edge.any():
        out[unicode_edge] = s[unicode_edge].str.strip() == s[unicode_edge]
    return out


def _no_formula_start(s: pd.Series) -> pd.Series:
    """~s.str.startswith(FORMULA_START), from each cell's first byte (all four are ASCII)."""
    formula = np.zeros(256, bool)
    formula[[ord(c) for c in FORMULA_START]] = True
    return pd.Series(~formula[_cell_bytes(s)[0]], index=s.index)


def _not_naive_na(s: pd.Series) -> pd.Series:
    """~s.isin(NAIVE_NA), looking up only the cells short enough to be one of them and starting with a
    byte one of them starts with."""

    starts = np.zeros(256, bool)
    starts[[v.encode()[0] for v in NAIVE_NA]] = True
    longest = max(len(v.encode()) for v in NAIVE_NA)
    first, _, lengths = _cell_bytes(s)
    out = np.ones(len(s), bool)
    candidates = np.flatnonzero((lengths <= longest) & starts[first])
    if len(candidates):
        out[candidates] = ~s.iloc[candidates].isin(NAIVE_NA).to_numpy()
    return pd.Series(out, index=s.index)


def _unique(s: pd.Series) -> pd.Series:
    """False on every cell whose value another cell repeats (missing cells aside). One hash pass settles
    the usual case, a column with no repeat; pandera's own unique=True formats the whole column into its
    message when missing cells repeat, which costs more than the check."""
    present = s.dropna() if s.hasnans else s
    if present.is_unique:
        return pd.Series(True, index=s.index)
    return ~s.duplicated(keep=False) | s.isna()


def _no_line_break(s: pd.Series) -> pd.Series:
    """True where a cell holds no line feed. Most columns have none at all: one search of each data
    buffer (every value back to back) settles that without looking at the values one by one."""
    if not any((data == ord("\n")).any() for _, data in _chunks(s)):
        return pd.Series(True, index=s.index)
    return ~s.str.contains("\n", regex=False)


def _minimum(low) -> pa.Check:
    return _check(lambda s: ~(as_float(s) < low), error=f"must be >= {low}", code="minimum")


_STRICT = threading.local()  # per thread: the column a vocabulary or type check saw last, and its verdict


def strict(test):
    """A vocabulary or type check that remembers whether every cell of the column passed. A vocabulary
    word, or a well-formed number, boolean or date, has no edge whitespace, line break or missing-value
    marker (a test sweeps every word and pattern), so the generic checks after it skip such a column."""

    def check(s: pd.Series) -> pd.Series:
        result = test(s)
        _STRICT.array, _STRICT.passed = s.array, bool((result | s.isna()).all())
        return result

    return check


def generic(test):
    """A generic check, skipped on a column whose vocabulary or type check, just before it, passed on
    every cell: it could only pass too. The verdict is tied to the array object pandera hands each check."""

    def check(s: pd.Series) -> pd.Series:
        if getattr(_STRICT, "array", None) is s.array and _STRICT.passed:
            return pd.Series(True, index=s.index)
        return test(s)

    return check


# Canonical text: what the writer writes (`tables.format_cell`), so that load -> write gives back the same bytes.
CANONICAL = {name: t.canonical for name, t in COLUMN_TYPES.items() if t.canonical}
CONTROL = "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]"  # line breaks have their own check
INVISIBLE = "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"  # zero-width and bidi controls


def _canonical_number(kind: str):
    pattern = CANONICAL[kind]

    def test(s: pd.Series) -> pd.Series:
        not_a_number = ~_fullmatch(TYPE_PATTERNS[kind][0])(s).fillna(True).astype(bool)  # the type check says so
        finite = ~as_float(s).abs().eq(float("inf")).fillna(False)
        return not_a_number | (_fullmatch(pattern)(s) & finite) | s.isna()

    return test


def _no_control(s: pd.Series) -> pd.Series:
    return ~s.str.contains(CONTROL, regex=True, na=False)


def _plain_unicode(s: pd.Series) -> pd.Series:
    """No invisible character, and in Unicode normal form C, so that two keys that look alike are alike."""
    ascii_ = s.str.isascii()
    if bool(ascii_.fillna(True).all()):
        return pd.Series(True, index=s.index)
    return ascii_.fillna(True) | (~s.str.contains(INVISIBLE, regex=True, na=False) & (s.str.normalize("NFC") == s))


def column_checks(spec: dict) -> list[pa.Check]:
    kind = spec["type"]
    checks = []
    if kind in TYPE_PATTERNS:
        pattern, rule = TYPE_PATTERNS[kind]
        checks.append(_check(strict(_fullmatch(pattern)), error=rule, code="type"))
    if "enum" in spec:
        allowed = list(VOCABULARIES[spec["enum"]])
        checks.append(
            _check(strict(lambda s: s.isin(allowed)), error=f"must be one of: {', '.join(allowed)}", code="vocabulary")
        )
    checks += [
        _check(generic(_no_edge_space), error="must not start or end with whitespace", code="whitespace"),
        # cells never span lines here, so a line break means a quote swallowed the rows after it
        _check(
            generic(_no_line_break),
            error="holds a line break: an unbalanced quote swallowed the following rows",
            code="line-break",
        ),
    ]
    if kind == "string":
        # a naive pd.read_csv would silently turn these into NaN; the data never relies on them
        checks.append(
            _check(
                generic(_not_naive_na),
                error="is a text pandas reads as missing by default (e.g. NA, None, null); reword it",
                code="naive-na",
            )
        )
    if kind in CANONICAL:
        checks.append(
            _check(
                per_distinct(_canonical_number(kind)),
                error="must be written as the writer writes it (e.g. 1.5 not 1.50, 7 not 007, 1000 not 1E3, "
                "0.5 not .5) and be a finite value a 64-bit type holds",
                code="non-canonical-number",
            )
        )
    if kind == "string":
        checks.append(_check(generic(_no_control), error="holds a control character", code="control-character"))
        if not spec.get("text"):  # identifiers, codes, addresses: what looks alike must be alike
            checks.append(
                _check(
                    generic(_plain_unicode),
                    error="holds a zero-width or bidirectional control character, or is not in Unicode NFC",
                    code="invisible-character",
                )
            )
    if kind == "date":
        checks.append(_real_date())
    if "pattern" in spec:
        checks.append(
            _check(_fullmatch(spec["pattern"]), error=f"must match the pattern {spec['pattern']}", code="pattern")
        )
    if "minimum" in spec:
        checks.append(_minimum(spec["minimum"]))
    if spec.get("text") or (kind == "string" and "enum" not in spec and "pattern" not in spec):
        checks.append(
            _check(_no_formula_start, error="must not start with = + - or @ (spreadsheet formula)", code="formula")
        )
    return checks


@cache
def raw_schema(table: str) -> pa.DataFrameSchema:
    columns = {}
    for name in RESOURCES[table]["fields"]:
        spec = field_spec(table, name)
        checks = column_checks(spec) + (
            [_check(_unique, error="must be unique in the column", code="unique")] if spec["unique"] else []
        )
        columns[name] = pa.Column(str, nullable=not spec["required"], checks=checks, required=False, coerce=False)
    key = RESOURCES[table]["primary_key"]
    return pa.DataFrameSchema(columns, name=table, strict=False, unique=key if len(key) > 1 else None)


@cache
def raw_schema_parts(table: str, parts: int) -> list[pa.DataFrameSchema]:
    """raw_schema split into schemas over disjoint groups of columns (the table-wide key check in the
    first), so that a big table's columns are checked in parallel threads. Each part still reads the
    whole frame: strict=False lets it ignore the columns of the others."""
    whole = raw_schema(table)
    names = list(whole.columns)
    return [
        pa.DataFrameSchema(
            {n: whole.columns[n] for n in names[i::parts]},
            name=table,
            strict=False,
            unique=whole.unique if i == 0 else None,
        )
        for i in range(parts)
    ]


PANDERA_RULES = {  # pandera's own checks: (message, code)
    "not_nullable": ("a value is required", "required"),
    "multiple_fields_uniqueness": ("the key {key} must be unique: another row has the same values", "key-unique"),
}


PARALLEL_ROWS = 50_000  # below this, threads cost more than they save


def schema_problems(table: Table) -> list[Problem]:
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
            if check in PANDERA_RULES:
                template, code = PANDERA_RULES[check]
                rule = template.format(key=key)
            else:
                rule, code = check, CODE_OF_MESSAGE.get(check, "unknown")
            out.append(Problem(table.name, line, str(row.column), _text(row.failure_case), rule, code))
    return out
