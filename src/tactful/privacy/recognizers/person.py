"""PERSON: names in contexts that name or identify someone ("my name is Jane", "her name was Jane",
"I'm Jane and", "ask for Marco", "shoutout to Priya at the counter", "agent Mike was rude",
"thanks to agent Priya", "Priya at the gate was so kind", "thanks to Omar from support",
"helped by Lena", "Mike from customer service", "my son Jake", a "- Jane" signature).
Bare capitalised words are never taken for names: without a naming context there is no
PERSON span."""

from __future__ import annotations

import re

from tactful.privacy.recognizers.base import DetectionContext, PiiSpan, Recognizer, recognizers

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zà-öø-ÿ"
_CAP = rf"[{_UPPER}][{_LOWER}]+(?:[-'][{_UPPER}]?[{_LOWER}]+)?"
_INITIAL = rf"[{_UPPER}]\.?"
# One or two capitalised names, an optional trailing initial ("Jane D.").
_NAME = rf"(?P<name>{_CAP}(?:\s{_CAP})?(?:\s{_INITIAL}(?![{_LOWER}]))?)"
_ANY_CASE_NAME = rf"(?P<name>[{_UPPER}{_LOWER}][{_LOWER}]+(?:\s[{_UPPER}][{_LOWER}]+)?)"
_ROLE = (
    r"agent|rep|representative|employee|cashier|driver|manager|supervisor|associate|attendant|"
    r"flight attendant|pilot|captain|waiter|waitress|server|technician|tech|engineer|staff member|"
    r"guy|lady|woman|man|girl|barista|clerk|courier|nurse|doctor|advisor|adviser|host|hostess|"
    r"receptionist|bartender|installer|delivery guy|delivery driver|specialist|operator"
)
_NAME_VERBS = (
    r"was|is|has|had|did|went|helped|fixed|sorted|made|saved|took|told|said|refused|hung|ignored|"
    r"yelled|laughed|deserves|rocks|rules|at|from|in|on|who|and|for|today|yesterday|just|"
    r"\.|,|!"
)
_I = r"(?i:i)"
_SPOT = (
    r"counter|desk|front desk|check-?in(?: desk)?|gate|reception|bag drop|lounge|service desk|help ?desk|"
    r"ticket counter|boarding gate|transfer desk"
)
_PRAISE_OR_BLAME = (
    r"(?:was|is)\s+(?:so\s+|very\s+|super\s+|really\s+|incredibly\s+|extremely\s+)?"
    r"(?:kind|lovely|amazing|rude|helpful|great|awesome|wonderful|fantastic|sweet|nice|patient|unhelpful|"
    r"dismissive|brilliant|a star|a gem|an angel|a legend|the best|the worst)|"
    r"helped|went above|sorted|fixed|saved|yelled|refused|deserves|rocks"
)
_FAMILY = (
    r"wife|husband|son|daughter|partner|friend|colleague|boss|mum|mom|dad|brother|sister|kid|boyfriend|"
    r"girlfriend|fiancée?|grandma|grandpa|nan|cousin|aunt|uncle|niece|nephew|coworker|co-worker"
)
_TEAM = (
    r"customer\s+(?:service|support|care|relations)|support|billing|the\s+(?:help\s*desk|call\s+cent(?:er|re)|"
    r"front\s+desk|ground\s+crew|cabin\s+crew|support\s+team|service\s+desk)"
)
_ROLE_WORD = re.compile(rf"\b(?:{_ROLE})\b")
_TAIL = 60  # sign-offs ("- Jane", "Cheers, Jane") sit at the very end

# (pattern, score, a cheap cue that must occur in the lower-cased text first, sign-off only)
_PATTERNS: tuple[tuple[re.Pattern[str], float, re.Pattern[str], bool], ...] = tuple(
    (re.compile(p), score, re.compile(cue) if isinstance(cue, str) else cue, tail)
    for p, score, cue, tail in (
        (rf"(?i:\b(?:my|her|his|their) name(?:'s| is| was)\s+){_ANY_CASE_NAME}", 0.85, "name", False),
        (rf"(?i:\bname\s*tag\s+(?:said|says|read|reads)\s+){_NAME}", 0.8, "tag", False),
        (
            rf"(?i:\b(?:name's|call me|this is)\s+){_NAME}(?=\s+(?:here|from|btw)\b)",
            0.75,
            "name's|call me|this is",
            False,
        ),
        (
            rf"\b{_I}(?:'m|’m| am)\s+{_NAME}(?=\s*(?:,\s*)?(?:and|from|here|btw|-|—)\b|\s*[,.!]\s*(?i:i|my|your)\b)",  # noqa: E501
            0.75,
            "i'm|i’m|i am",
            False,
        ),
        (rf"(?i:\b(?:ask|asked|asking)\s+for\s+){_NAME}", 0.8, "ask", False),
        (
            rf"(?i:\b(?:shout\s?out|shout-out|kudos|props|s/o)\s+(?:to\s+)?)"
            rf"{_NAME}(?=\s+(?:at|from|in|on|the|who|for)\b|\s*[,!])",
            0.7,
            "shout|kudos|props|s/o",
            False,
        ),
        (
            rf"(?i:\b(?:big thanks|thanks|thank you|thx)\s+(?:to\s+)?)"
            rf"{_NAME}(?=\s+(?i:at the|from the|on the|in the|who|from|at)\b)(?!\s+(?i:from the bottom))",
            0.7,
            "thank|thx",
            False,
        ),
        (rf"(?i:\b(?:{_ROLE})\s+(?:named|called|by the name of)\s+){_NAME}", 0.85, _ROLE_WORD, False),
        (
            rf"(?i:\b(?:to|by|with|thanks|thank you|thx|kudos|props)\s+(?:the\s+|your\s+)?(?:{_ROLE})\s+)"
            rf"{_NAME}(?=\s|[,.!)]|$)",
            0.75,
            _ROLE_WORD,
            False,
        ),
        (
            rf"(?:^|(?<=[\s,.!]))(?<!\bthe\s){_NAME}(?=\s+(?i:at|on|from)\s+the\s+(?i:{_SPOT})\s+(?i:{_PRAISE_OR_BLAME})\b)",
            0.7,
            "counter|desk|check|gate|reception|bag drop|lounge",
            False,
        ),
        (
            rf"(?:^|(?<=[\s,.!]))(?<!\bthe\s){_NAME}(?=\s+from\s+(?i:{_TEAM})\b)",
            0.7,
            "from",
            False,
        ),
        (
            rf"(?i:\b(?:served|helped|assisted|looked after|checked in|greeted|rebooked|taken care of|"
            rf"sorted out|rescued)\s+by\s+){_NAME}(?=\s|[,.!)]|$)",
            0.75,
            "by",
            False,
        ),
        (rf"(?i:\bmy\s+(?:{_FAMILY})\s+){_NAME}(?=\s|[,.!)']|$)", 0.7, "my", False),
        (rf"(?i:\b(?:{_ROLE})\s+){_NAME}(?=\s+(?i:{_NAME_VERBS})(?:\W|$))", 0.7, _ROLE_WORD, False),
        (
            rf"(?i:\b(?:spoke|spoken|talked|chatted|dealt)\s+(?:to|with)\s+){_NAME}(?=\s|[,.!]|$)",
            0.7,
            "spoke|talked|chatted|dealt",
            False,
        ),
        (rf"(?:^|\n)\s*{_NAME}\s+here\b", 0.7, "here", False),
        (rf"(?:^|\s)(?:-|–|—|~)\s?{_NAME}\s*$", 0.75, "[-–—~]", True),
        (
            rf"(?i:\b(?:regards|cheers|best|sincerely|xoxo|love))(?:,\s*|\s*\n\s*){_NAME}\s*[.!]?\s*$",
            0.7,
            "regards|cheers|best|sincerely|xoxo|love",
            True,
        ),
    )
)
# Capitalised words that follow the same cues but are not names.
NOT_NAMES = frozenset(
    [
        "i",
        "im",
        "is",
        "was",
        "has",
        "had",
        "got",
        "will",
        "can",
        "me",
        "my",
        "we",
        "you",
        "your",
        "he",
        "she",
        "they",
        "it",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "here",
        "there",
        "so",
        "not",
        "just",
        "really",
        "very",
        "still",
        "also",
        "now",
        "today",
        "tomorrow",
        "yesterday",
        "please",
        "thanks",
        "thank",
        "hi",
        "hello",
        "hey",
        "ok",
        "okay",
        "yes",
        "no",
        "sorry",
        "done",
        "going",
        "trying",
        "getting",
        "having",
        "being",
        "tired",
        "sure",
        "glad",
        "happy",
        "sad",
        "angry",
        "mad",
        "annoyed",
        "confused",
        "disappointed",
        "excited",
        "new",
        "back",
        "home",
        "out",
        "in",
        "on",
        "at",
        "from",
        "with",
        "for",
        "of",
        "and",
        "or",
        "but",
        "if",
        "when",
        "what",
        "who",
        "why",
        "how",
        "customer",
        "member",
        "user",
        "guest",
        "passenger",
        "client",
        "fan",
        "subscriber",
        "flight",
        "gate",
        "seat",
        "order",
        "ticket",
        "support",
        "team",
        "service",
        "help",
        "everyone",
        "everybody",
        "someone",
        "anyone",
        "all",
        "both",
        "mom",
        "dad",
        "mum",
        "god",
        "lord",
        "jesus",
        "sir",
        "madam",
        "ma'am",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
    ]
)


@recognizers.register("person")
class PersonRecognizer(Recognizer):
    name = "person"
    entity_types = ("PERSON",)

    def analyze(self, text: str, context: DetectionContext) -> list[PiiSpan]:
        lowered = text.lower()
        spans = []
        for pattern, score, cue, tail_only in _PATTERNS:
            start = max(0, len(text) - _TAIL) if tail_only else 0
            if not cue.search(lowered, max(0, len(lowered) - _TAIL) if tail_only else 0):
                continue
            for m in pattern.finditer(text, start):
                start, end = _strip_non_names(m.group("name"), m.start("name"))
                if end > start and not _is_brand_name(text[start:end], context.brand_handles):
                    spans.append(self.span("PERSON", start, end, score))
        return spans


def _is_brand_name(name: str, brand_handles: frozenset[str]) -> bool:
    """'Skylark' for @skylarkair, 'Spotify' for @SpotifyCares: the brand named in a naming context."""
    squashed = name.lower().replace(" ", "")
    if len(squashed) < 4:
        return False
    cores = {handle.replace("_", "").split("@")[0].split(".")[0] for handle in brand_handles}
    return any(squashed in core or (len(core) >= 4 and core in squashed) for core in cores)


def _strip_non_names(name: str, start: int) -> tuple[int, int]:
    """Drop words that are not names ('Jane Thanks' -> 'Jane'); nothing left means no span."""
    words = name.split()
    if not words or words[0].lower().strip(".") in NOT_NAMES:
        return start, start
    kept = words[:1]
    for word in words[1:]:
        if word.lower().strip(".") in NOT_NAMES:
            break
        kept.append(word)
    return start, start + len(" ".join(kept))
