import pytest

from tactful.understand.metrics import OFFICIAL, accuracy, f1_of, macro_f1, macro_recall

GOLD = ["a", "a", "b", "b", "c", "c"]
PRED = ["a", "b", "b", "b", "c", "a"]


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (macro_recall, (0.5 + 1.0 + 0.5) / 3),
        (macro_f1, (0.5 + 0.8 + 2 / 3) / 3),
        (accuracy, 4 / 6),
        (f1_of("b"), 0.8),
        (f1_of("z"), 0.0),
    ],
)
def test_metrics(metric, expected: float) -> None:
    assert metric(GOLD, PRED) == pytest.approx(expected)


def test_every_task_has_an_official_metric() -> None:
    assert set(OFFICIAL) == {
        "sentiment",
        "emotion",
        "irony",
        "offensive",
        "hate",
        "complaint",
        "airline",
        "intent",
        "aspects",
    }
    assert OFFICIAL["sentiment"][0] == "macro_recall" and OFFICIAL["irony"][0] == "f1_irony"
