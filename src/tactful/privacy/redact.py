"""Replace detected PII with placeholders; the second step after ``detect.detect_pii``.

Types map to fixed placeholders (``[EMAIL]``, ``[PHONE]`` ...) except third-party
handles, which become a stable pseudonymous ``@user-3f9a1c`` so a thread still
reads (the same handle always maps to the same placeholder in one installation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tactful.privacy.recognizers import PiiSpan
from tactful.privacy.recognizers.url import personal_parts

PLACEHOLDERS = {
    "EMAIL": "[EMAIL]",
    "PHONE": "[PHONE]",
    "CREDIT_CARD": "[CREDIT_CARD]",
    "IBAN": "[IBAN]",
    "US_SSN": "[US_SSN]",
    "IP_ADDRESS": "[IP_ADDRESS]",
    "STREET_ADDRESS": "[ADDRESS]",
    "BOOKING_REFERENCE": "[BOOKING_REF]",
    "PERSON": "[PERSON]",
    "URL": "[URL]",
}


def redact(text: str, spans: Iterable[PiiSpan], *, pseudonymise_handle: Callable[[str], str]) -> str:
    """``text`` with every span replaced. ``pseudonymise_handle('jane')`` returns e.g. 'user-3f9a1c'.

    Spans must not overlap (``detect_pii`` guarantees it); unknown types become ``[PII]``.
    """
    pieces: list[str] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: s.start):
        pieces.append(text[cursor : span.start])
        pieces.append(_replacement(text[span.start : span.end], span, pseudonymise_handle))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _replacement(found: str, span: PiiSpan, pseudonymise_handle: Callable[[str], str]) -> str:
    if span.type == "HANDLE":
        # inside a link the account part stands alone ("/u/jane" -> "/u/user-3f9a1c"); elsewhere an @mention
        at = "" if span.recognizer == "account_url" and not found.startswith("@") else "@"
        return at + pseudonymise_handle(found.lstrip("@"))
    return PLACEHOLDERS.get(span.type, "[PII]")


def strip_personal_tokens(url: str) -> str:
    """A link without its personal parts: personal query keys dropped; a personal path
    (unsubscribe link, token segment, email) cut back to the site's origin."""
    keys, personal_path = personal_parts(url)
    if not keys and not personal_path:
        return url
    parts = urlsplit(url if "://" in url else "http://" + url)
    if personal_path:
        return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
    drop = set(keys)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in drop])
    fragment = "" if any(k in drop for k, _ in parse_qsl(parts.fragment)) else parts.fragment
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, fragment))
