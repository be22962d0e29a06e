"""IBAN: country code, check digits and account, validated by length and the mod-97 checksum."""

from __future__ import annotations

import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

# Lengths per country (ISO 13616 registry, the common ones).
IBAN_LENGTHS = {
    "AD": 24,
    "AE": 23,
    "AL": 28,
    "AT": 20,
    "AZ": 28,
    "BA": 20,
    "BE": 16,
    "BG": 22,
    "BH": 22,
    "BR": 29,
    "CH": 21,
    "CR": 22,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "DO": 28,
    "EE": 20,
    "EG": 29,
    "ES": 24,
    "FI": 18,
    "FO": 18,
    "FR": 27,
    "GB": 22,
    "GE": 22,
    "GI": 23,
    "GL": 18,
    "GR": 27,
    "GT": 28,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IL": 23,
    "IS": 26,
    "IT": 27,
    "JO": 30,
    "KW": 30,
    "KZ": 20,
    "LB": 28,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MC": 27,
    "MD": 24,
    "ME": 22,
    "MK": 19,
    "MR": 27,
    "MT": 31,
    "MU": 30,
    "NL": 18,
    "NO": 15,
    "PK": 24,
    "PL": 28,
    "PS": 29,
    "PT": 25,
    "QA": 29,
    "RO": 24,
    "RS": 22,
    "SA": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "TN": 24,
    "TR": 26,
    "UA": 29,
    "VG": 24,
    "XK": 20,
}
_CANDIDATE = re.compile(r"(?<![\w])[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]){10,30}")


def iban_ok(compact: str) -> bool:
    compact = compact.upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _take(text: str, start: int, length: int) -> int | None:
    """End offset after ``length`` alphanumerics from ``start`` (single spaces allowed between)."""
    seen, i = 0, start
    while i < len(text) and seen < length:
        if text[i].isascii() and text[i].isalnum():
            seen += 1
        elif text[i] != " " or text[i - 1] == " ":
            return None
        i += 1
    return i if seen == length else None


@recognizers.register("iban")
class IbanRecognizer(Recognizer):
    name = "iban"
    entity_types = ("IBAN",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        spans = []
        for m in _CANDIDATE.finditer(text):
            length = IBAN_LENGTHS.get(m.group()[:2].upper())
            end = _take(text, m.start(), length) if length else None
            if end is None or (end < len(text) and text[end].isalnum()):
                continue
            if iban_ok(re.sub(r" ", "", text[m.start() : end])):
                spans.append(self.span("IBAN", m.start(), end, 0.95))
        return spans
