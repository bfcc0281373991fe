"""`semax-evidence serve`: Datasette metadata in step with datapackage.json, and the claims page in a real browser."""

import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from semax_evidence.cli import serve_command
from semax_evidence.datasette import DATABASE, METADATA_FILE, metadata

CHROMIUM = "/usr/bin/chromium"
# flags that keep a headless run quiet, offline apart from our server, and free of a shared profile
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _descriptor(repo):
    package = json.loads((repo / "datapackage.json").read_text("utf-8"))
    schemas = {r["name"]: json.loads((repo / r["schema"]).read_text("utf-8")) for r in package["resources"]}
    return package, schemas


def test_every_table_and_column_comes_from_the_descriptor(repo):
    package, schemas = _descriptor(repo)
    tables = metadata(repo)["databases"][DATABASE]["tables"]
    assert list(tables) == [r["name"] for r in package["resources"]]
    for resource in package["resources"]:
        table = tables[resource["name"]]
        assert (table["title"], table["description"]) == (resource["title"], resource["description"])
        fields = schemas[resource["name"]]["fields"]
        # column descriptions are folded under the table description, not listed above the rows
        assert "columns" not in table and "<details>" in table["description_html"], resource["name"]
        folded = table["description_html"].split("<details>", 1)[1]
        for field in fields:
            unit = f" Unit: {field['unit']}." if "unit" in field else ""
            assert f"<dt>{html.escape(field['name'])}</dt><dd>{html.escape(field['description'] + unit)}</dd>" in folded
        assert table["facets"] == [f["name"] for f in fields if "enum" in f.get("constraints", {})]


def test_claims_facet_by_verdict(repo):
    assert "verdict" in metadata(repo)["databases"][DATABASE]["tables"]["claims"]["facets"]


def test_package_title_and_licence(repo):
    package, _ = _descriptor(repo)
    doc = metadata(repo)
    assert (doc["title"], doc["description"]) == (package["title"], package["description"])
    assert doc["license"] == package["licenses"][0]["title"]
    assert doc["license_url"] == package["licenses"][0]["path"]


def test_server_is_local_only(tmp_path):
    command = serve_command(tmp_path / "db.sqlite", tmp_path / "m.json", 8001)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert "0.0.0.0" not in command


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url, server, log, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"no answer from {url} within {timeout} s; server stderr:\n{log.read_text()}")


def _chromium(*args) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:  # a fresh profile: no state from earlier runs
        return subprocess.run(
            [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("SEMAX_EVIDENCE_ALLOW_NO_BROWSER") == "1":
            pytest.skip(f"{CHROMIUM} missing and SEMAX_EVIDENCE_ALLOW_NO_BROWSER=1")
        pytest.fail(
            f"{CHROMIUM} is missing: install it (Debian: apt-get install chromium), "
            "or set SEMAX_EVIDENCE_ALLOW_NO_BROWSER=1 to skip this test"
        )
    return CHROMIUM


def test_claims_page_in_a_browser(browser, repo, tmp_path):
    port = _free_port()
    log = tmp_path / "server.log"
    with open(log, "w") as err:
        server = subprocess.Popen(
            [sys.executable, "-m", "semax_evidence.cli", "serve", "--port", str(port), "--out", str(tmp_path)],
            stdout=err,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/", server, log)
        assert (tmp_path / f"{DATABASE}.sqlite").is_file() and (tmp_path / METADATA_FILE).is_file()
        url = f"http://127.0.0.1:{port}/{DATABASE}/claims"

        page = _chromium("--dump-dom", url)
        assert page.returncode == 0, page.stderr[-2000:]
        dom = page.stdout
        claims = pd.read_csv(repo / "data" / "claims.csv", dtype=str, keep_default_na=False)
        first = min(claims["claim_id"])  # the page is sorted by the key: the smallest id is on it
        assert f'href="/{DATABASE}/claims/{first}">{first}</a>' in dom, "claims rows missing from the page"
        assert "<h1>Claims of popular articles</h1>" in dom  # the table title from the descriptor
        assert 'class="facet-info facet-semax-evidence-claims-verdict"' in dom, "no verdict facet"
        start = dom.index('id="facet-verdict"')
        facet = dom[start : dom.index("</ul>", start)]
        shown = {v: int(n) for v, n in re.findall(r'\?verdict=(\w+)">\w+</a> (\d+)</li>', facet)}
        assert shown == dict(Counter(claims["verdict"])), "verdict facet counts differ from claims.csv"

        shot = tmp_path / "claims.png"
        run = _chromium(f"--screenshot={shot}", "--window-size=1280,1600", url)
        assert run.returncode == 0, run.stderr[-2000:]
        assert shot.is_file() and shot.stat().st_size > 0, f"no screenshot at {shot}"
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{shot} is not a PNG"
        if os.environ.get("SEMAX_EVIDENCE_ARTIFACTS"):  # a folder to keep the screenshot in, outside the repo
            keep = Path(os.environ["SEMAX_EVIDENCE_ARTIFACTS"]) / "datasette-claims.png"
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, keep)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
