"""detect_pii over the case tables: exact type and span for PII, nothing for non-PII."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.privacy.cases.non_pii_cases import BRAND_HANDLES as NON_PII_BRAND
from tests.privacy.cases.non_pii_cases import all_non_pii_cases
from tests.privacy.cases.pii_cases import BRAND_HANDLES, PiiCase, all_pii_cases
from tests.privacy.cases.realistic_cases import REALISTIC_CASES

from tactful.privacy.detect import detect_pii, merge_spans
from tactful.privacy.recognizers import PiiSpan, recognizers

PII_CASES = all_pii_cases()
OFFSET_VALUES = [
    ("EMAIL", "jane.doe@gmail.com"),
    ("PHONE", "+44 20 7946 0958"),
    ("CREDIT_CARD", "4111 1111 1111 1111"),
    ("IBAN", "DE89 3704 0044 0532 0130 00"),
    ("US_SSN", "536-22-1234"),
    ("IP_ADDRESS", "203.0.113.42"),
    ("HANDLE", "@jane_doe"),
    ("URL", "https://acme.com/a?token=abc"),
]
NON_PII_CASES = all_non_pii_cases()


def expected_spans(case: PiiCase) -> list[tuple[str, int, int]]:
    spans, cursor = [], 0
    for pii_type, value in case.expected:
        start = case.text.index(value, cursor)
        spans.append((pii_type, start, start + len(value)))
        cursor = start + len(value)
    return spans


def test_the_tables_are_big_enough():
    assert len(PII_CASES) >= 300
    assert len(NON_PII_CASES) >= 300
    assert len({c.text for c in PII_CASES}) == len(PII_CASES)


@pytest.mark.parametrize("case", PII_CASES, ids=[c.id for c in PII_CASES])
def test_pii_is_found_with_its_exact_type_and_span(case: PiiCase):
    found = detect_pii(case.text, BRAND_HANDLES)
    assert [(s.type, s.start, s.end) for s in found] == expected_spans(case)


@pytest.mark.parametrize("case", REALISTIC_CASES, ids=[c.id for c in REALISTIC_CASES])
def test_realistic_posts_get_exactly_their_labelled_spans(case: PiiCase):
    found = detect_pii(case.text, BRAND_HANDLES)
    assert [(s.type, s.start, s.end) for s in found] == expected_spans(case)


@pytest.mark.parametrize("text", NON_PII_CASES)
def test_non_pii_is_left_alone(text: str):
    assert detect_pii(text, NON_PII_BRAND) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("👩‍👩‍👧👩‍👩‍👧 jane.doe@gmail.com", "jane.doe@gmail.com"),
        ("𝓐𝓑𝓒 415-555-2671 𝓐𝓑𝓒", "415-555-2671"),
        ("שלום @jane_doe שלום", "@jane_doe"),
        ("مرحبا 4111 1111 1111 1111 مرحبا", "4111 1111 1111 1111"),
    ],
)
def test_offsets_are_code_point_indices_that_slice_out_the_pii(text: str, value: str):
    (span,) = detect_pii(text)
    assert text[span.start : span.end] == value
    assert span.start == text.index(value)


def test_brand_handles_are_never_flagged_whatever_their_case():
    assert detect_pii("@ACME @AcmeSupport help", ["@acme", "AcmeSupport"]) == []
    assert [s.type for s in detect_pii("@ACME @jane help", ["acme"])] == ["HANDLE"]


def test_every_span_says_which_recognizer_found_it_and_how_sure():
    spans = detect_pii("call 415-555-2671 or mail jane.doe@gmail.com")
    assert [(s.recognizer, 0 < s.score <= 1) for s in spans] == [("phone", True), ("email", True)]


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        # a card reading beats a phone reading of the same digits
        (
            [PiiSpan("PHONE", 0, 10, 0.9, "phone"), PiiSpan("CREDIT_CARD", 0, 19, 0.85, "credit_card")],
            ["CREDIT_CARD"],
        ),
        # a personal URL swallows the email inside it
        ([PiiSpan("EMAIL", 30, 45, 0.95, "email"), PiiSpan("URL", 0, 50, 0.9, "url")], ["URL"]),
        # same type: the higher score wins, then the longer span
        ([PiiSpan("PERSON", 0, 4, 0.7, "a"), PiiSpan("PERSON", 0, 8, 0.85, "b")], ["b"]),
        ([PiiSpan("PERSON", 0, 4, 0.7, "a"), PiiSpan("PERSON", 0, 8, 0.7, "b")], ["b"]),
        # disjoint spans all stay, in text order
        ([PiiSpan("EMAIL", 20, 30, 0.9, "e"), PiiSpan("PHONE", 0, 10, 0.9, "p")], ["PHONE", "EMAIL"]),
    ],
)
def test_merge_keeps_the_most_specific_then_surest_span(spans, kept):
    merged = merge_spans(spans)
    assert [s.type if s.type != "PERSON" else s.recognizer for s in merged] == kept


def test_every_builtin_recognizer_is_in_the_one_registry():
    assert set(recognizers.names()) >= {
        "email",
        "phone",
        "credit_card",
        "iban",
        "us_ssn",
        "ip_address",
        "street_address",
        "person",
        "handle",
        "url",
    }


NOISE = st.text(alphabet=st.sampled_from(list("𝓐𝓑👩‍👧🏳️‍🌈😭مرحباשלום日本 abc.,!?")), max_size=12)


@settings(max_examples=60, deadline=None)
@given(before=NOISE, after=NOISE, case=st.sampled_from(OFFSET_VALUES))
def test_offsets_hold_whatever_unicode_surrounds_the_pii(before: str, after: str, case: tuple[str, str]):
    pii_type, value = case
    text = f"{before} {value} {after}"
    spans = [s for s in detect_pii(text) if s.type == pii_type]
    assert [(s.start, s.end) for s in spans] == [(len(before) + 1, len(before) + 1 + len(value))]
