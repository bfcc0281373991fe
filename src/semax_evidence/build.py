"""`semax-evidence build`: compute the derived columns and tables, write every CSV in canonical form,
and generate schemas/*.schema.json and datapackage.json from the registry."""

from pathlib import Path

from .derive import DERIVATIONS
from .metadata import TABLES
from .rubric import RUBRIC_VERSION
from .tableschema import dumps, package_descriptor, table_schema
from .tables import atomic_write, default_root, load_all, to_csv_bytes


def outputs(root: Path) -> dict[Path, bytes]:
    """Every file the build writes, with its content, computed in memory."""
    frames = load_all(root)
    for func in DERIVATIONS:
        frames = func(frames)
    files = {root / "data" / f"{name}.csv": to_csv_bytes(frames[name], name) for name in TABLES}
    files.update({root / "schemas" / f"{name}.schema.json": dumps(table_schema(name)).encode() for name in TABLES})
    if (root / "docs").is_dir():  # the source checkout; a bundled or unpacked package has no docs to refresh
        from .docs import outputs as doc_outputs
        files.update(doc_outputs(root, frames))
    return files


def _descriptor_bytes(root: Path) -> bytes:
    return dumps(package_descriptor(root, RUBRIC_VERSION)).encode()


def build(root: Path | None = None) -> list[Path]:
    """Write all outputs; returns the files whose content changed."""
    root = Path(root or default_root())
    changed = []
    for file, data in outputs(root).items():
        if not file.exists() or file.read_bytes() != data:
            atomic_write(file, data)
            changed.append(file)
    descriptor = root / "datapackage.json"
    data = _descriptor_bytes(root)  # after the CSVs: it records their bytes and hashes
    if not descriptor.exists() or descriptor.read_bytes() != data:
        atomic_write(descriptor, data)
        changed.append(descriptor)
    return changed


def stale(root: Path | None = None) -> list[Path]:
    """Files whose committed content differs from what the build would write."""
    root = Path(root or default_root())
    out = [f for f, data in outputs(root).items() if not f.exists() or f.read_bytes() != data]
    descriptor = root / "datapackage.json"
    if not out and (not descriptor.exists() or descriptor.read_bytes() != _descriptor_bytes(root)):
        out.append(descriptor)
    return out
