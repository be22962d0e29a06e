"""Complaint, irony, offensive and hate analyzers on the shipped fast tier."""

import pytest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("@acme my order never arrived and nobody answers the phone", True),
        ("@acme still waiting for my refund after three weeks", True),
        ("@acme thanks so much, the new app is great", False),
        ("@acme what time does the store open on sunday?", False),
    ],
)
def test_complaint(analyse, text: str, label: bool) -> None:
    result = analyse(text).complaint
    assert result.label is label
    assert 0.0 <= result.score <= 1.0


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Oh great, another Monday. I just LOVE being stuck in traffic for two hours #not", True),
        ("Wow, thanks for cancelling my flight, exactly what I wanted #sarcasm", True),
        ("I had pasta for lunch today", False),
        # Known failure (docs/models.md): plain upbeat statements ("lovely evening with the family")
        # are often flagged as ironic; SemEval's ironic tweets are mostly positive-worded.
    ],
)
def test_irony(analyse, text: str, label: bool) -> None:
    assert analyse(text).irony.label is label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("@user you are a fucking idiot, shut up", True),
        ("@user thank you for the lovely message", False),
    ],
)
def test_offensive(analyse, text: str, label: bool) -> None:
    assert analyse(text).offensive.label is label


def test_hate_is_a_probability(analyse) -> None:
    result = analyse("have a nice day everyone").hate
    assert result.label is False and 0.0 <= result.score < 0.5
