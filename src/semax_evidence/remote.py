"""Versioned download: a release archive fetched once, checked against the SHA-256 kept in the package."""

import json
import os
from pathlib import Path

from ._version import __version__

RELEASES_FILE = Path(__file__).with_name("releases.json")


def archive_name(version: str = __version__) -> str:
    return f"semax-evidence-{version}"


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
        raise RuntimeError(
            "no download address: set SEMAX_EVIDENCE_BASE_URL to the folder that holds the release "
            "archives (it may contain {version})"
        )
    name = f"{archive_name(version)}.zip"
    cache = Path(cache_dir or os.environ.get("SEMAX_EVIDENCE_CACHE") or pooch.os_cache("semax-evidence"))
    url = base.format(version=version).rstrip("/") + "/" + name
    files = pooch.retrieve(
        url,
        known_hash=f"sha256:{hashes[version]}",
        fname=name,
        path=cache,
        processor=pooch.Unzip(extract_dir=archive_name(version)),
        progressbar=False,
    )
    return next(Path(f).parent for f in files if f.endswith("datapackage.json"))
