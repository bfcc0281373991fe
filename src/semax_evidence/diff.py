"""Row-level differences between two package folders or release archives."""

import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .metadata import RESOURCES, TABLES
from .remote import safe_extract
from .tables import read_raw

PRIORITY_COLUMNS = {"verdict", "reliability_tier", "grade"}


class NotAPackage(ValueError):
    """What diff was given is neither a package folder nor a release archive, or cannot be read as one."""


@contextmanager
def _package(location: Path):
    """A package folder as is, or a release archive unpacked (bounded) into a temporary folder that is removed
    afterwards, whatever happens."""
    location = Path(location)
    if location.is_dir():
        if not (location / "datapackage.json").is_file():
            raise NotAPackage(f"{location} is not a package: it holds no datapackage.json")
        yield location
        return
    if not location.is_file() or not zipfile.is_zipfile(location):
        raise NotAPackage(f"{location} is neither a package folder nor a release archive (.zip)")
    with tempfile.TemporaryDirectory(prefix="semax-evidence-diff-") as tmp:
        try:
            yield safe_extract(location, Path(tmp))
        except (zipfile.BadZipFile, ValueError) as err:
            if isinstance(err, NotAPackage):
                raise
            raise NotAPackage(str(err)) from None


def _read(table: str, root: Path) -> pd.DataFrame:
    csv = root / "data" / f"{table}.csv"
    if not csv.exists():
        return pd.DataFrame()
    try:
        frame = read_raw(table, root).fillna("")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as err:
        raise NotAPackage(f"{csv} cannot be read as CSV ({str(err)[:200]}); validate the package first") from None
    key = [k for k in RESOURCES[table]["primary_key"] if k in frame.columns]
    return frame.set_index(key) if key else frame


def diff(old: Path, new: Path) -> list[dict]:
    """Row-level changes per table by primary key, and columns added or removed; changes of verdict, tier or
    grade first. Raises NotAPackage (with a one-line message) for anything that is not a package."""
    with _package(old) as old_root, _package(new) as new_root:
        changes = []
        for table in TABLES:
            a, b = _read(table, old_root), _read(table, new_root)
            for col in b.columns.difference(a.columns):
                changes.append({"table": table, "key": f"column {col}", "change": "added", "cells": {}})
            for col in a.columns.difference(b.columns):
                changes.append({"table": table, "key": f"column {col}", "change": "removed", "cells": {}})
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
