"""Find the PII in a text: run every registered recognizer, then keep one span per region.

When spans overlap, the most specific type wins (a Luhn-valid card beats a phone
reading of the same digits; a personal URL swallows the email inside it), then
the higher score, then the longer span.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from tactful.privacy.recognizers import DetectionContext, PiiSpan, Recognizer, recognizers

# Higher = more specific: checksums and structure beat context-only guesses.
SPECIFICITY = {
    "URL": 10,
    "IBAN": 9,
    "CREDIT_CARD": 8,
    "EMAIL": 8,
    "US_SSN": 7,
    "IP_ADDRESS": 7,
    "HANDLE": 6,
    "PHONE": 5,
    "BOOKING_REFERENCE": 5,
    "STREET_ADDRESS": 4,
    "PERSON": 3,
}
PII_TYPES = tuple(SPECIFICITY)


@lru_cache(maxsize=1)
def _all_recognizers() -> tuple[Recognizer, ...]:
    return tuple(recognizers.get(name)() for name in recognizers.names())


def detect_pii(text: str, brand_handles: Iterable[str] = ()) -> list[PiiSpan]:
    """Every piece of PII in ``text``, in order, without overlaps. Brand handles are never PII."""
    context = _context(tuple(brand_handles))
    found: list[PiiSpan] = []
    for recognizer in _all_recognizers():
        found.extend(recognizer.analyze(text, context))
    return merge_spans(found)


@lru_cache(maxsize=64)
def _context(brand_handles: tuple[str, ...]) -> DetectionContext:
    return DetectionContext(frozenset(h.lstrip("@").lower() for h in brand_handles))


def merge_spans(spans: Iterable[PiiSpan]) -> list[PiiSpan]:
    spans = list(spans)
    if len(spans) < 2:
        return spans
    ranked = sorted(spans, key=lambda s: (-SPECIFICITY.get(s.type, 0), -s.score, -(s.end - s.start), s.start))
    kept: list[PiiSpan] = []
    for span in ranked:
        if span.end > span.start and not any(span.overlaps(k) for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
