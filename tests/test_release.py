"""Releases: reproducible archive, valid citation, row-level diff, versioned download with hash check."""

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from helpers import set_cell

import semax_evidence as se
from semax_evidence import remote
from semax_evidence.archive import build_archive, sha256
from semax_evidence.diff import diff


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    repo = Path(__file__).resolve().parents[1]
    return build_archive(repo, tmp_path_factory.mktemp("dist"))


def test_archive_is_reproducible(archive, tmp_path):
    repo = Path(__file__).resolve().parents[1]
    again = build_archive(repo, tmp_path)
    assert again.read_bytes() == archive.read_bytes()
    assert archive.name == f"semax-evidence-{se.__version__}.zip"


def test_archive_contents_and_checksums(archive):
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
        prefix = f"semax-evidence-{se.__version__}/"
        for needed in [
            "datapackage.json",
            "data/claims.csv",
            "schemas/claims.schema.json",
            "README.md",
            "CITATION.cff",
            "LICENSE",
            "LICENSE-DATA",
            "CHANGELOG.md",
            "SHA256SUMS",
        ]:
            assert prefix + needed in names
        import hashlib

        for line in z.read(prefix + "SHA256SUMS").decode().splitlines():
            digest, name = line.split("  ")
            assert hashlib.sha256(z.read(prefix + name)).hexdigest() == digest, name


def test_unzipped_archive_validates(archive, tmp_path):
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path)
    pkg = tmp_path / f"semax-evidence-{se.__version__}"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("frictionless")), "validate", str(pkg / "datapackage.json")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert se.validate(pkg) == []


def _cffconvert() -> str:
    found = shutil.which("cffconvert")
    if found:
        return found
    # cffconvert pins jsonschema<4, which frictionless cannot share: give it an environment of its own
    # kept in the user's cache, outside the repository, so that a second run reuses it
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    venv = cache / "semax-evidence-tests" / "cffconvert-venv"
    exe = venv / "bin" / "cffconvert"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "cffconvert>=2.0", "ruamel.yaml>=0.17.21,<0.18"], check=True
        )
    return str(exe)


def test_citation_cff_validates(repo):
    result = subprocess.run(
        [_cffconvert(), "--validate", "-i", str(repo / "CITATION.cff")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    zenodo = json.loads((repo / ".zenodo.json").read_text())
    assert zenodo["version"] == se.__version__


def test_version_is_the_same_everywhere(repo):
    assert json.loads((repo / "datapackage.json").read_text())["version"] == se.__version__
    assert f'version: "{se.__version__}"' in (repo / "CITATION.cff").read_text()
    assert f"## {se.__version__}" in (repo / "CHANGELOG.md").read_text()


def test_cite_formats():
    assert se.cite("bibtex").startswith("@misc{") and se.__version__ in se.cite("bibtex")
    assert f"(Version {se.__version__})" in se.cite("apa")
    with pytest.raises(ValueError):
        se.cite("mla")


def test_diff_lists_row_changes_with_verdicts_first(repo, package_copy):
    set_cell(package_copy, "effects", 0, "notes", "edited note")
    set_cell(package_copy, "claims", 3, "verdict", "overstated")
    changes = diff(repo, package_copy)
    assert changes[0]["table"] == "claims" and "verdict" in changes[0]["cells"]
    assert any(c["table"] == "effects" and c["cells"].get("notes", ("", ""))[1] == "edited note" for c in changes)
    assert len(changes) == 2
    assert diff(repo, repo) == []


@pytest.fixture
def served(archive, tmp_path):
    """A copy of the freshly built archive in a folder of its own, to serve and to delete."""
    www = tmp_path / "www"
    www.mkdir()
    return Path(shutil.copy(archive, www))


@pytest.fixture
def server(served):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_versioned_load_checks_the_hash(served, server, tmp_path, monkeypatch):
    archive, digest = served, sha256(served)
    monkeypatch.setenv("SEMAX_EVIDENCE_BASE_URL", server)
    monkeypatch.setenv("SEMAX_EVIDENCE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(remote, "release_hashes", lambda: {se.__version__: digest})
    frame = se.load("claims", version=se.__version__)
    assert len(frame) == len(se.load("claims"))
    cached = tmp_path / "cache" / archive.name
    assert cached.exists()
    archive.unlink()  # the server no longer has it: the second load must come from the cache
    assert len(se.load("studies", version=se.__version__)) == len(se.load("studies"))


def test_wrong_hash_is_refused_and_nothing_kept(served, server, tmp_path, monkeypatch):
    archive = served
    monkeypatch.setenv("SEMAX_EVIDENCE_BASE_URL", server)
    monkeypatch.setenv("SEMAX_EVIDENCE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(remote, "release_hashes", lambda: {se.__version__: "0" * 64})
    with pytest.raises(ValueError, match="(?i)hash"):
        se.load("claims", version=se.__version__)
    assert not (tmp_path / "cache" / archive.name).exists()


def test_unknown_version_is_a_clear_error():
    with pytest.raises(KeyError, match="no release"):
        se.load("claims", version="99.0.0")


def test_a_recorded_release_loads_by_version(archive, tmp_path, monkeypatch):
    # what `semax-evidence release` does after building the archive: record its hash in the registry
    registry = tmp_path / "releases.json"
    monkeypatch.setattr(remote, "RELEASES_FILE", registry)
    remote.record_release(se.__version__, sha256(archive))
    www = tmp_path / "www"
    www.mkdir()
    shutil.copy(archive, www)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("SEMAX_EVIDENCE_BASE_URL", f"http://127.0.0.1:{httpd.server_address[1]}/")
        monkeypatch.setenv("SEMAX_EVIDENCE_CACHE", str(tmp_path / "cache"))
        assert len(se.load("records", version=se.__version__)) == len(se.load("records"))
    finally:
        httpd.shutdown()
    assert json.loads(registry.read_text()) == {se.__version__: sha256(archive)}


def test_a_downloaded_archive_loads_directly_and_its_cache_is_checked(archive, tmp_path, monkeypatch):
    monkeypatch.setenv("SEMAX_EVIDENCE_CACHE", str(tmp_path / "cache"))
    claims = se.load("claims", root=archive)
    assert len(claims) == len(se.load("claims"))
    unpacked = next((tmp_path / "cache").rglob("data/claims.csv"))
    unpacked.write_text("claim_id\nC999\n")  # an edit in the cache is noticed and undone
    assert len(se.load("claims", root=archive)) == len(claims)


def test_a_zip_that_inflates_or_escapes_is_refused(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pkg/datapackage.json", "{}")
        zf.writestr("pkg/data/big.csv", "0" * 5_000_000)  # inflates several thousand-fold
    with pytest.raises(ValueError, match="inflates"):
        remote.safe_extract(bomb, tmp_path / "out")
    escape = tmp_path / "escape.zip"
    with zipfile.ZipFile(escape, "w") as zf:
        zf.writestr("../outside.txt", "x")
    with pytest.raises(ValueError, match="leaves the folder"):
        remote.safe_extract(escape, tmp_path / "out2")
    assert not (tmp_path / "outside.txt").exists()


def test_diff_refuses_what_is_not_a_package_and_leaves_no_folder(repo, tmp_path, archive):
    import tempfile

    from semax_evidence.diff import NotAPackage

    for bad in (tmp_path, tmp_path / "missing.zip"):
        with pytest.raises(NotAPackage):
            diff(repo, bad)
    before = set(Path(tempfile.gettempdir()).glob("semax-evidence-diff-*"))
    assert diff(repo, archive) == []  # the archive holds the data of the checkout
    assert set(Path(tempfile.gettempdir()).glob("semax-evidence-diff-*")) == before


def test_diff_reports_a_column_added(repo, package_copy):
    csv = package_copy / "data" / "variants.csv"
    lines = csv.read_text().split("\n")
    csv.write_text("\n".join([lines[0] + ",comment"] + [line + ",x" if line else line for line in lines[1:]]))
    changes = diff(repo, package_copy)
    assert {"table": "variants", "key": "column comment", "change": "added", "cells": {}} in changes


def test_a_word_outside_the_vocabulary_is_an_error_not_a_missing_value(package_copy):
    set_cell(package_copy, "claims", 0, "verdict", "partly_true")
    with pytest.raises(ValueError, match="partly_true"):
        se.load("claims", root=package_copy)


def test_release_archives_its_list_only_and_refuses_links(repo, tmp_path):
    from semax_evidence.archive import build_archive as build

    pkg = tmp_path / "pkg"
    shutil.copytree(repo, pkg, ignore=shutil.ignore_patterns(".venv", ".git", "dist", "__pycache__"))
    (pkg / "dist" / "exports").mkdir(parents=True)
    (pkg / "dist" / "exports" / "stray.txt").write_text("not a release file")
    names = zipfile.ZipFile(build(pkg, tmp_path)).namelist()
    assert not any("stray" in n for n in names)
    (pkg / "dist" / "exports" / "claimreview.jsonld").symlink_to("/etc/hostname")
    with pytest.raises(ValueError, match="regular file"):
        build(pkg, tmp_path)
