"""Fixtures for the privacy tests: a keyring from fixed test secrets (never the environment)."""

from __future__ import annotations

import pytest
from tests.privacy.keys import OLD_SECRET, TEST_SECRET

from tactful.privacy.pseudonyms import Keyring


@pytest.fixture
def keyring() -> Keyring:
    return Keyring((TEST_SECRET.encode(),))


@pytest.fixture
def rotated_keyring() -> Keyring:
    return Keyring((TEST_SECRET.encode(), OLD_SECRET.encode()))
