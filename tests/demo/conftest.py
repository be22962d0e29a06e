"""Fixtures for the demo tests: the answer key and a reader of the demo files that does not use tactful's."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "src" / "tactful" / "demo"
DATA = DEMO / "data"


@pytest.fixture(scope="session")
def answer_key() -> list[dict]:
    return [json.loads(line) for line in (DEMO / "answer_key.jsonl").read_text(encoding="utf-8").splitlines()]


def _html_text(content: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", content))


def read_demo_texts() -> list[tuple[str, str, str]]:
    """(file, platform id, text) for every row of every demo file, read independently of tactful."""
    rows: list[tuple[str, str, str]] = []
    for line in (DATA / "bluesky_posts.jsonl").read_text(encoding="utf-8").splitlines():
        view = json.loads(line)
        rows.append(("bluesky_posts.jsonl", view["uri"], view["record"]["text"]))
    for status in json.loads((DATA / "mastodon_statuses.json").read_text(encoding="utf-8")):
        rows.append(("mastodon_statuses.json", status["id"], _html_text(status["content"])))
    for name in ("twitter_search_page1.json", "twitter_search_page2.json"):
        for tweet in json.loads((DATA / name).read_text(encoding="utf-8"))["data"]:
            rows.append((name, tweet["id"], tweet["text"]))
    with (DATA / "listening_export.csv").open(encoding="utf-8", newline="") as handle:
        rows.extend(("listening_export.csv", row["id"], row["text"]) for row in csv.DictReader(handle))
    return rows


@pytest.fixture(scope="session")
def demo_rows() -> list[tuple[str, str, str]]:
    return read_demo_texts()


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO
