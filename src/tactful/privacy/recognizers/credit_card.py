"""CREDIT_CARD: 13-19 digits (optionally grouped by spaces or dashes) with a known
issuer prefix and a valid Luhn checksum."""

from __future__ import annotations

import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, count_digits, recognizers

_CANDIDATE = re.compile(r"(?<![\w.,$€£-])[0-9](?:[ -]?[0-9]){12,18}(?![\w]|[.,-][0-9])")
_ISSUER = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|6011|6[45]|35)")
_NOT_A_CARD = re.compile(
    r"\b(?:imei|isbn|sku|serial|tracking|order|invoice|iccid|ean|upc|gtin)\W*(?:number|no\.?|#)?\W*$"
)
_CONTEXT = re.compile(r"\b(?:card|visa|mastercard|master card|amex|discover|cc|credit|debit|charged)\b")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _consistent_separators(number: str) -> bool:
    """Cards are typed as one run or in groups of 4 (Amex: 4-6-5); mixed runs are something else."""
    groups = re.split(r"[ -]", number)
    if len(groups) == 1:
        return True
    sizes = [len(g) for g in groups]
    return sizes in ([4, 6, 5], [4, 6, 4]) or all(s == 4 for s in sizes[:-1]) and 1 <= sizes[-1] <= 4


@recognizers.register("credit_card")
class CreditCardRecognizer(Recognizer):
    name = "credit_card"
    entity_types = ("CREDIT_CARD",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        if count_digits(text) < 13:
            return []
        spans = []
        for m in _CANDIDATE.finditer(text):
            number = m.group()
            digits = re.sub(r"[^0-9]", "", number)
            near = text[max(0, m.start() - 40) : m.start()].lower()
            if _NOT_A_CARD.search(near):
                continue
            if _ISSUER.match(digits) and luhn_ok(digits) and _consistent_separators(number):
                score = 0.95 if _CONTEXT.search(near) else 0.85
                spans.append(self.span("CREDIT_CARD", m.start(), m.end(), score))
        return spans
