"""redact: spans in, placeholders out; strip_personal_tokens for links."""

from __future__ import annotations

import pytest

from tactful.privacy.detect import detect_pii
from tactful.privacy.recognizers import PiiSpan
from tactful.privacy.redact import PLACEHOLDERS, redact, strip_personal_tokens


def fake_handle(handle: str) -> str:
    return f"user-{len(handle):06d}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail jane.doe@gmail.com now", "mail [EMAIL] now"),
        ("call 415-555-2671 or +44 20 7946 0958", "call [PHONE] or [PHONE]"),
        ("card 4111 1111 1111 1111", "card [CREDIT_CARD]"),
        ("iban GB82 WEST 1234 5698 7654 32", "iban [IBAN]"),
        ("ssn 123-45-6789", "ssn [US_SSN]"),
        ("from 203.0.113.42", "from [IP_ADDRESS]"),
        ("I live at 42 Elm St, thx", "I live at [ADDRESS], thx"),
        ("my name is Jane and", "my name is [PERSON] and"),
        ("see https://x.com/a?token=1 ok", "see [URL] ok"),
        ("cc @jane_doe 👀", "cc @user-000008 👀"),
        ("👩‍👩‍👧 @jane 👩‍👩‍👧 jane@x.io", "👩‍👩‍👧 @user-000004 👩‍👩‍👧 [EMAIL]"),
        ("no pii at all", "no pii at all"),
    ],
)
def test_redact_replaces_each_span_by_its_placeholder(text: str, expected: str):
    assert redact(text, detect_pii(text), pseudonymise_handle=fake_handle) == expected


def test_same_handle_gets_the_same_placeholder_so_threads_still_read():
    text = "@jane_doe said @bob_b is wrong, @jane_doe"
    out = redact(text, detect_pii(text), pseudonymise_handle=lambda h: "user-" + h.lower()[:3])
    assert out == "@user-jan said @user-bob is wrong, @user-jan"


def test_unknown_span_types_get_a_generic_placeholder():
    assert (
        redact("abc secret xyz", [PiiSpan("PASSPORT", 4, 10, 0.9, "plugin")], pseudonymise_handle=fake_handle)
        == "abc [PII] xyz"
    )


def test_every_detected_type_has_a_placeholder():
    from tactful.privacy.detect import PII_TYPES

    assert set(PII_TYPES) - {"HANDLE"} == set(PLACEHOLDERS)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://acme.com/help", "https://acme.com/help"),
        ("https://acme.com/a?token=abc&page=2", "https://acme.com/a?page=2"),
        ("https://acme.com/a?email=jane%40gmail.com", "https://acme.com/a"),
        ("https://mail.acme.com/unsubscribe/u/7f3e?x=1", "https://mail.acme.com/"),
        ("https://acme.com/r/9f8e7d6c5b4a39281706f5e4d3c2b1a0", "https://acme.com/"),
        ("https://acme.com/deals?utm_source=tw", "https://acme.com/deals?utm_source=tw"),
    ],
)
def test_strip_personal_tokens(url: str, expected: str):
    assert strip_personal_tokens(url) == expected
