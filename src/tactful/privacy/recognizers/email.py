"""EMAIL: plain addresses, and the obfuscated forms people type on social media
("jane.doe [at] gmail [dot] com", "jane at gmail dot com")."""

from __future__ import annotations

import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63}[A-Za-z0-9_%+-])?"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"

_PLAIN = re.compile(rf"(?<![\w.%+@]){_LOCAL}@(?:{_LABEL}\.)+[A-Za-z]{{2,24}}(?![\w-]|\.[A-Za-z0-9])")
# Spelled-out separators are only trusted with a common top-level domain, so that
# "meet me at the gate dot com" style prose is not taken for an address.
_AT = r"\s*(?:\[at\]|\(at\)|\{at\}|<at>)\s*|\s+at\s+"
_DOT = r"\s*(?:\[dot\]|\(dot\)|\{dot\}|<dot>)\s*|\s+dot\s+"
_TLD = r"(?:com|net|org|edu|gov|io|co|uk|de|fr|ca|au|me|info|us)"
_OBFUSCATED = re.compile(
    rf"(?<![\w.%+-]){_LOCAL}(?:{_AT})(?:{_LABEL}(?:{_DOT}|\.))+{_TLD}(?![\w-])",
    re.IGNORECASE,
)
_AT_INSIDE_A_WORD = re.compile(r"[A-Za-z0-9_%+-]@[A-Za-z0-9]")
_OBFUSCATION_MARK = re.compile(r"\[at\]|\(at\)|\{at\}|<at>|\bdot\b|\[dot\]|\(dot\)", re.IGNORECASE)
_WORDY_LOCAL = re.compile(r"^(?:me|us|you|him|her|them|it|is|was|home|work|least|most|all|once)\b", re.I)


@recognizers.register("email")
class EmailRecognizer(Recognizer):
    name = "email"
    entity_types = ("EMAIL",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        spans: list[PiiSpan] = []
        if "@" in text and _AT_INSIDE_A_WORD.search(text):
            spans += [self.span("EMAIL", m.start(), m.end(), 0.95) for m in _PLAIN.finditer(text)]
        if _OBFUSCATION_MARK.search(text):
            spans += [
                self.span("EMAIL", m.start(), m.end(), 0.8)
                for m in _OBFUSCATED.finditer(text)
                if not _WORDY_LOCAL.match(m.group())
            ]
        return spans
