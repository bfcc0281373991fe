"""Locating, reading and writing the tables. Text is read exactly: only an empty cell is missing."""

import csv
import io
import math
import mmap
import os
import tempfile
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor
from importlib import resources as _res
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .metadata import COLUMN_TYPES, FIELDS, RESOURCES, TABLES
from .vocabularies import categories


def default_root() -> Path:
    """Folder holding datapackage.json: inside the installed wheel, else the source checkout."""
    bundled = Path(str(_res.files("semax_evidence"))) / "_package"
    if (bundled / "datapackage.json").exists():
        return bundled
    return Path(__file__).resolve().parents[2]


def list_tables() -> list[str]:
    """Names of the tables, in the order of the package.

    Returns
    -------
    list of str

    Examples
    --------
    >>> import semax_evidence as se
    >>> se.list_tables()[:3]
    ['variants', 'studies', 'effects']
    """
    return list(TABLES)


def fields(name: str) -> pd.DataFrame:
    """The columns of a table, as the registry defines them.

    Parameters
    ----------
    name : str
        A table name, one of `list_tables()`.

    Returns
    -------
    pandas.DataFrame
        One row per column: ``column``, ``type``, ``unit``, ``description``, ``vocabulary`` (the allowed
        words, ';' separated), ``required``, ``derived``.

    Examples
    --------
    >>> import semax_evidence as se
    >>> f = se.fields("claims").set_index("column")
    >>> f.loc["verdict", "vocabulary"]
    'supported;overstated;contradicted;unsupported;not_checkable'
    >>> bool(f.loc["claim_id", "required"])
    True
    """
    path(name)  # an unknown name raises a KeyError that lists the tables
    res = RESOURCES[name]
    rows = []
    for column in res["fields"]:
        spec = FIELDS[column]
        rows.append(
            {
                "column": column,
                "type": spec["type"],
                "unit": spec.get("unit"),
                "description": spec["description"],
                "vocabulary": ";".join(categories(spec["enum"])[0]) if "enum" in spec else None,
                "required": column in res["primary_key"] or column in res.get("required", []),
                "derived": bool(spec.get("derived")),
            }
        )
    return pd.DataFrame(rows).astype(
        {
            "column": "string",
            "type": "string",
            "unit": "string",
            "description": "string",
            "vocabulary": "string",
            "required": "boolean",
            "derived": "boolean",
        }
    )


def path(name: str, root: Path | None = None) -> Path:
    """The CSV file of a table.

    Parameters
    ----------
    name : str
        A table name, one of `list_tables()`.
    root : path, optional
        A package folder; default: the bundled copy, or the checkout of an editable install.

    Examples
    --------
    >>> import semax_evidence as se
    >>> se.path("studies").name
    'studies.csv'
    """
    if name not in RESOURCES:
        raise KeyError(f"no table {name!r}; tables are: {', '.join(TABLES)}")
    return Path(root or default_root()) / "data" / f"{name}.csv"


def map_file(file: Path) -> bytes | mmap.mmap:
    """A file's bytes, mapped rather than copied: a large table is checked and hashed straight from the
    page cache, sparing a copy and the page faults of a fresh buffer of the same size."""
    with open(file, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(fh.fileno()).st_size else b""


def is_ascii(data) -> bool:
    """data (bytes or a mapped file) is all ASCII, hence valid UTF-8."""
    return data.isascii() if isinstance(data, bytes) else not len(data) or np.frombuffer(data, np.uint8).max() < 128


TEXT = pd.StringDtype("pyarrow", na_value=float("nan"))  # pandas' default str dtype, Arrow strings inside


def read_text(file: Path) -> pd.DataFrame:
    """Every cell of a CSV file as a string; empty cells, and only those, are missing.

    pandas' C parser writes the cells straight into Arrow strings: exact text at the speed of its typed
    read (its dtype=str path goes through Python objects, ~10x slower), and its errors name the line of
    a malformed row."""

    frame = pd.read_csv(
        file,
        dtype=pd.ArrowDtype(pa.large_string()),
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
        index_col=False,
        skip_blank_lines=False,  # a blank line is a row, so that every later row keeps its true line number
    )
    return frame.astype(TEXT)


def read_raw(name: str, root: Path | None = None) -> pd.DataFrame:
    """Every cell of a table as a string; empty cells (and only those) are missing."""
    return read_text(path(name, root))


# types the C parser reads straight into their dtype; text, dates and vocabularies are converted after
PARSED = {name: COLUMN_TYPES[name].dtype for name in ("integer", "year", "number", "boolean")}


def _dtype_converter(name: str):
    spec = FIELDS[name]
    kind = spec["type"]
    if kind in ("integer", "year", "number"):
        return lambda s: pd.to_numeric(s).astype(PARSED[kind])
    if kind == "boolean":
        return lambda s: s.map({"true": True, "false": False}).astype(PARSED[kind])
    if kind == "date":
        return lambda s: pd.to_datetime(s, format="%Y-%m-%d")
    if "enum" in spec:
        return lambda s: _as_categories(s, name)
    return lambda s: s.astype("string")


def _categories(name: str) -> pd.CategoricalDtype:
    words, ordered = categories(FIELDS[name]["enum"])
    return pd.CategoricalDtype(words, ordered=ordered)


def _as_categories(s: pd.Series, name: str) -> pd.Series:
    """s.astype(categories of `name`) by Arrow's hash lookup, several times faster than pandas' own. Unlike
    astype, a value outside the vocabulary is an error, not a missing value."""

    dtype = _categories(name)
    values = pa.array(s.astype("str").array, type=pa.large_string())
    codes = pc.index_in(values, value_set=pa.array(list(dtype.categories), type=pa.large_string()))
    unknown = pc.and_(pc.is_null(codes), pc.is_valid(values))
    if pc.any(unknown).as_py():  # never let a word this copy does not know become missing without a word
        words = sorted(set(pc.filter(values, unknown).to_pylist()))
        raise ValueError(
            f"column {name}: {', '.join(map(repr, words[:5]))} not in the vocabulary this copy of "
            f"semax-evidence knows ({', '.join(dtype.categories)}); upgrade it, or validate the package"
        )
    return pd.Series(pd.Categorical.from_codes(codes.fill_null(-1).to_numpy(), dtype=dtype), index=s.index)


def typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Cast a raw (string) frame of table `name` to the package's dtypes."""
    out = frame.copy()
    for col in RESOURCES[name]["fields"]:
        if col in out:
            out[col] = _dtype_converter(col)(out[col])
    return out


def _typed_fast(file: Path, name: str) -> pd.DataFrame | None:
    """typed(read_text(file)) in one pass of pandas' C parser: numbers and booleans parse to their dtype
    as they are read, every other column to Arrow strings exactly as written; enums and dates are then
    converted from those. None when the file is not plainly well formed: the caller then takes the slow,
    exact path, whose errors say what is wrong."""

    fields = RESOURCES[name]["fields"]
    dtypes = {f: PARSED.get(FIELDS[f]["type"], pd.ArrowDtype(pa.large_string())) for f in fields}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a ragged row: not plainly well formed
            frame = pd.read_csv(
                file,
                dtype=dtypes,
                keep_default_na=False,
                na_values=[""],
                true_values=["true"],
                false_values=["false"],
                encoding="utf-8",
                index_col=False,
            )
    except (ValueError, TypeError, UnicodeDecodeError, Warning):  # pandas' parser errors are ValueErrors
        return None
    if list(frame.columns) != fields:
        return None
    text = [f for f in fields if FIELDS[f]["type"] not in PARSED]

    def convert(f: str) -> pd.Series:
        return _dtype_converter(f)(frame[f].astype(TEXT))

    if len(frame) < THREADED_ROWS:
        columns = map(convert, text)
    else:
        with ThreadPoolExecutor(2) as pool:  # the enum lookups run in Arrow kernels, which release the GIL
            columns = list(pool.map(convert, text))
    for f, column in zip(text, columns):
        frame[f] = column
    return frame


THREADED_ROWS = 50_000  # below this, starting threads costs more than they save


def _root_for(root: Path | None, version: str | None) -> Path | None:
    """The package folder: `root` (a folder, or a release archive, unpacked and checked), or the release `version`
    downloaded once, or None for the default copy."""
    if version is not None:
        from .remote import fetch  # pooch only when a release is asked for

        return fetch(version)
    if root is not None and Path(root).is_file() and zipfile.is_zipfile(root):
        from .remote import open_archive

        return open_archive(Path(root))
    return root


def load(name: str, root: Path | None = None, version: str | None = None) -> pd.DataFrame:
    """One table as a typed DataFrame.

    Parameters
    ----------
    name : str
        A table name, one of `list_tables()`.
    root : path, optional
        A package folder, or a release archive (``.zip``, unpacked once and checked); default: the bundled
        copy, or the checkout of an editable install.
    version : str, optional
        A release, e.g. ``"0.1.0"``: downloaded once from ``SEMAX_EVIDENCE_BASE_URL``, checked against its
        SHA-256, then read from the cache.

    Returns
    -------
    pandas.DataFrame
        Nullable ``Int64``, ``Float64`` and ``boolean`` columns, categories for vocabularies (ordered where the
        vocabulary is ranked), ``datetime64`` dates and strings read exactly: only an empty cell is missing.

    Examples
    --------
    >>> import semax_evidence as se
    >>> studies = se.load("studies")
    >>> str(studies["n_total"].dtype), str(studies["design"].dtype)
    ('Int64', 'category')
    >>> se.load("outcome_summary")["grade"].cat.ordered
    True
    """
    file = path(name, _root_for(root, version))
    frame = _typed_fast(file, name)
    return typed(read_text(file), name) if frame is None else frame


def load_all(root: Path | None = None, version: str | None = None) -> dict[str, pd.DataFrame]:
    """Every table, typed as by `load`, in a dict by table name.

    Examples
    --------
    >>> import semax_evidence as se
    >>> tables = se.load_all()
    >>> sorted(tables) == sorted(se.list_tables())
    True
    """
    root = _root_for(root, version)
    return {name: load(name, root) for name in TABLES}


# --- writing -------------------------------------------------------------------------------


def format_cell(value, kind: str) -> str:
    """Canonical text of a cell, so that load -> write gives back the same bytes."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):  # a text frame (read_raw) is written back exactly
        return value
    if kind == "boolean":
        return "true" if bool(value) else "false"
    if kind == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if kind in ("integer", "year"):
        return str(int(value))
    if kind == "number":
        text = repr(float(value))
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def to_csv_bytes(frame: pd.DataFrame, name: str) -> bytes:
    fields = RESOURCES[name]["fields"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(fields)
    kinds = [FIELDS[f]["type"] for f in fields]
    columns = [frame[f].tolist() if f in frame else [None] * len(frame) for f in fields]
    for row in zip(*columns):
        writer.writerow([format_cell(v, k) for v, k in zip(row, kinds)])
    return buf.getvalue().encode("utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target`, then rename: a failure never leaves half a file."""
    tmp = stage(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def stage(target: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `target` (synced to disk) and return it, for a rename to put in
    place; a failure leaves no temporary file."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        os.fchmod(fd, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files all or nothing: every one is staged before any replaces its target, so a failure
    while staging leaves every target as it was, and no temporary file behind."""
    staged: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            staged[Path(target)] = stage(target, data)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    pending = dict(staged)
    try:
        for target, tmp in staged.items():
            os.replace(tmp, target)
            del pending[target]
    finally:
        for tmp in pending.values():  # a rename that failed leaves no temporary file behind
            tmp.unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files an interrupted write left behind (`.<name>.<random>.tmp`)."""
    found = [p for p in Path(folder).rglob(".*.tmp") if p.is_file()] if Path(folder).is_dir() else []
    for p in found:
        p.unlink()
    return found


def write(frame: pd.DataFrame, name: str, root: Path | None = None) -> Path:
    target = path(name, root)
    atomic_write(target, to_csv_bytes(frame, name))
    return target
