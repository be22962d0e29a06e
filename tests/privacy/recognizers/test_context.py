"""Context rules of single recognizers: what turns a candidate on or off."""

from __future__ import annotations

import pytest

from tactful.privacy.recognizers import DetectionContext
from tactful.privacy.recognizers.credit_card import CreditCardRecognizer
from tactful.privacy.recognizers.handle import HandleRecognizer, is_brand
from tactful.privacy.recognizers.phone import PhoneRecognizer
from tactful.privacy.recognizers.url import is_personal
from tactful.privacy.recognizers.us_ssn import UsSsnRecognizer

NO_CONTEXT = DetectionContext()


def found(recognizer, text: str, context: DetectionContext = NO_CONTEXT) -> list[str]:
    return [text[s.start : s.end] for s in recognizer.analyze(text, context)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me 415-555-2671", ["415-555-2671"]),
        ("order #415-555-2671", []),
        ("tracking number 4155552671", []),
        ("flight 4155552671", []),
        ("$4155552671", []),
        ("gate 12 415 555 2671", ["415 555 2671"]),  # the dialable part of a longer run
        ("2024-03-15 14", []),  # a date and an hour, not a DC number
        ("call 555 123 4567", []),  # invalid exchange: not a real number
    ],
)
def test_phone_context_and_validation(text: str, expected: list[str]):
    assert found(PhoneRecognizer(), text) == expected


def test_phone_scores_higher_with_a_calling_word():
    (with_cue,) = PhoneRecognizer().analyze("text me on 415-555-2671", NO_CONTEXT)
    (without,) = PhoneRecognizer().analyze("hmm 415-555-2671", NO_CONTEXT)
    assert with_cue.score > without.score


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card 4111 1111 1111 1111", ["4111 1111 1111 1111"]),
        ("IMEI 490154203237518", []),
        ("4111 11 1111 111111 1", []),  # groups no card is printed in
        ("9111 1111 1111 1111", []),  # no issuer starts with 9
    ],
)
def test_credit_card_structure(text: str, expected: list[str]):
    assert found(CreditCardRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ssn 536 22 1234", ["536 22 1234"]),
        ("ref 536 22 1234", []),
        ("536221234", []),
        ("my ssn is 536221234", ["536221234"]),
    ],
)
def test_undashed_ssn_needs_a_cue(text: str, expected: list[str]):
    assert found(UsSsnRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("handle", "brand", "expected"),
    [
        ("@Acme", {"acme"}, True),
        ("acme", {"acme@mastodon.social"}, True),
        ("acme@evil.social", {"acme"}, False),
        ("acme@mastodon.social", {"acme@mastodon.social"}, True),
        ("acmefan", {"acme"}, False),
    ],
)
def test_brand_handle_matching(handle: str, brand: set[str], expected: bool):
    assert is_brand(handle, frozenset(brand)) is expected


def test_user_placeholder_of_anonymised_datasets_is_not_a_handle():
    assert found(HandleRecognizer(), "@user @user thanks") == []


@pytest.mark.parametrize(
    ("url", "personal"),
    [
        ("https://acme.com/help", False),
        ("https://acme.com/deals?utm_source=twitter&utm_campaign=x", False),
        ("https://acme.com/a?token=abc", True),
        ("https://acme.com/a?EMAIL=x", True),
        ("https://acme.com/a?ref=jane%40gmail.com", True),
        ("https://acme.com/unsubscribe", True),
        ("https://acme.com/r/9f8e7d6c5b4a39281706f5e4d3c2b1a0", True),
        ("https://acme.com/orders/2231", False),
        ("https://youtu.be/dQw4w9WgXcQ", False),
        ("https://acme.com/#access_token=abc", True),
    ],
)
def test_personal_url_rules(url: str, personal: bool):
    assert is_personal(url) is personal
