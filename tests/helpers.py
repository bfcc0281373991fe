"""Editing a package copy the way a person with a spreadsheet would, then rebuilding its descriptor."""

import json
from pathlib import Path

import pandas as pd

from semax_evidence.tables import read_raw, to_csv_bytes
from semax_evidence.tableschema import file_facts


def refresh_descriptor(root: Path) -> None:
    """Record the new bytes and hash so that only the injected fault is reported."""
    file = root / "datapackage.json"
    descriptor = json.loads(file.read_text())
    for res in descriptor["resources"]:
        res.update(file_facts(root / res["path"]))
    file.write_text(json.dumps(descriptor, indent=2) + "\n")


def edit(root: Path, table: str, change) -> pd.DataFrame:
    """Apply `change(frame)` to a table of the copy (text cells), write it canonically, refresh hashes."""
    frame = read_raw(table, root)
    new = change(frame)
    frame = frame if new is None else new
    (root / "data" / f"{table}.csv").write_bytes(to_csv_bytes(frame, table))
    refresh_descriptor(root)
    return frame


def set_cell(root: Path, table: str, row: int, column: str, value) -> None:
    def change(frame):
        frame = frame.copy()
        frame.loc[frame.index[row], column] = value
        return frame

    edit(root, table, change)
