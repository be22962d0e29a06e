"""Fixtures for the privacy tests: a keyring from fixed test secrets (never the environment)."""

from __future__ import annotations

import pytest

from tactful.privacy.pseudonyms import Keyring

TEST_SECRET = "test-secret-0123456789abcdef0123456789abcdef"
OLD_SECRET = "old-secret-fedcba9876543210fedcba9876543210"


@pytest.fixture
def keyring() -> Keyring:
    return Keyring((TEST_SECRET.encode(),))


@pytest.fixture
def rotated_keyring() -> Keyring:
    return Keyring((TEST_SECRET.encode(), OLD_SECRET.encode()))
