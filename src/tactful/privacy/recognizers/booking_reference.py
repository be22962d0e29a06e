"""BOOKING_REFERENCE: an airline PNR / booking confirmation code, only after a word that names one
("PNR", "record locator", "booking ref", "confirmation code/number", "reservation #", ...).

A PNR is six letters or digits; with the traveller's surname it opens the booking on the
airline's site (seats, meals, cancellation), so it is redacted like a password. Decisions:

* Only in context: a bare six-character code is never taken for one, so flight numbers
  ("UA1234", "flight BA2490"), gates, seats, versions and promo codes are left alone.
* The code holds a digit, or is written in capitals: "booking ref please" is a word.
* After "booking" or "reservation" alone the code must mix letters and digits ("my booking
  XJ7K2P"), since "my booking AGAIN" is shouting, not a code.
* Order, ticket, case, invoice and tracking numbers are *not* booking references: they name
  a transaction with the brand, grant no access on their own, and support needs them to route
  a complaint (docs/privacy.md). They stay, as before.
"""

from __future__ import annotations

import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

_STRONG_CUE = (
    r"pnr|record\s+locator|(?:booking|reservation|confirmation)\s*"
    r"(?:ref(?:erence)?|code|number|no\.?|num|#|id)|booking\s+ref|confirmation|conf\.?\s*(?:#|code|no\.?)"
)
_WEAK_CUE = r"booking|reservation"
_JOIN = r"(?:\s*(?:is|was|=|:|-|#)\s*|\s+)(?:(?:is|was)\s*:?\s*)?"
_CODE = r"(?P<code>(?<![\w-])[A-Za-z0-9]{6}(?![\w-]))"
_PATTERNS = (
    (re.compile(rf"(?i:\b(?:{_STRONG_CUE})){_JOIN}{_CODE}"), False),
    (re.compile(rf"(?i:\b(?:{_WEAK_CUE})){_JOIN}{_CODE}"), True),
)
_CUE = re.compile(r"pnr|locator|booking|reservation|confirmation|conf\b", re.IGNORECASE)


def looks_like_code(code: str, *, mixed: bool) -> bool:
    has_digit = any(ch.isdigit() for ch in code)
    has_letter = any(ch.isalpha() for ch in code)
    if mixed:
        return has_digit and has_letter
    return has_digit or code.isupper()


@recognizers.register("booking_reference")
class BookingReferenceRecognizer(Recognizer):
    name = "booking_reference"
    entity_types = ("BOOKING_REFERENCE",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        if not _CUE.search(text):
            return []
        spans: dict[tuple[int, int], PiiSpan] = {}
        for pattern, mixed in _PATTERNS:
            for m in pattern.finditer(text):
                if looks_like_code(m.group("code"), mixed=mixed):
                    score = 0.75 if mixed else 0.85
                    spans.setdefault(m.span("code"), self.span("BOOKING_REFERENCE", *m.span("code"), score))
        return list(spans.values())
