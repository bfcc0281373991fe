import shutil
from pathlib import Path

import pytest

from semax_evidence.metadata import TABLES

REPO = Path(__file__).resolve().parents[1]


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
