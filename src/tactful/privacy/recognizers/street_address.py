"""STREET_ADDRESS: house number + capitalised street name + street type, then optionally
a unit, a city, a state and a ZIP or UK postcode ("221B Baker Street, London NW1 6XE",
"1600 Pennsylvania Ave NW, Washington, DC 20500", "42 elm st" after 'I live at')."""

from __future__ import annotations

import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

_TYPES = (
    r"Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|"
    r"Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Close|Crescent|Cres|Trail|Trl|Row|Mews|Grove|Gardens|"
    r"Walk|Hill|Pike|Alley|Plaza|Loop"
)
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?"
_NAME_WORD = r"(?:[A-Z][a-z]+|[0-9]{1,3}(?:st|nd|rd|th)|[A-Z]\.?|O'[A-Z][a-z]+|Mc[A-Z][a-z]+)"
_STREET = (
    rf"[0-9]{{1,6}}[A-Za-z]?(?:-[0-9]{{1,4}})?\s+(?:{_DIRECTION}\s+)?(?:{_NAME_WORD}\s+){{1,3}}"
    rf"(?:{_TYPES})\b\.?(?:\s+{_DIRECTION}(?![\w]))?"
)
_UNIT = r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\.?\s*[0-9A-Za-z-]{1,6})?"
_CITY = r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})?"
_STATE_ZIP = r"(?:,?\s+[A-Z]{2}(?:\s+[0-9]{5}(?:-[0-9]{4})?)?|,?\s+[0-9]{5}(?:-[0-9]{4})?)?"
_UK_POSTCODE = r"(?:,?\s+[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2})?"
_ADDRESS = re.compile(rf"(?<![\w#$£€.-]){_STREET}{_UNIT}{_CITY}{_STATE_ZIP}{_UK_POSTCODE}(?![\w])")
# After an explicit cue people type addresses in lower case too.
_CUE = r"(?:live at|living at|lives at|address is|address:|ship(?:ped)? to|deliver(?:ed)? to|moved to|home at|house at|located at|send it to|mail it to)"  # noqa: E501
_CUED_TYPES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|terrace|parkway|close"
)
_CUED = re.compile(
    rf"{_CUE}\s+(?P<address>[0-9]{{1,6}}[a-z]?\s+(?:[a-z]+\s+){{1,3}}(?:{_CUED_TYPES})\b)",
    re.IGNORECASE,
)
_NUMBER_THEN_WORD = re.compile(r"[0-9][A-Za-z]?\s+[A-Za-z]")
_CUE_WORD = re.compile(r"live|living|address|ship|deliver|moved|home at|house at|located|send it|mail it")


@recognizers.register("street_address")
class StreetAddressRecognizer(Recognizer):
    name = "street_address"
    entity_types = ("STREET_ADDRESS",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        if not _NUMBER_THEN_WORD.search(text):
            return []
        spans = [
            self.span("STREET_ADDRESS", m.start(), _trim(m.group(), m.end()), 0.75)
            for m in _ADDRESS.finditer(text)
        ]
        if not _CUE_WORD.search(text.lower()):
            return spans
        for m in _CUED.finditer(text):  # lower-case forms the capitalised pattern did not find
            cued = self.span("STREET_ADDRESS", m.start("address"), m.end("address"), 0.85)
            if not any(cued.overlaps(s) for s in spans):
                spans.append(cued)
        return spans


def _trim(found: str, end: int) -> int:
    """A span never ends on a full stop: 'I live at 5 Elm St.' ends the sentence too."""
    return end - 1 if found.endswith(".") else end
