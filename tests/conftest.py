"""Shared fixtures: headless Qt, a cheap key derivation, and a private home for every test."""

from __future__ import annotations

import os

# Must be set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from victimcare.domain.model import Officer
from victimcare.services import setup
from victimcare.store.opening import use_test_kdf

TEST_PASSPHRASE = "correct horse battery staple"
TEST_KDF_ITERATIONS = 64


@pytest.fixture(autouse=True)
def cheap_key_derivation():
    """Tests only: SQLCipher's real cost (256,000 rounds) would make the suite crawl."""
    use_test_kdf(TEST_KDF_ITERATIONS)
    yield
    use_test_kdf(None)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch):
    """Point every per-user folder at a fresh temporary one, so no test touches real files."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"),
                      ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                      ("XDG_STATE_HOME", ".local/state")):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(path))
    return home


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "store.db"


@pytest.fixture
def db(db_path):
    """A fresh encrypted store owned by a test officer."""
    database = setup.create_store(db_path, TEST_PASSPHRASE, Officer("PC Test Officer", "T1001", "Team A"))
    yield database
    database.close()
