import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from semax_evidence.metadata import TABLES

REPO = Path(__file__).resolve().parents[1]

# the tests write nothing into the repository: no example database, no pytest cache (see pyproject.toml)
settings.register_profile("no_database", database=None)
settings.load_profile("no_database")
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "semax-evidence-hypothesis")  # its caches, outside the repo


def _untracked_or_changed() -> set[str]:
    """Files git reports as new, changed or ignored, outside the virtual environment."""
    out = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--ignored", "--untracked-files=all"],
        capture_output=True,
        text=True,
    ).stdout
    return {line[3:] for line in out.splitlines() if not line[3:].startswith((".venv/", ".ruff_cache/"))}


@pytest.fixture(scope="session", autouse=True)
def nothing_written_into_the_repository():
    if not (REPO / ".git").exists():
        yield
        return
    before = _untracked_or_changed()
    yield
    written = _untracked_or_changed() - before
    assert not written, f"the tests wrote into the repository: {sorted(written)[:10]}"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A fresh copy of the real package (descriptor, schemas, data) to break on purpose."""
    dest = tmp_path / "pkg"
    dest.mkdir()
    shutil.copy(REPO / "datapackage.json", dest)
    shutil.copytree(REPO / "schemas", dest / "schemas")
    shutil.copytree(REPO / "data", dest / "data")
    return dest


def pytest_generate_tests(metafunc):
    if "table" in metafunc.fixturenames:
        metafunc.parametrize("table", TABLES)


def pytest_terminal_summary(terminalreporter):
    """The fault-injection table: fault class, caught, message."""
    try:
        from test_faults import RESULTS
    except ImportError:
        return
    if not RESULTS:
        return
    write = terminalreporter.write_line
    write("")
    write(f"{'fault class':36} caught  message")
    for name, caught, message in RESULTS:
        write(f"{name:36} {'yes' if caught else 'NO':6}  {message[:150]}")
    write(f"caught {sum(c for _, c, _ in RESULTS)} of {len(RESULTS)} fault classes")
