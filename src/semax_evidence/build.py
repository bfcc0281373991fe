"""`semax-evidence build`: compute the derived columns and tables, write every CSV in canonical form,
and generate schemas/*.schema.json and datapackage.json from the registry."""

from pathlib import Path

import pandas as pd

from .croissant import croissant
from .derive import derive_all
from .metadata import RESOURCES, TABLES
from .rubric import RUBRIC_VERSION
from .tables import default_root, load, path, remove_stale_temporaries, to_csv_bytes, typed, write_all
from .tableschema import dumps, package_descriptor, table_schema


def _load_or_new(name: str, root: Path) -> pd.DataFrame:
    """A table as loaded, or an empty one when the registry names a table whose CSV does not exist yet
    (the build then writes its header)."""
    if path(name, root).exists():
        return load(name, root)
    return typed(pd.DataFrame({f: pd.Series([], dtype="string") for f in RESOURCES[name]["fields"]}), name)


def outputs(root: Path) -> dict[Path, bytes]:
    """Every file the build writes, with its content, computed in memory."""
    frames = derive_all({name: _load_or_new(name, root) for name in TABLES})
    csvs = {name: to_csv_bytes(frames[name], name) for name in TABLES}
    files = {root / "data" / f"{name}.csv": data for name, data in csvs.items()}
    files.update({root / "schemas" / f"{name}.schema.json": dumps(table_schema(name)).encode() for name in TABLES})
    files[root / "datapackage.json"] = dumps(package_descriptor(root, RUBRIC_VERSION, csvs)).encode()
    files[root / "croissant.json"] = dumps(croissant(csvs)).encode()
    if (root / "docs").is_dir():  # the source checkout; a bundled or unpacked package has no docs to refresh
        from .docs import outputs as doc_outputs

        files.update(doc_outputs(root, frames))
    return files


def build(root: Path | None = None) -> list[Path]:
    """Write every output whose content changed, all or nothing; returns those files."""
    root = Path(root or default_root())
    for folder in ("data", "schemas", "docs"):
        remove_stale_temporaries(root / folder)
    changed = {file: data for file, data in outputs(root).items() if not file.exists() or file.read_bytes() != data}
    write_all(changed)
    return list(changed)


def stale(root: Path | None = None) -> list[Path]:
    """Files whose committed content differs from what the build would write."""
    root = Path(root or default_root())
    return [file for file, data in outputs(root).items() if not file.exists() or file.read_bytes() != data]
