"""The shipped fast tier still meets its quality floors on the public val/dev files.

This guards against a broken or stale artefact; the figures themselves are
measured by ``python -m training.build`` and reported in docs/models.md.
"""

import json
from pathlib import Path

import pytest

from tactful.understand.api import Understander
from tactful.understand.evaluation import evaluate

pytestmark = pytest.mark.slow

FLOORS = [  # (task, file under shared/data, floor)
    ("sentiment", "tweeteval/sentiment/val.jsonl", 0.64),
    ("emotion", "tweeteval/emotion/val.jsonl", 0.68),
    ("irony", "tweeteval/irony/val.jsonl", 0.58),
    ("offensive", "tweeteval/offensive/val.jsonl", 0.73),
]


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("task", "relative", "floor"), FLOORS)
def test_tweeteval_floor(shared_data: Path, task: str, relative: str, floor: float) -> None:
    result = evaluate(task, read(shared_data / relative), Understander())
    assert result.value >= floor, f"{task}: {result.metric} {result.value:.4f} < {floor}"


def airline_holdout(shared_data: Path) -> list[dict]:
    import hashlib

    rows = read(shared_data / "airline" / "dev.jsonl")
    return [r for r in rows if hashlib.sha256(r["id"].encode()).digest()[0] < 52]


def test_airline_sentiment_floor(shared_data: Path) -> None:
    result = evaluate("airline", airline_holdout(shared_data), Understander(aspects="airline"))
    assert result.value >= 0.72


def test_airline_aspects_floor(shared_data: Path) -> None:
    rows = [r for r in airline_holdout(shared_data) if r["sentiment"] == "negative"]
    result = evaluate("aspects", rows, Understander(aspects="airline"))
    assert result.value >= 0.65
