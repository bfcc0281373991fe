"""File checks: encoding, line endings, layout and header of each CSV, read as exact text."""

import csv
import io
import os
import re
import stat
from pathlib import Path

import pandas as pd

from ..metadata import RESOURCES
from ..tables import is_ascii, map_file, path, read_text
from .problems import Problem, Table


def _parser_problem(name: str, message: str) -> Problem:
    """Turn the C parser's message into a located problem."""
    if match := re.search(r"inside string starting at row (\d+)", message):
        return Problem(
            name,
            int(match.group(1)) + 1,
            "",
            '"',
            "a quoted cell opens here and never closes (unbalanced quote)",
            "unbalanced-quote",
        )
    if match := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message):
        return Problem(
            name,
            int(match.group(2)),
            "",
            f"{match.group(3)} cells",
            f"row has {match.group(3)} cells, the header has {match.group(1)} (stray comma or quote)",
            "ragged-row",
        )
    return Problem(name, None, "", "", f"the CSV cannot be parsed: {message}", "unparsable-csv")


def _first_row_wider(file: Path) -> bool:
    """True if the first data row has more cells than the header: pandas' reader then takes the extra
    cells for an index and only warns (and a warning cannot be caught reliably while other threads run)."""
    with open(file, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header, first = next(reader, []), next(reader, None)
        except csv.Error:  # e.g. a cell over the csv module's field limit: pandas' parser reads it
            return False
    return first is not None and len(first) > len(header)


def _non_canonical_quoting(name: str, raw, frame: pd.DataFrame) -> Problem | None:
    """The first line with a quote that the writer would write otherwise. A parser forgives stray quotes
    (`"quoted"and more` reads as one merged cell), and such a cell would come back changed after load and write;
    a file without any quote needs no quotes, so only lines holding one are written again and compared."""
    lines = bytes(raw).split(b"\n")
    if len(lines) - 2 != len(frame) or frame.apply(lambda c: c.str.contains("\n", regex=False, na=False)).any().any():
        return None  # cells span lines: the line-break check reports that
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="")
    for i, line in enumerate(lines[1:-1]):
        if b'"' not in line:
            continue
        buf.seek(0)
        buf.truncate()
        writer.writerow(["" if pd.isna(v) else v for v in frame.iloc[i]])
        if buf.getvalue().encode("utf-8") != line:
            shown = line.decode("utf-8", "replace")
            return Problem(
                name,
                i + 2,
                "",
                shown[:200],
                "quotes not as the writer writes them (a stray or missing quote merges or splits cells)",
                "non-canonical-quoting",
            )
    return None


def file_problem(table: str, file: Path, root: Path) -> Problem | None:
    """Only a regular, readable file inside the package is read: a directory, a named pipe (which would block
    the reader), a device, or a link out of the package is a problem, never a crash or a hang."""
    shown = str(file.relative_to(root)) if file.is_relative_to(root) else str(file)
    try:
        mode = os.stat(file).st_mode
    except FileNotFoundError:
        return Problem(table, None, "", shown, "the file is missing", "file-missing")
    except OSError as err:
        return Problem(table, None, "", shown, f"the file cannot be read ({err.strerror})", "unreadable")
    if not stat.S_ISREG(mode):
        return Problem(table, None, "", shown, "is not a regular file (a folder, pipe, socket or device)", "not-a-file")
    if not file.resolve().is_relative_to(Path(root).resolve()):
        return Problem(table, None, "", shown, f"is a link to {file.resolve()}, outside the package", "outside-package")
    if not os.access(file, os.R_OK):
        return Problem(table, None, "", shown, "the file cannot be read (permission denied)", "unreadable")
    return None


def _ragged_row(name: str, raw) -> Problem:
    """Locate the first row whose cell count differs from the header's (slow path, errors only)."""
    reader = csv.reader(io.StringIO(str(raw, "utf-8")))
    width = len(next(reader))
    start = reader.line_num + 1
    for row in reader:
        if len(row) != width:
            return Problem(
                name,
                start,
                "",
                f"{len(row)} cells",
                f"row has {len(row)} cells, the header has {width} (stray comma or unbalanced quote)",
                "ragged-row",
            )
        start = reader.line_num + 1
    return Problem(
        name, None, "", "", "a row has more cells than the header (stray comma or unbalanced quote)", "ragged-row"
    )


def read_checked(name: str, root: Path, on_bytes=None) -> tuple[Table | None, list[Problem]]:
    """Read one CSV as text, reporting encoding and layout faults instead of guessing. `on_bytes`, if
    given, is called with the file's bytes (mapped, not copied)."""
    file = path(name, root)
    if (problem := file_problem(name, file, Path(root))) is not None:
        return None, [problem]
    try:
        raw = map_file(file)
    except OSError as err:
        return None, [Problem(name, None, "", str(file), f"the file cannot be read ({err.strerror})", "unreadable")]
    if on_bytes:
        on_bytes(raw)
    problems = []
    if not is_ascii(raw):  # an all-ASCII file is valid UTF-8, and far faster to recognise
        try:
            str(raw, "utf-8")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            return None, [
                Problem(name, line, "", repr(raw[err.start : err.end]), "bytes are not valid UTF-8", "not-utf8")
            ]
    if raw[:3] == b"\xef\xbb\xbf":
        problems.append(
            Problem(
                name,
                1,
                "",
                "\\ufeff",
                "the file starts with a UTF-8 byte-order mark; save without BOM",
                "byte-order-mark",
            )
        )
    if len(raw) and raw[-1:] != b"\n":  # the writer ends every line, the last one too
        problems.append(
            Problem(
                name,
                bytes(raw).count(b"\n") + 1,
                "",
                "",
                "the last line has no line break at its end",
                "no-final-newline",
            )
        )
    if (cr := raw.find(b"\r")) >= 0:
        line = raw[:cr].count(b"\n") + 1
        problems.append(Problem(name, line, "", "\\r\\n", "line endings must be LF, not CRLF", "crlf"))
    if problems:
        return None, problems
    if _first_row_wider(file):  # pandas' reader would only warn, and drop cells
        return None, [_ragged_row(name, raw)]
    try:
        frame = read_text(file)
    except (pd.errors.ParserError, ValueError) as err:
        return None, [_parser_problem(name, str(err))]
    expected = RESOURCES[name]["fields"]
    end = raw.find(b"\n")
    header = next(csv.reader([str(raw[: end if end >= 0 else len(raw)], "utf-8")]), [])  # as written, not renamed
    seen: set[str] = set()
    for col in header:
        if col == "" or col in seen:
            problems.append(
                Problem(
                    name,
                    1,
                    col,
                    col,
                    "a column without a name" if col == "" else "the column name repeats",
                    "empty-column-name" if col == "" else "duplicate-column",
                )
            )
        seen.add(col)
    if problems:
        return None, problems
    blank = frame.isna().all(axis=1)
    if len(header) > 1 and blank.any():
        table = Table(name, frame)
        return None, [
            Problem(name, int(table.lines[i]), "", "", "a blank line", "blank-line") for i in blank[blank].index
        ]
    if b'"' in raw and (problem := _non_canonical_quoting(name, raw, frame)) is not None:
        return None, [problem]
    if header != expected:
        for col in header:
            if col not in expected:
                problems.append(
                    Problem(name, 1, col, col, "column is not in the schema (extra column)", "extra-column")
                )
        for col in expected:
            if col not in header:
                problems.append(Problem(name, 1, col, "", "column of the schema is missing", "missing-column"))
        if not problems:
            problems.append(
                Problem(
                    name,
                    1,
                    "",
                    ",".join(header),
                    f"columns are out of order; expected {','.join(expected)}",
                    "column-order",
                )
            )
        return None, problems
    return Table(name, frame), problems
