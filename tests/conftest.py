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
