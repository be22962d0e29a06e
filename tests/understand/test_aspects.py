"""The aspects analyzer on the shipped fast tier (airline preset: lexicon + trained head)."""

import pytest

from tactful.understand.api import Understander


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("@acme my bag never showed up at the carousel", "baggage"),
        ("@acme flight delayed 4 hours and no updates", "delay"),
        ("@acme you cancelled my flight and I can't rebook", "cancellation"),
        ("@acme on hold for 2 hours, your agents hung up on me", "customer_service"),
        ("@acme the flight attendant was so rude to my mother", "crew"),
    ],
)
def test_top_aspect(analyse_airline, text: str, top: str) -> None:
    aspects = analyse_airline(text).aspects
    assert aspects and aspects[0].name == top
    assert all(0.0 < a.score <= 1.0 for a in aspects)
    assert [a.score for a in aspects] == sorted((a.score for a in aspects), reverse=True)


def test_each_aspect_gets_the_sentiment_of_its_own_clause(analyse_airline) -> None:
    aspects = {a.name: a.sentiment for a in analyse_airline("love the crew but my bag is lost").aspects}
    assert aspects["crew"] == "positive"
    assert aspects["baggage"] == "negative"


def test_a_post_about_nothing_in_the_taxonomy_has_no_aspects(analyse_airline) -> None:
    assert analyse_airline("happy birthday to my best friend!").aspects == []


def test_other_presets_use_their_own_names() -> None:
    analysis = Understander(aspects="software").analyze(["the app keeps crashing after the update"])[0]
    assert analysis.aspects[0].name == "bug"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("thanks @acme, the crew were lovely!!", "crew"),
        ("@acme great legroom and the seats were comfy", "inflight"),
        ("@acme your agent on the phone was so helpful, thank you", "customer_service"),
    ],
)
@pytest.mark.parametrize("tier", ["fast", "accurate"])
def test_a_positive_post_keeps_the_aspect_it_names_on_top(tier: str, text: str, named: str) -> None:
    # The head also reads posts that name an aspect (not only negative ones): it must not
    # push the named aspect off the top of a post it was never trained on.
    aspects = Understander(tier=tier, aspects="airline").analyze([text])[0].aspects
    assert aspects and aspects[0].name == named
