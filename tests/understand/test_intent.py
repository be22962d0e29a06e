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


@pytest.mark.parametrize(
    ("addressed", "intent", "scored", "thread_ask", "expected"),
    [
        (True, "complaint", True, False, True),
        (True, "question", True, False, True),
        (True, "suggestion", True, False, True),
        (True, "praise", True, False, False),  # plain thanks
        (True, "other", True, True, True),  # an ask inside an open thread
        (False, "complaint", True, True, False),  # never unaddressed
        (True, "complaint", False, False, None),  # another language: no guess
    ],
)
def test_needs_response_rule(addressed, intent, scored, thread_ask, expected) -> None:
    from tactful.records import Addressed, Analysis, ClassScores
    from tactful.understand.analyzers.needs_response import needs_response

    scores = {name: (0.6 if name == intent else 0.1) for name in INTENTS}
    analysis = Analysis(addressed=Addressed(addressed, "test"), intent=ClassScores(intent, scores))
    assert needs_response(analysis, scored, thread_ask).label is expected


@pytest.mark.parametrize(
    ("text", "cue", "present"),
    [
        ("i'd really like the ability to drop a song from the mix", "wish", True),
        ("can't wait for you to add a never play this artist button", "wish", True),
        ("my bag never arrived", "wish", False),
        ("that didn't help...", "not_fixed", True),
        ("issue persists on mobile", "not_fixed", True),
        ("thanks, it works now", "not_fixed", False),
        ("iphone 7 running ios 11.1.2", "device_info", True),
        ("spotify version 1.0.66.478", "device_info", True),
        ("the crew were lovely", "device_info", False),
    ],
)
def test_extra_cues(text: str, cue: str, present: bool) -> None:
    from tactful.understand.cues import EXTRA_CUE_NAMES, cue_features

    row = cue_features([text], EXTRA_CUE_NAMES)[0]
    assert bool(row[EXTRA_CUE_NAMES.index(cue)]) is present


def test_a_combiner_reads_only_the_features_its_spec_names() -> None:
    """Bundles written before the extra cues list fewer features; their weights still line up."""
    older = [f for f in FEATURES if f not in ("wish", "not_fixed", "device_info")]
    weights = np.zeros((len(older), len(INTENTS)))
    weights[older.index("question"), INTENTS.index("question")] = 5.0
    combiner = IntentCombiner.from_spec(
        {"features": older, "weights": weights.tolist(), "bias": [0.0] * len(INTENTS)}
    )
    row = np.zeros((1, len(FEATURES)))
    row[0, FEATURES.index("question")] = 1.0
    row[0, FEATURES.index("wish")] = 1.0  # not read by this combiner
    assert INTENTS[int(combiner.probabilities(row).argmax())] == "question"


def test_the_intent_text_head_adds_its_logits() -> None:
    from tactful.understand.analyzers.intent import TEXT_HEAD, intent_probabilities
    from tactful.understand.artefacts import load_bundle
    from tactful.understand.batch import Batch, Request
    from tactful.understand.heads import LinearHead

    shipped = load_bundle("fast")
    bundle = type(shipped)(shipped.tier, shipped.version, shipped.featurizer,
                           {k: v for k, v in shipped.heads.items() if k != TEXT_HEAD}, shipped.extras)
    combiner = IntentCombiner.rules()
    without = intent_probabilities(Batch([Request("hello there")], bundle), combiner)
    weights = np.zeros((shipped.featurizer.width, len(INTENTS)), dtype=np.float32)
    weights[:, INTENTS.index("praise")] = 50.0  # every TF-IDF column votes for praise
    bundle.heads[TEXT_HEAD] = LinearHead(TEXT_HEAD, list(INTENTS), ["tfidf"], "softmax", weights,
                                         np.zeros(len(INTENTS), dtype=np.float32))
    with_text = intent_probabilities(Batch([Request("hello there")], bundle), combiner)
    assert INTENTS[int(without.argmax())] != "praise"
    assert INTENTS[int(with_text.argmax())] == "praise"
