import shutil

import pytest

import xiplomacy as xp
from xiplomacy import paths


@pytest.fixture(scope="session")
def ds():
    return xp.load()


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the data package, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target, ignore=shutil.ignore_patterns("geo"))
    return target
