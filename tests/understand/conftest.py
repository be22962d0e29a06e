"""Fixtures for the understanding tests: the shipped fast tier, loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tactful.understand.api import Understander


def _runner(understander: Understander):
    def run(text: str, **context: object):
        return understander.analyze([{"text": text, **context}])[0]

    return run


@pytest.fixture(scope="session")
def analyse():
    """Analyse one post with the general models (brand @acme, software aspects)."""
    return _runner(Understander(brand_handles=["@acme"], aspects="software"))


@pytest.fixture(scope="session")
def analyse_airline():
    """Analyse one post in the airline domain (airline sentiment head, airline aspects)."""
    return _runner(Understander(brand_handles=["@acme"], aspects="airline"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """As the suite's ``shared_data``, but TACTFUL_SHARED_DATA may point elsewhere (git worktrees)."""
    candidates = [
        os.environ.get("TACTFUL_SHARED_DATA"),
        Path(__file__).resolve().parents[2].parent / "shared" / "data",
    ]
    for candidate in filter(None, candidates):
        if Path(candidate).is_dir():
            return Path(candidate)
    pytest.skip("needs the public datasets in ../shared/data (absent on this machine)")
