"""Release archives as data sources: a version fetched once and checked against the SHA-256 the package keeps,
or a downloaded archive opened directly; every unpacked file is checked against the archive's SHA256SUMS each
time it is used, and unpacking is bounded (size and compression ratio)."""

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

from ._version import __version__

RELEASES_FILE = Path(__file__).with_name("releases.json")


def archive_name(version: str = __version__) -> str:
    return f"semax-evidence-{version}"


def release_hashes() -> dict[str, str]:
    return json.loads(RELEASES_FILE.read_text("utf-8")) if RELEASES_FILE.exists() else {}


def record_release(version: str, digest: str, registry: Path | None = None) -> Path:
    """Write `version -> SHA-256` into the release registry (kept sorted), so that the release loads by version."""
    registry = Path(registry or RELEASES_FILE)
    known = json.loads(registry.read_text("utf-8")) if registry.exists() else {}
    known[version] = digest
    registry.write_text(json.dumps(dict(sorted(known.items())), indent=2) + "\n", "utf-8")
    return registry


MAX_UNPACKED = 2 * 1024**3  # bytes: far above any release, far below a zip bomb
MAX_RATIO = 200  # uncompressed / compressed, per member


def safe_extract(archive: Path, dest: Path) -> Path:
    """Unpack a release archive into `dest`, refusing members that leave `dest`, are links, or inflate beyond
    MAX_UNPACKED in all or MAX_RATIO each; returns the folder that holds datapackage.json."""
    dest = Path(dest)
    with zipfile.ZipFile(archive) as zf:
        members = zf.infolist()
        if sum(m.file_size for m in members) > MAX_UNPACKED:
            raise ValueError(f"{archive}: unpacks to more than {MAX_UNPACKED} bytes; not a release archive")
        for m in members:
            target = (dest / m.filename).resolve()
            if not target.is_relative_to(dest.resolve()) or (m.external_attr >> 16) & 0o170000 == 0o120000:
                raise ValueError(f"{archive}: member {m.filename!r} leaves the folder or is a link")
            if m.compress_size and m.file_size / m.compress_size > MAX_RATIO:
                raise ValueError(f"{archive}: member {m.filename!r} inflates {m.file_size // m.compress_size}-fold")
        zf.extractall(dest)
    found = sorted(dest.rglob("datapackage.json"))
    if not found:
        raise ValueError(f"{archive}: no datapackage.json inside; not a release archive")
    return found[0].parent


def verify_unpacked(folder: Path) -> None:
    """Every file SHA256SUMS lists has that SHA-256; raise ValueError naming the first that does not."""
    sums = Path(folder) / "SHA256SUMS"
    if not sums.is_file():
        raise ValueError(f"{folder}: no SHA256SUMS; not an unpacked release")
    for line in sums.read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        file = Path(folder) / name
        if not file.is_file() or hashlib.sha256(file.read_bytes()).hexdigest() != digest:
            raise ValueError(f"{file} differs from the release's SHA256SUMS")


def _cache_dir(cache_dir: Path | None) -> Path:
    if cache_dir or os.environ.get("SEMAX_EVIDENCE_CACHE"):
        return Path(cache_dir or os.environ["SEMAX_EVIDENCE_CACHE"])
    import pooch

    return Path(pooch.os_cache("semax-evidence"))


def open_archive(archive: Path, cache_dir: Path | None = None) -> Path:
    """A downloaded release archive as a package folder: unpacked once into the cache (one folder per archive
    hash) and checked file by file against its SHA256SUMS on every use."""
    digest = hashlib.sha256(Path(archive).read_bytes()).hexdigest()
    dest = _cache_dir(cache_dir) / f"archive-{digest[:16]}"
    if dest.is_dir():
        folder = next(p.parent for p in sorted(dest.rglob("datapackage.json")))
        try:
            verify_unpacked(folder)
            return folder
        except ValueError:
            shutil.rmtree(dest)  # altered since it was unpacked: unpack the archive again
    folder = safe_extract(archive, dest)
    verify_unpacked(folder)
    return folder


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
    url = base.format(version=version).rstrip("/") + "/" + name
    cache = _cache_dir(cache_dir)
    archive = pooch.retrieve(url, known_hash=f"sha256:{hashes[version]}", fname=name, path=cache, progressbar=False)
    return open_archive(Path(archive), cache)
