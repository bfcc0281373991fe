"""Releases: a reproducible zip archive with checksums, citation files, a row-level diff, and
versioned downloads checked against the release hashes kept in the package."""

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pandas as pd

from ._version import RELEASE_DATE, __version__
from .metadata import PACKAGE, RESOURCES, TABLES

ARCHIVE_FILES = ["datapackage.json", "README.md", "CITATION.cff", "LICENSE", "CHANGELOG.md", "docs/rubric.md",
                 "docs/data-dictionary.md", "docs/datasheet.md"]
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same commit gives the same bytes
RELEASES_FILE = Path(__file__).with_name("releases.json")
AUTHORS = [{"name": "Semax Evidence Dataset contributors"}]


def archive_name(version: str = __version__) -> str:
    return f"semax-evidence-{version}"


def _members(root: Path) -> list[str]:
    files = ARCHIVE_FILES + [f"data/{t}.csv" for t in TABLES] + [f"schemas/{t}.schema.json" for t in TABLES]
    exports = root / "dist" / "exports"
    extra = sorted(str(p.relative_to(root / "dist")) for p in exports.rglob("*") if p.is_file()) \
        if exports.is_dir() else []
    return sorted(files) + extra


def build_archive(root: Path, dest_dir: Path | None = None) -> Path:
    """dist/semax-evidence-<version>.zip with a SHA256SUMS file; byte-identical for identical inputs."""
    from .io import atomic_write
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


# ---- citation --------------------------------------------------------------------------------

def citation_cff() -> str:
    lines = ["cff-version: 1.2.0",
             "message: If you use this dataset, please cite this release and the primary studies each row names.",
             "type: dataset",
             f"title: \"{PACKAGE['title']}\"",
             f"version: \"{__version__}\"",
             f"date-released: \"{RELEASE_DATE}\"",
             "license: CC-BY-4.0",
             f"abstract: \"{PACKAGE['description']}\"",
             "authors:"] + [f"  - name: \"{a['name']}\"" for a in AUTHORS] + \
            ["keywords:"] + [f"  - \"{k}\"" for k in PACKAGE["keywords"]]
    return "\n".join(lines) + "\n"


def zenodo_json(cff_text: str) -> str:
    """.zenodo.json generated from CITATION.cff, so that the two cannot drift."""
    import yaml
    cff = yaml.safe_load(cff_text)
    record = {"title": cff["title"], "version": cff["version"], "publication_date": cff["date-released"],
              "upload_type": "dataset", "description": cff["abstract"], "license": cff["license"].lower(),
              "creators": [{"name": a["name"]} for a in cff["authors"]], "keywords": cff["keywords"]}
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def cite(format: str = "bibtex") -> str:
    title, year = PACKAGE["title"], RELEASE_DATE[:4]
    author = " and ".join(a["name"] for a in AUTHORS)
    if format == "bibtex":
        key = f"semax_evidence_{__version__.replace('.', '_')}"
        return (f"@misc{{{key},\n  author = {{{{{author}}}}},\n  title = {{{title}}},\n  year = {{{year}}},\n"
                f"  version = {{{__version__}}},\n  note = {{Data package, CC-BY-4.0}}\n}}\n")
    if format == "apa":
        names = ", ".join(a["name"] for a in AUTHORS)
        return f"{names}. ({year}). {title} (Version {__version__}) [Data set].\n"
    raise ValueError(f"unknown citation format {format!r}; use 'bibtex' or 'apa'")


# ---- diff ------------------------------------------------------------------------------------

PRIORITY_COLUMNS = {"verdict", "reliability_tier", "grade"}


def _open_package(location: Path) -> Path:
    """A package folder, or a release zip unpacked to a temporary folder."""
    location = Path(location)
    if location.is_dir():
        return location
    import tempfile
    tmp = Path(tempfile.mkdtemp(prefix="semax-evidence-"))
    with zipfile.ZipFile(location) as archive:
        archive.extractall(tmp)
    return next(p.parent for p in tmp.rglob("datapackage.json"))


def diff(old: Path, new: Path) -> list[dict]:
    """Row-level changes per table by primary key; changes of verdict, tier or grade first."""
    from .io import read_raw
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


# ---- versioned download ----------------------------------------------------------------------

def release_hashes() -> dict[str, str]:
    return json.loads(RELEASES_FILE.read_text("utf-8")) if RELEASES_FILE.exists() else {}


def fetch(version: str, base_url: str | None = None, cache_dir: Path | None = None) -> Path:
    """Download (once) and unpack the release archive of `version`, checked against its SHA-256."""
    import pooch
    hashes = release_hashes()
    if version not in hashes:
        raise KeyError(f"no release {version!r} in the registry; known: {', '.join(sorted(hashes)) or 'none'}")
    base = base_url or os.environ.get("SEMAX_EVIDENCE_BASE_URL")
    if not base:
        raise RuntimeError("no download address: set SEMAX_EVIDENCE_BASE_URL to the folder that holds the release "
                           "archives (it may contain {version})")
    name = f"{archive_name(version)}.zip"
    cache = Path(cache_dir or os.environ.get("SEMAX_EVIDENCE_CACHE") or pooch.os_cache("semax-evidence"))
    files = pooch.retrieve(base.format(version=version).rstrip("/") + "/" + name, known_hash=f"sha256:{hashes[version]}",
                           fname=name, path=cache, processor=pooch.Unzip(extract_dir=archive_name(version)),
                           progressbar=False)
    return next(Path(f).parent for f in files if f.endswith("datapackage.json"))
