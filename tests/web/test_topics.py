"""Emerging topics in the web app: the API route (viewer) and the insights page, examples redacted."""

from __future__ import annotations

import pytest
from tests.web import seed

from tactful.web.insight_data import scrub


@pytest.fixture
def with_topic(web_store):  # type: ignore[no-untyped-def]
    web_store.write_batch(seed.topic_posts(), [])
    return web_store


def test_the_seed_alone_has_no_emerging_topic(client_for) -> None:
    body = client_for("viewer").get("/api/insights/topics").json()
    assert body["items"] == [] and body["days"] == 7


def test_a_new_phrase_surfaces_with_its_sentiment_mix_and_redacted_examples(with_topic, client_for) -> None:
    body = client_for("viewer").get("/api/insights/topics").json()
    top = next(t for t in body["items"] if seed.TOPIC in t["phrase"])
    assert (top["current"], top["baseline"]) == (8, 0)
    assert top["sentiment"] == {"positive": 2, "neutral": 0, "negative": 6, "unanalysed": 0}
    assert top["net_sentiment"] == -0.5
    examples = top["examples"]
    assert len(examples) == 3 and all(set(e) == {"text", "sentiment", "created_at"} for e in examples)
    text = " ".join(e["text"] for e in examples)
    assert "jane.doe@example.com" not in text and "[EMAIL]" in text


def test_topics_page_and_limit(with_topic, client_for) -> None:
    client = client_for("viewer")
    assert len(client.get("/api/insights/topics?limit=1").json()["items"]) == 1
    assert client.get("/api/insights/topics?days=0").status_code == 422
    page = client.get("/insights/topics", headers={"accept": "text/html"}).text
    assert seed.TOPIC in page and 'id="chart-topics"' in page and "[EMAIL]" in page
    assert "jane.doe@example.com" not in page


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("@user-3f9a1c says hi", "@user-3f9a1c says hi"),  # a pseudonym the gate made stays
        ("ask @bob.bsky.social", "ask @[handle]"),
        ("@skylarkair.bsky.social help", "@skylarkair.bsky.social help"),  # the brand's own handle
        ("mail jane.doe@example.com", "mail [EMAIL]"),
    ],
)
def test_scrub_redacts_what_the_gate_would_have(text: str, shown: str) -> None:
    assert scrub(text, ("skylarkair.bsky.social",)) == shown
