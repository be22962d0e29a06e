"""Emerging topics: phrases that are new or growing this period against a baseline.

Pure: phrases (word 1-3 grams without stop words, hashtags kept) are scored by
the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
Colaresi & Quinn 2008), which stays stable for rare phrases. Each topic
carries its counts, its sentiment mix and a few example post ids.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

TOKEN = re.compile(r"#?[^\W\d_][\w'’-]*", re.UNICODE)
STOP = frozenset(
    """a about after again all also am an and any are as at be because been before being but by can could
    did do does doing don't for from get got had has have having he her here hers him his how i i'm if in into
    is it it's its just me more most my no not now of off on once only or other our out over own same she
    should so some still such than that the their them then there these they this those to too up very
    was we were what when where which while who why will with would you your yours user http https amp
    im dont cant didnt ive rt via say says said saying like really even going gonna know think lol us yeah
    ok okay""".split()  # noqa: SIM905 - a block of words reads better
)


@dataclass(frozen=True, slots=True)
class TopicPost:
    id: str
    text: str
    sentiment: str = "neutral"


@dataclass(slots=True)
class Topic:
    phrase: str
    score: float
    current: int
    baseline: int
    sentiment: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    @property
    def net_sentiment(self) -> float | None:
        pos, neg = self.sentiment.get("positive", 0), self.sentiment.get("negative", 0)
        return (pos - neg) / (pos + neg) if pos + neg else None


def phrases(text: str, max_n: int = 3) -> set[str]:
    words = [w.lower().strip("'’-") for w in TOKEN.findall(text)]
    edge_ok = [w not in STOP and len(w) >= 2 for w in words]  # may start or end a phrase
    inner_ok = [len(w) >= 2 for w in words]
    out: set[str] = set()
    for i, word in enumerate(words):
        if not edge_ok[i]:
            continue
        out.add(word)
        for n in range(2, max_n + 1):
            end = i + n - 1
            if end >= len(words) or not inner_ok[end]:
                break
            if edge_ok[end]:
                out.add(" ".join(words[i:end + 1]))
    return out


@functools.lru_cache(maxsize=8192)
def remembered_phrases(text: str) -> frozenset[str]:
    """``phrases(text)``, remembered for the most recent texts: explaining spikes and emerging topics
    again (the schedule, every dashboard load) reads the same posts, and phrases are most of the cost."""
    return frozenset(phrases(text))


def emerging_topics(current: Sequence[TopicPost], baseline: Iterable[TopicPost], *, limit: int = 10,
                    min_count: int = 3, examples: int = 3) -> list[Topic]:
    now_counts, base_counts = _document_counts(current), _document_counts(baseline)
    totals = (max(1, sum(now_counts.values())), max(1, sum(base_counts.values())))  # once, not per phrase
    scored = [
        Topic(p, _log_odds(n, base_counts.get(p, 0), *totals), n, base_counts.get(p, 0))
        for p, n in now_counts.items() if n >= min_count
    ]
    scored = [t for t in scored if t.score > 1.96]  # significant at ~95%
    ranked = sorted(scored, key=lambda t: (-round(t.score, 6), -t.phrase.count(" "), t.phrase))
    chosen = _drop_nested(ranked)[:limit]
    for topic in chosen:
        posts = [p for p in current if topic.phrase in remembered_phrases(p.text)]
        topic.sentiment = dict(Counter(p.sentiment for p in posts))
        topic.examples = [p.id for p in posts[:examples]]
    return chosen


def _document_counts(posts: Iterable[TopicPost]) -> Counter[str]:
    """Posts per phrase (the posts behind a chosen topic are looked up again, far fewer than all)."""
    counts: Counter[str] = Counter()
    for post in posts:
        counts.update(remembered_phrases(post.text))
    return counts


def _log_odds(a: int, b: int, n1: int, n2: int) -> float:
    """z-score of the log-odds ratio of a phrase in the current vs baseline counts (totals n1, n2)."""
    prior_total = 100.0
    alpha = prior_total * (a + b + 1) / (n1 + n2 + 1)
    l1 = math.log((a + alpha) / max(1e-9, n1 + prior_total - a - alpha))
    l2 = math.log((b + alpha) / max(1e-9, n2 + prior_total - b - alpha))
    variance = 1.0 / (a + alpha) + 1.0 / (b + alpha)
    return (l1 - l2) / math.sqrt(variance)


def _drop_nested(topics: list[Topic]) -> list[Topic]:
    """Keep "lost baggage" and drop "baggage" when both say the same thing."""
    kept: list[Topic] = []
    for topic in topics:
        if any(_nested(topic.phrase, k.phrase) and abs(topic.current - k.current) <= k.current * 0.25
               for k in kept):
            continue
        kept.append(topic)
    return kept


def _nested(a: str, b: str) -> bool:
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "
