"""Fixtures for the understanding tests: the shipped fast tier, loaded once."""

from __future__ import annotations

import pytest

from tactful.understand.api import Understander


@pytest.fixture(scope="session")
def understander() -> Understander:
    return Understander(brand_handles=["@acme"], aspects="airline")


@pytest.fixture(scope="session")
def analyse(understander: Understander):
    def run(text: str, **context: object):
        return understander.analyze([{"text": text, **context}])[0]

    return run
