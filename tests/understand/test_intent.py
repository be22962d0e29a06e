"""Intent and needs_response on the shipped fast tier, including mixed posts (issue examples)."""

import numpy as np
import pytest

from tactful.understand.analyzers.intent import FEATURES, INTENTS, IntentCombiner


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("@acme thanks! ... but my bag is still missing", "complaint"),  # mixed: complaint wins
        ("@acme where is my luggage?", "complaint"),  # neutral report of a failure + ask for help
        ("@acme can I change my seat online?", "question"),  # a question with no failure
        ("@acme is there a student discount?", "question"),
        ("@acme it would be great to have a sleep timer on desktop", "suggestion"),
        ("@acme please bring back the yearly summary, would love it", "suggestion"),
        ("@acme thank you so much, the crew were lovely ❤️", "praise"),
        ("@acme my app keeps crashing, thanks for nothing", "complaint"),  # sarcastic thanks
    ],
)
def test_intent(analyse, text: str, label: str) -> None:
    result = analyse(text).intent
    assert result.label == label
    assert set(result.scores) == set(INTENTS)
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    ("text", "context", "label"),
    [
        ("@acme where is my luggage?", {}, True),  # addressed complaint
        ("@acme can I change my seat online?", {}, True),  # addressed question
        ("@acme thank you so much, the crew were lovely", {}, False),  # plain thanks
        ("my luggage is lost, worst airline ever", {}, False),  # never unaddressed
        ("ok, and what should I do next?", {"replies_to_brand": True, "in_open_thread": True}, True),
        ("the flight was delayed again", {"is_direct_message": True}, True),
    ],
)
def test_needs_response(analyse, text: str, context: dict, label: bool) -> None:
    assert analyse(text, **context).needs_response.label is label


def test_an_unaddressed_post_scores_zero(analyse) -> None:
    result = analyse("my luggage is lost, can anyone help?").needs_response
    assert (result.label, result.score) == (False, 0.0)


def test_rule_combiner_follows_the_precedence_on_pure_cues() -> None:
    combiner = IntentCombiner.rules()

    def label(**features: float) -> str:
        row = np.array([[features.get(f, 0.0) for f in FEATURES]])
        return INTENTS[int(combiner.probabilities(row).argmax())]

    assert label(complaint=0.9, gratitude=1, failure=1, question=1) == "complaint"
    assert label(complaint=0.1, question=1, suggestion=1) == "question"
    assert label(complaint=0.1, suggestion=1, gratitude=1) == "suggestion"
    assert label(complaint=0.05, gratitude=1, positive=0.9) == "praise"
    assert label(complaint=0.05, neutral=1.0) == "other"


def test_combiner_spec_round_trips() -> None:
    combiner = IntentCombiner.rules()
    again = IntentCombiner.from_spec(combiner.to_spec())
    np.testing.assert_allclose(again.weights, combiner.weights)
    assert again.source == "rules"
