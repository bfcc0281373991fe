"""Row-level differences between two package folders or release archives."""

import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from .metadata import RESOURCES, TABLES
from .tables import read_raw

PRIORITY_COLUMNS = {"verdict", "reliability_tier", "grade"}


def _open_package(location: Path) -> Path:
    """A package folder, or a release zip unpacked to a temporary folder."""
    location = Path(location)
    if location.is_dir():
        return location
    tmp = Path(tempfile.mkdtemp(prefix="semax-evidence-"))
    with zipfile.ZipFile(location) as archive:
        archive.extractall(tmp)
    return next(p.parent for p in tmp.rglob("datapackage.json"))


def diff(old: Path, new: Path) -> list[dict]:
    """Row-level changes per table by primary key; changes of verdict, tier or grade first."""
    old_root, new_root = _open_package(old), _open_package(new)
    changes = []
    for table in TABLES:
        key = RESOURCES[table]["primary_key"]
        frames = []
        for root in (old_root, new_root):
            csv = root / "data" / f"{table}.csv"
            frames.append(read_raw(table, root).fillna("").set_index(key) if csv.exists() else pd.DataFrame())
        a, b = frames
        for k in b.index.difference(a.index):
            changes.append({"table": table, "key": k, "change": "added", "cells": {}})
        for k in a.index.difference(b.index):
            changes.append({"table": table, "key": k, "change": "removed", "cells": {}})
        common = a.index.intersection(b.index)
        cols = [c for c in b.columns if c in a.columns]
        for k in common:
            cells = {c: (a.at[k, c], b.at[k, c]) for c in cols if a.at[k, c] != b.at[k, c]}
            if cells:
                changes.append({"table": table, "key": k, "change": "changed", "cells": cells})
    return sorted(changes, key=lambda c: (not (set(c["cells"]) & PRIORITY_COLUMNS), c["table"], str(c["key"])))


def format_diff(changes: list[dict]) -> str:
    lines = []
    for c in changes:
        key = c["key"] if not isinstance(c["key"], tuple) else "/".join(c["key"])
        line = f"{c['table']} {key}: {c['change']}"
        if c["cells"]:
            line += "; " + "; ".join(f"{col}: {old!r} -> {new!r}" for col, (old, new) in c["cells"].items())
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "no differences\n")
