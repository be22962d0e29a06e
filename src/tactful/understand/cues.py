"""Cue features for intent: question, gratitude, suggestion, failure and request cues.

Cheap regular expressions over prepared (normalised, lowercased) text. They
feed the intent combiner beside the complaint and sentiment heads: the
complaint head knows a breach of expectations, but not a question from a
suggestion or thanks from small talk.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

CUE_NAMES = (
    "question",
    "gratitude",
    "suggestion",
    "failure",
    "request",
    "question_mark",
    "question_start",
    "thanks",
    "contact",
    "persistence",
    "negation",
    "link",
    "digits",
    "short",
)
# Read by the intent combiner only (the complaint heads read CUE_NAMES): added after an error
# analysis of the intent dev set (docs/models.md).
EXTRA_CUE_NAMES = ("wish", "not_fixed", "device_info")

_CUES = {
    "question": re.compile(
        r"\?|^(?:@user\s+)*(?:how|what|when|where|why|who|which|can|could|would|will|is|are|do|does|did|"
        r"should|may|any|anyone)\b|\b(?:how (?:do|can|to)|is there|are there|can i|could i|do you|"
        r"does anyone|"
        r"any way to|wondering|i was wondering)\b"
    ),
    "gratitude": re.compile(
        r"\b(?:thanks?|thx|thnx|ty|cheers|appreciate[ds]?|grateful|kudos|shout ?out|love|loved|loving|great|"
        r"awesome|amazing|excellent|best|wonderful|fantastic|perfect|brilliant)\b|[❤♥😍🙏👏😊🥰💕💯👍]"
    ),
    "suggestion": re.compile(
        r"\b(?:you (?:should|could|guys should|need to)|should (?:add|have|make|bring|let|allow|offer)|"
        r"please (?:add|bring|make|consider|allow|let)|would (?:be|love) (?:nice|great|cool|awesome|it)|"
        r"(?:it )?would be (?:nice|great|cool|awesome|better) if|why not|feature request|suggestion|"
        r"i wish|bring back|how about|consider (?:adding|making)|idea)\b"
    ),
    "failure": re.compile(
        r"\b(?:still|never|not|no|n't|can't|cannot|won't|doesn't|didn't|isn't|wasn't|haven't|hasn't|missing|"
        r"lost|broken|crash\w*|delay\w*|cancel+ed|late|waiting|wait|stuck|error|fail\w*|wrong|worst|terrible|"
        r"horrible|awful|ridiculous|unacceptable|disappoint\w*|again|refund|charged|hours?|days?|problem|"
        r"issue)\b|\bwhere(?:'s| is| are) (?:my|our|the)\b"
    ),
    "request": re.compile(
        r"\b(?:help|please|pls|plz|dm|fix|need|want|assist|contact|respond|reply|answer|"
        r"sort (?:it|this) out)\b"
    ),
    "question_mark": re.compile(r"\?"),
    "question_start": re.compile(
        r"^(?:@user\s+)*(?:how|what|when|where|why|who|which|can|could|would|will|is|are|"
        r"do|does|did|should|may|any|anyone)\b"
    ),
    "thanks": re.compile(r"\b(?:thanks?|thx|thnx|ty|cheers|appreciate[ds]?|grateful)\b"),
    "contact": re.compile(r"\b(?:dm|dms|direct message|message me|inbox|email|call me)\b"),
    "persistence": re.compile(r"\b(?:still|again|yet|anymore|no longer)\b"),
    "negation": re.compile(r"\b(?:not|no|never|can't|cannot|won't|doesn't|didn't)\b|n't\b"),
    "link": re.compile(r"\bhttp\b"),
    "digits": re.compile(r"\d"),
    "short": re.compile(r"^\W*(?:\S+\s+){0,5}\S*\W*$"),  # six words or fewer: often a detail-only reply
    # Wishes and feature asks that "suggestion" missed, "it still doesn't work" replies, and
    # detail-only replies about a device or app version.
    "wish": re.compile(
        r"\b(?:i'?d (?:really )*(?:like|love)|would (?:like|love) (?:it|to see|if|a|an|the)|"
        r"should (?:be (?:a way|an option|able|default)|allow|integrate|include|let)|"
        r"needs? to (?:add|update|make|allow)|can't wait for you to|ability to|an option to|"
        r"(?:add|create) (?:a|an) [\w\s'\"]{0,30}(?:button|option|feature|playlist)|please just do it)\b"
    ),
    "not_fixed": re.compile(
        r"\b(?:(?:didn't|doesn't|did not|does not|won't|still not|still doesn't|still won't) "
        r"(?:work|help|fix)|not working|stopped working|persists|same (?:issue|problem|thing)|reverted|"
        r"none of (?:those|these|that|them)|nothing changed|still (?:the same|happening|broken|having))\b"
    ),
    "device_info": re.compile(
        r"\b(?:ios|android|windows|macbook|mac|osx|os x|iphone|ipad|samsung|galaxy|pixel|laptop|desktop|"
        r"version|v?\d+\.\d+\.\d+\S*)\b"
    ),
}


def cue_features(prepared: Sequence[str], names: Sequence[str] = CUE_NAMES) -> np.ndarray:
    """(n, len(names)) matrix of 0/1 cue indicators."""
    searches = [_CUES[name].search for name in names]
    return np.array(
        [[search(text) is not None for search in searches] for text in prepared], dtype=np.float32
    ).reshape(-1, len(names))
