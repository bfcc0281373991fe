"""Locating, reading and writing the tables. Text is read exactly: only an empty cell is missing."""

import csv
import io
import math
import os
import tempfile
from importlib import resources as _res
from pathlib import Path

import pandas as pd

from .metadata import FIELDS, RESOURCES, TABLES
from .vocabularies import VOCABULARIES


def default_root() -> Path:
    """Folder holding datapackage.json: inside the installed wheel, else the source checkout."""
    bundled = Path(str(_res.files("semax_evidence"))) / "_package"
    if (bundled / "datapackage.json").exists():
        return bundled
    return Path(__file__).resolve().parents[2]


def list_tables() -> list[str]:
    return list(TABLES)


def path(name: str, root: Path | None = None) -> Path:
    if name not in RESOURCES:
        raise KeyError(f"no table {name!r}; tables are: {', '.join(TABLES)}")
    return Path(root or default_root()) / "data" / f"{name}.csv"


def read_raw(name: str, root: Path | None = None) -> pd.DataFrame:
    """Every cell as a string; empty cells (and only those) are missing."""
    return pd.read_csv(path(name, root), dtype=str, keep_default_na=False, na_values=[""],
                       encoding="utf-8", index_col=False)


def _dtype_converter(name: str):
    spec = FIELDS[name]
    kind = spec["type"]
    if kind in ("integer", "year"):
        return lambda s: pd.to_numeric(s).astype("Int64")
    if kind == "number":
        return lambda s: pd.to_numeric(s).astype("Float64")
    if kind == "boolean":
        return lambda s: s.map({"true": True, "false": False}).astype("boolean")
    if kind == "date":
        return lambda s: pd.to_datetime(s, format="%Y-%m-%d")
    if "enum" in spec:
        cats = pd.CategoricalDtype(list(VOCABULARIES[spec["enum"]]))
        return lambda s: s.astype(cats)
    return lambda s: s.astype("string")


def typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Cast a raw (string) frame of table `name` to the package's dtypes."""
    out = frame.copy()
    for col in RESOURCES[name]["fields"]:
        if col in out:
            out[col] = _dtype_converter(col)(out[col])
    return out


def _root_for(root: Path | None, version: str | None) -> Path | None:
    if version is None:
        return root
    from .release import fetch  # pooch only when a release is asked for
    return fetch(version)


def load(name: str, root: Path | None = None, version: str | None = None) -> pd.DataFrame:
    """Typed DataFrame of one table: nullable Int64/Float64/boolean, categories for enums, real dates.

    version="X.Y.Z" downloads that release once (SHA-256 checked) and loads from the cache."""
    return typed(read_raw(name, _root_for(root, version)), name)


def load_all(root: Path | None = None, version: str | None = None) -> dict[str, pd.DataFrame]:
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


def atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target`, then rename: a failure never leaves half a file."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def write(frame: pd.DataFrame, name: str, root: Path | None = None) -> Path:
    target = path(name, root)
    atomic_write(target, to_csv_bytes(frame, name))
    return target
