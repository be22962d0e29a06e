"""One concept, one small base class: a ``Recognizer`` finds PII spans in text.

Detection only: a recognizer never changes the text. Offsets are Python
``str`` indices (code points), so they stay right around emoji, astral
characters and right-to-left scripts: ``text[span.start:span.end]`` is the PII.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from tactful.registry import Registry


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """One piece of PII: its type, where it is, how sure we are, and who found it."""

    type: str
    start: int
    end: int
    score: float
    recognizer: str

    def overlaps(self, other: PiiSpan) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class DetectionContext:
    """What a recognizer may know besides the text: the brand's own handles (lowercase, no '@')."""

    brand_handles: frozenset[str] = field(default_factory=frozenset)


class Recognizer:
    """Finds spans of the ``entity_types`` it declares. Subclasses implement ``analyze``."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    entity_types: ClassVar[tuple[str, ...]] = ()

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        raise NotImplementedError

    def span(self, entity_type: str, start: int, end: int, score: float) -> PiiSpan:
        return PiiSpan(entity_type, start, end, score, self.name)


recognizers: Registry[type[Recognizer]] = Registry("recognizer", entry_point_group="tactful.recognizers")


_DIGIT = re.compile(r"[0-9]")


def count_digits(text: str) -> int:
    """ASCII digits in ``text``: the cheap test before any number recognizer does real work."""
    return len(_DIGIT.findall(text))
