"""Sentiment and emotion analyzers on the shipped fast tier: emoji, negation, sarcasm, other languages."""

import pytest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I love this so much 😍😍", "positive"),
        ("😡😡😡 worst customer service ever", "negative"),
        ("best flight of my life, thank you!", "positive"),
        ("my flight is delayed again, this is awful", "negative"),
        ("I don't like the new update at all", "negative"),  # negation
        ("not bad at all, actually really good", "positive"),
        ("The store opens at 9am on Monday", "neutral"),
    ],
)
def test_sentiment(analyse, text: str, label: str) -> None:
    result = analyse(text).sentiment
    assert result.label == label
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert set(result.scores) == {"negative", "neutral", "positive"}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I am so angry, you ruined my trip and nobody cares 😡", "anger"),
        ("so happy right now, best day ever 😂🎉", "joy"),
        ("I miss my grandma so much, it hurts 😢", "sadness"),
    ],
)
def test_emotion(analyse, text: str, label: str) -> None:
    assert analyse(text).emotion.label == label


def test_domain_head_is_chosen_by_the_airline_taxonomy() -> None:
    from tactful.understand.api import Understander

    airline = Understander(aspects="airline")._load()[1]
    general = Understander(aspects="software")._load()[1]
    heads = [next(a for a in loaded if a.name == "sentiment").head.name for loaded in (airline, general)]
    assert heads == ["airline_sentiment", "sentiment"]


@pytest.mark.parametrize(
    "text",
    [
        "Merci beaucoup pour votre aide, le vol était parfait et l'équipage très gentil",
        "El servicio es terrible, nunca más vuelvo a volar con ustedes",
    ],
)
def test_other_languages_are_unscored_not_guessed(analyse, text: str) -> None:
    analysis = analyse(text, mentions=["acme"])
    assert analysis.lang != "en"
    assert (analysis.sentiment.label, analysis.sentiment.scores) == ("unscored", {})
    assert analysis.emotion.label == analysis.intent.label == "unscored"
    assert analysis.complaint.label is None and analysis.irony.score is None
    assert analysis.aspects == []
    assert analysis.needs_response.label is None
    assert analysis.addressed.label is True  # addressed-ness does not depend on language
