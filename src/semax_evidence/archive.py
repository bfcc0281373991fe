"""Release archive: a reproducible zip of the package with a SHA256SUMS file."""

import hashlib
import io
import zipfile
from pathlib import Path

from .metadata import TABLES
from .remote import archive_name
from .tables import atomic_write

ARCHIVE_FILES = [
    "datapackage.json",
    "croissant.json",
    "README.md",
    "CITATION.cff",
    "LICENSE",
    "LICENSE-DATA",
    "CHANGELOG.md",
    "docs/rubric.md",
    "docs/data-dictionary.md",
    "docs/datasheet.md",
    "docs/problem-codes.md",
]
# the exports `semax-evidence release` writes into dist/exports: these and nothing else ship
EXPORTS = ["exports/semax-evidence.sqlite", "exports/semax-evidence.datasette.json", "exports/claimreview.jsonld"] + [
    f"exports/parquet/{t}.parquet" for t in TABLES
]
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same commit gives the same bytes


def _members(root: Path) -> list[str]:
    """The archive's members: an explicit list, each a regular file (a link is refused, never followed)."""
    files = ARCHIVE_FILES + [f"data/{t}.csv" for t in TABLES] + [f"schemas/{t}.schema.json" for t in TABLES]
    exports = [name for name in EXPORTS if (root / "dist" / name).exists() or (root / "dist" / name).is_symlink()]
    for name in files + exports:
        source = root / "dist" / name if name.startswith("exports/") else root / name
        if source.is_symlink() or not source.is_file():
            raise ValueError(f"{source} is not a regular file; a release archives regular files only")
    return sorted(files) + exports


def build_archive(root: Path, dest_dir: Path | None = None) -> Path:
    """dist/semax-evidence-<version>.zip with a SHA256SUMS file; byte-identical for identical inputs."""
    root = Path(root)
    prefix = archive_name()
    contents = {}
    for name in _members(root):
        source = root / "dist" / name if name.startswith("exports/") else root / name
        contents[name] = source.read_bytes()
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(contents.items()))
    contents["SHA256SUMS"] = sums.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(contents):
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, contents[name])
    target = Path(dest_dir or root / "dist") / f"{prefix}.zip"
    atomic_write(target, buf.getvalue())
    return target


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
