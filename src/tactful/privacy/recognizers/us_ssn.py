"""US_SSN: 123-45-6789 (the dashed form on its own; spaced or bare nine digits only after
'SSN' / 'social security'), excluding numbers the SSA never issues."""

from __future__ import annotations

import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, count_digits, recognizers

_DASHED = re.compile(r"(?<![\w$#/.-])([0-9]{3})-([0-9]{2})-([0-9]{4})(?![\w/-]|[.,][0-9])")
_OTHER = re.compile(r"(?<![\w$#/.-])([0-9]{3}) ?([0-9]{2}) ?([0-9]{4})(?![\w/-]|[.,][0-9])")
_CONTEXT = re.compile(
    r"\b(?:ssn|ss#|social security(?: number| no\.?| #)?|social)\W{0,6}(?:is|was|:)?\W{0,3}$"
)


def ssn_ok(area: str, group: str, serial: str) -> bool:
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


@recognizers.register("us_ssn")
class UsSsnRecognizer(Recognizer):
    name = "us_ssn"
    entity_types = ("US_SSN",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        if count_digits(text) < 9:
            return []
        spans = []
        for m in _DASHED.finditer(text):
            if ssn_ok(*m.groups()):
                near = text[max(0, m.start() - 30) : m.start()].lower()
                spans.append(self.span("US_SSN", m.start(), m.end(), 0.95 if _CONTEXT.search(near) else 0.8))
        for m in _OTHER.finditer(text):
            near = text[max(0, m.start() - 30) : m.start()].lower()
            if "-" not in m.group() and ssn_ok(*m.groups()) and _CONTEXT.search(near):
                spans.append(self.span("US_SSN", m.start(), m.end(), 0.9))
        return spans
