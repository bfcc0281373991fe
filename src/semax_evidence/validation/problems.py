"""A problem found in the package, the text table it is found in, and the helpers every check shares."""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Every problem carries one of these stable codes (the semantic rules add theirs, named after the rule); tests
# assert codes, not wording. docs/problem-codes.md is generated from this table and the rules.
CODES = {
    "file-missing": "a table's CSV file is missing",
    "not-a-file": "the path is a folder, pipe, socket or device, not a regular file",
    "outside-package": "the file is a link to a place outside the package",
    "unreadable": "the file cannot be read",
    "undescribed-file": "a CSV in data/ that the descriptor does not list",
    "empty-table": "a table holds no rows although the package needs them",
    "not-json": "the descriptor or a schema file is not valid JSON of the expected shape",
    "descriptor-resources": "the descriptor's resources are not the package's tables at their paths",
    "not-utf8": "the bytes are not valid UTF-8",
    "byte-order-mark": "the file starts with a UTF-8 byte-order mark",
    "crlf": "line endings are CRLF instead of LF",
    "no-final-newline": "the file does not end with a line break, as the writer's files do",
    "unbalanced-quote": "a quoted cell opens and never closes",
    "ragged-row": "a row has more or fewer cells than the header",
    "non-canonical-quoting": "quotes not placed as the writer places them: a stray quote merged or split cells",
    "unparsable-csv": "the CSV parser cannot read the file",
    "extra-column": "a column that the schema does not list",
    "duplicate-column": "a column name appears twice in the header",
    "empty-column-name": "a column of the header has no name",
    "blank-line": "a blank line in the middle of a table",
    "missing-column": "a column of the schema is missing",
    "column-order": "the columns are out of order",
    "required": "a required cell is empty",
    "type": "the cell is not of the column's type (number, integer, year, boolean, date)",
    "date": "the date does not exist in the calendar",
    "minimum": "the number is below the column's minimum",
    "pattern": "the cell does not match the column's pattern (identifiers, URLs, codes)",
    "vocabulary": "the cell is not a word of the column's vocabulary",
    "unique": "the value repeats in a column that must be unique",
    "key-unique": "a composite primary key repeats",
    "whitespace": "the cell starts or ends with whitespace",
    "line-break": "the cell holds a line break",
    "formula": "the cell starts with = + - or @ and a spreadsheet would run it as a formula",
    "naive-na": "the text is one that pandas reads as missing by default",
    "non-canonical-number": "a number not written as the writer writes it, or beyond what 64 bits hold",
    "control-character": "the text holds a control character",
    "invisible-character": "an identifier, code or address holds a zero-width or bidi character, or is not NFC",
    "foreign-key": "no row of the referenced table has this key",
    "schema-stale": "a schema file differs from the registry",
    "descriptor-missing": "datapackage.json is missing",
    "descriptor-stale": "datapackage.json records another size or hash than the file has",
    "derived-stale": "a derived value differs from what build computes (edited by hand, or build not rerun)",
    "frictionless": "Frictionless reports an error the other checks did not",
}


@dataclass(frozen=True, order=True)
class Problem:
    table: str
    line: int | None
    column: str
    value: str
    rule: str
    code: str = "unknown"

    def as_dict(self) -> dict:
        """The problem as a record: code, table, line, column, value and message."""
        return {
            "code": self.code,
            "table": self.table,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.rule,
        }

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{self.table}: {where}: column {self.column or '-'}: value {self.value!r}: {self.rule} [{self.code}]"


@dataclass
class Table:
    """A table read as text. `lines` gives the CSV line on which each row starts (worked out only when a
    problem needs it)."""

    name: str
    frame: pd.DataFrame

    @cached_property
    def lines(self) -> pd.Series:
        return _line_numbers(self.frame)

    def problems(self, mask: pd.Series, column: str, rule: str, values: pd.Series | None = None, code: str = "unknown"):
        values = self.frame[column] if values is None else values
        for idx in mask[mask.fillna(False).astype(bool)].index:
            yield Problem(self.name, int(self.lines[idx]), column, _text(values[idx]), rule, code)


def isin(values: pd.Series, allowed: pd.Series) -> pd.Series:
    """values.isin(allowed) by Arrow's hash lookup: pandas first turns a large set of strings into Python
    objects, which made key checks the slowest step on big tables. Missing values are never in."""

    hay = pa.array(allowed.astype("str").dropna().unique(), type=pa.large_string())
    found = pc.is_in(pa.array(values.astype("str").array, type=pa.large_string()), value_set=hay)
    return pd.Series(np.asarray(found.fill_null(False)), index=values.index)


SHOWN_CHARACTERS = 200  # a problem quotes at most this much of a value, and says how long it is


def _text(value) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else str(value)
    if len(text) > SHOWN_CHARACTERS:
        return f"{text[:SHOWN_CHARACTERS]}... ({len(text)} characters)"
    return text


def _line_numbers(frame: pd.DataFrame) -> pd.Series:
    # A quoted cell may hold newlines: the next row then starts further down the file.
    if frame.empty:
        return pd.Series([], dtype="int64")
    newlines = sum(frame[c].fillna("").str.count("\n") for c in frame.columns)
    return (2 + pd.Series(range(len(frame)), index=frame.index) + newlines.cumsum().shift(fill_value=0)).astype(int)


def as_float(s: pd.Series) -> pd.Series:
    """Text to float, missing or unreadable -> NaN. Arrow's cast is ~20x faster than pd.to_numeric on
    Arrow strings; text it refuses (e.g. ' 5') goes to pd.to_numeric so the result does not change."""

    try:
        values = pa.array(s.array, type=pa.large_string()).cast(pa.float64())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pd.to_numeric(s, errors="coerce")
    return pd.Series(values.to_numpy(zero_copy_only=False), index=s.index)
