"""How urgent a post is: 0-100, with the factors that raised it as reason codes.

Priority grows with negative intensity, complaint probability, urgency cues
(cancelled, stuck, charged twice, safety words), waiting time and repeat
contact in the same thread. Each factor is capped so no single one dominates.
"""

from __future__ import annotations

import re

from tactful.engage.facts import PostFacts

URGENCY_CUES: dict[str, re.Pattern[str]] = {
    "cancelled": re.compile(r"\b(cancel+ed|cancel+ation)\b", re.I),
    "stranded": re.compile(r"\b(stuck|stranded|trapped|sleeping (?:at|in) the airport)\b", re.I),
    "charged_twice": re.compile(r"\b(charged (?:me )?twice|double[- ]charged|charged (?:me )?again)\b", re.I),
    "money": re.compile(r"\b(refund|chargeback|overcharged|still waiting for my money)\b", re.I),
    "safety": re.compile(
        r"\b(unsafe|danger(?:ous)?|injur(?:ed|y)|emergency|fire|smoke|medical|harass(?:ed|ment)|assault(?:ed)?)\b",
        re.I,
    ),
    "locked_out": re.compile(r"\b(locked out|can'?t (?:log ?in|access)|hacked)\b", re.I),
}


def priority(facts: PostFacts, *, base: int, cap: int) -> tuple[int, list[str]]:
    score = float(base)
    reasons: list[str] = []
    if facts.negative >= 0.5:
        score += 15 * facts.negative
        reasons.append("negative_tone")
    score += 10 * facts.complaint
    cues = [name for name, pattern in URGENCY_CUES.items() if pattern.search(facts.text)]
    if cues:
        score += 15
        reasons.extend(f"urgency.{name}" for name in cues)
    if facts.waiting_hours >= 1:
        score += min(10.0, 2 * facts.waiting_hours)
        reasons.append("waiting")
    if facts.repeat_contacts > 0:
        score += min(10, 5 * facts.repeat_contacts)
        reasons.append("repeat_contact")
    return int(round(min(float(cap), max(0.0, score)))), reasons
