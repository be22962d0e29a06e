"""PHONE: international (+44 ..., 0044 ...) and national (US/CA, UK, FR, AU, IE) numbers,
validated with ``phonenumbers``.

Social text is full of digit runs that are not phone numbers: prices, dates,
times, flight/order/ticket numbers, versions. Three guards keep them out:
a candidate must look like a dialled number (digit groups joined by single
separators, plausible group sizes), must not follow a context word such as
'order' or 'flight', and must be a *valid* number for some region we try.
"""

from __future__ import annotations

import re

import phonenumbers

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, count_digits, recognizers

# Digit groups joined by one separator; an opening "+", "00" or "(" may lead.
_CANDIDATE = re.compile(
    r"(?<![\w+#$€£¥@/.,:-])"
    r"(?:\+\s?)?\(?[0-9]{1,5}\)?(?:[ .\-\u00a0]?\(?[0-9]{1,5}\)?){1,6}"
    r"(?![\w%/$€£¥]|[.,:][0-9])"
)
_GROUP = re.compile(r"[0-9]+")
_DATE_SHAPE = re.compile(r"^\(?[0-9]{1,4}[.\-/ ][0-9]{1,2}[.\-/ ][0-9]{2,4}\)?$")
_NEGATIVE_CONTEXT = re.compile(
    r"(?:\b(?:order|ord|ref|reference|tracking|track|confirmation|conf|case|ticket|booking|invoice|isbn|"
    r"serial|model|flight|flt|pnr|member(?:ship)?|version|build|zip|postcode|po|id|acct|account|"
    r"receipt|transaction|txn|sku|item|part|imei|claim|policy|loyalty|rewards|card ending|no\.?|"
    r"number of|num)|#)\s*[:#.]?\s*(?:number|no\.?|num|#|is|was)?\s*[:#]?\s*$"
)
_POSITIVE_CONTEXT = re.compile(
    r"\b(?:call|text|phone|cell|mobile|mob|tel|number|whatsapp|ring|reach|contact|sms|fax|dial|"
    r"my no|digits)\W*(?:me|us|him|her|them|is|at|on|:)?\W*(?:at|on)?\W*$"
)
NATIONAL_REGIONS = ("US", "GB", "FR", "AU", "IE")
_MIN_DIGITS, _MAX_DIGITS = 9, 15


@recognizers.register("phone")
class PhoneRecognizer(Recognizer):
    name = "phone"
    entity_types = ("PHONE",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        if count_digits(text) < _MIN_DIGITS:
            return []
        spans = []
        for m in _CANDIDATE.finditer(text):
            if _NEGATIVE_CONTEXT.search(text[max(0, m.start() - 40) : m.start()].lower()):
                continue  # "ISBN 978-0-...", "version 10.0.19045": no part of the run is a number to dial
            found = _best_window(text, m.start(), m.group())
            if found is not None:
                spans.append(self.span("PHONE", *found))
        return spans


def _best_window(text: str, offset: int, candidate: str) -> tuple[int, int, float] | None:
    """The longest run of consecutive digit groups in the candidate that is a valid number."""
    groups = [(g.start(), g.end()) for g in _GROUP.finditer(candidate)]
    for size in range(len(groups), 0, -1):
        for first in range(len(groups) - size + 1):
            start, end = _window_bounds(candidate, groups, first, first + size)
            found = _judge(text, offset + start, offset + end)
            if found is not None:
                return found
    return None


def _window_bounds(candidate: str, groups: list[tuple[int, int]], first: int, stop: int) -> tuple[int, int]:
    start, end = groups[first][0], groups[stop - 1][1]
    if start > 0 and candidate[start - 1] == "(":
        start -= 1
    if start > 0 and candidate[start - 1] == "+":
        start -= 1
    elif start > 1 and candidate[start - 2 : start] == "+ ":
        start -= 2
    if end < len(candidate) and candidate[end] == ")":
        end += 1
    return start, end


def _judge(text: str, start: int, end: int) -> tuple[int, int, float] | None:
    number = text[start:end]
    digits = re.sub(r"[^0-9]", "", number)
    if not _MIN_DIGITS <= len(digits) <= _MAX_DIGITS or _DATE_SHAPE.match(number):
        return None
    before = text[max(0, start - 40) : start].lower()
    if _NEGATIVE_CONTEXT.search(before) or not _plausible_groups(number):
        return None
    if not _is_valid(number, digits):
        return None
    score = 0.9 if _POSITIVE_CONTEXT.search(before) else 0.75
    return start, end, score


def _plausible_groups(number: str) -> bool:
    """Single-digit groups only where dialling puts them: '1 415 ...', '+33 6 12 ...'."""
    sizes = [len(g) for g in _GROUP.findall(number)]
    international = number.startswith("+") or number.startswith("00")
    for i, size in enumerate(sizes):
        if size == 1 and not (i == 0 or (i == 1 and international)):
            return False
    # "2024 0315 14" is a year-led run, not a national number (those lead with 0 or an area code).
    year_led = not international and len(sizes) > 1 and sizes[0] >= 4 and number[0] != "0"
    return not year_led


def _is_valid(number: str, digits: str) -> bool:
    if number.startswith("+") or number.startswith("00"):
        dialled = "+" + (digits[2:] if number.startswith("00") else digits)
        # A "+" number is written to be dialled: a possible one is PII even when its range is
        # unallocated or reserved (e.g. the UK's 07700 900xxx fiction range).
        return _valid_in(dialled, None, possible=True)
    if digits.startswith("0"):
        return any(_valid_in(number, region) for region in NATIONAL_REGIONS[1:])
    return _valid_nanp(number, digits)


def _valid_nanp(number: str, digits: str) -> bool:
    sizes = [len(g) for g in _GROUP.findall(number)]
    if sizes not in ([10], [3, 3, 4], [1, 3, 3, 4], [3, 7], [11], [1, 10], [6, 4], [1, 6, 4]):
        return False
    return _valid_in(number, "US") or _valid_in(number, "CA")


def _valid_in(number: str, region: str | None, *, possible: bool = False) -> bool:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False
    if possible:
        return phonenumbers.is_possible_number(parsed)
    return phonenumbers.is_valid_number(parsed)
