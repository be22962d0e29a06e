"""``aspects``: what the post is about, from the configured taxonomy, with the sentiment toward each.

Fast tier: keyword/phrase matching from the taxonomy (``understand/aspects/*.toml``),
plus, for a taxonomy with a trained head in the bundle (``aspects_<name>``, shipped
for ``airline``: trained on the dataset's negative reasons), that head's probability,
read only for posts that look like complaints or negative (the head only saw those)
or that name an aspect (there the head ranks what the post names and may add a
related aspect, but a post about nothing in the taxonomy stays without one):
``(head + 0.5 * lexicon) / 1.5``. The head is right more often than the lexicon
(top-1 0.69 vs 0.52 on airline complaints), the lexicon names aspects the head
was never trained on (price, loyalty) and works for every preset.

The sentiment toward an aspect is the sentiment of the clause that names it
("love the crew but my bag is lost": crew positive, baggage negative), read
with the VADER lexicon (valences + negation) when the post has several
clauses and the clause carries polarity; otherwise the post's sentiment.
"""

from __future__ import annotations

import re
from typing import ClassVar

from tactful.records import Analysis, AspectHit
from tactful.understand.analyzers.base import Analyzer, Settings, analyzers
from tactful.understand.aspects import Taxonomy, load_taxonomy
from tactful.understand.batch import Batch
from tactful.understand.lexicon import lexicon_polarity

LEXICON_SCORES = (0.0, 0.6, 0.75, 0.85)  # by number of keyword hits (3 or more: the last)
LEXICON_WEIGHT = 0.5  # beside the head's probability; chosen on our airline training split (docs/models.md)
HEAD_GATE = 0.5  # the head is read only when P(complaint) or P(negative) reaches this
MIN_SCORE = 0.1
RELATIVE_CUTOFF = 0.5  # an aspect the text does not name must score at least half the top one
MAX_ASPECTS = 3
_CLAUSE = re.compile(r"[.!?;]+\s|\s(?:but|however|although|though|yet|except)\s")


def lexicon_scores(taxonomy: Taxonomy, prepared: str) -> dict[str, tuple[float, int]]:
    """aspect -> (score, character offset of the first hit), for aspects with a hit."""
    found = {}
    for aspect in taxonomy.aspects:
        hits = aspect.hits(prepared)
        if hits:
            found[aspect.name] = (LEXICON_SCORES[min(len(hits), 3)], hits[0].start())
    return found


def clause_at(prepared: str, offset: int) -> str | None:
    """The clause containing ``offset``, or None when the text is a single clause."""
    separators = list(_CLAUSE.finditer(prepared))
    if not separators:
        return None
    start = max((m.end() for m in separators if m.end() <= offset), default=0)
    end = min((m.start() for m in separators if m.start() >= offset), default=len(prepared))
    return prepared[start:end]


def polarity(valence: float, fallback: str) -> str:
    if valence > 0:
        return "positive"
    if valence < 0:
        return "negative"
    return fallback


@analyzers.register("aspects")
class AspectsAnalyzer(Analyzer):
    name = "aspects"
    version = "1.0.0"
    labels: ClassVar[tuple[str, ...]] = ("<the taxonomy's aspect names>",)

    def load(self, settings: Settings) -> None:
        self.taxonomy = settings.taxonomy or load_taxonomy("software")
        self.head = settings.bundle.heads.get(f"aspects_{self.taxonomy.name}")

    def analyze(self, batch: Batch, analyses: list[Analysis]) -> None:
        lexicon = [lexicon_scores(self.taxonomy, prepared) for prepared in batch.prepared]
        head = self._head_scores(batch, analyses, [bool(found) for found in lexicon])
        for i, (prepared, analysis) in enumerate(zip(batch.prepared, analyses, strict=True)):
            analysis.versions[self.name] = f"{self.version}+{self.taxonomy.name}"
            if not batch.scored[i]:
                analysis.aspects = []
                continue
            post_sentiment = analysis.sentiment.label if analysis.sentiment else "neutral"
            analysis.aspects = self._hits(prepared, lexicon[i], head.get(i), post_sentiment)

    def _head_scores(self, batch: Batch, analyses: list[Analysis],
                     named: list[bool]) -> dict[int, dict[str, float]]:
        """The head's probabilities for posts that read as complaints (the only posts it was trained on)
        or that name an aspect (the head then ranks the named aspects, so it cannot put an aspect
        on a post about nothing in the taxonomy)."""
        if self.head is None:
            return {}
        complaint = batch.probabilities("complaint")[:, 1].tolist()
        negative = [a.sentiment.scores.get("negative", 0.0) if a.sentiment else 0.0 for a in analyses]
        probabilities = batch.probabilities(self.head.name).tolist()
        return {
            i: dict(zip(self.head.labels, row, strict=True))
            for i, row in enumerate(probabilities)
            if named[i] or max(complaint[i], negative[i]) >= HEAD_GATE
        }

    def _hits(self, prepared: str, lexicon: dict[str, tuple[float, int]], head: dict[str, float] | None,
              post_sentiment: str) -> list[AspectHit]:
        scored = [
            (combined_score(lexicon.get(name, (0.0, -1))[0], head, name), -order, name)
            for order, name in enumerate(self.taxonomy.names)
        ]
        ranked = sorted((item for item in scored if item[0] >= MIN_SCORE), reverse=True)
        # A named aspect (a lexicon hit) is always kept; others must reach half the top score.
        kept = [(s, n) for s, _, n in ranked if n in lexicon or s >= RELATIVE_CUTOFF * ranked[0][0]]
        return [
            AspectHit(name, round(score, 4), self._sentiment(prepared, lexicon.get(name), post_sentiment))
            for score, name in kept[:MAX_ASPECTS]
        ]

    @staticmethod
    def _sentiment(prepared: str, hit: tuple[float, int] | None, post_sentiment: str) -> str:
        clause = clause_at(prepared, hit[1]) if hit else None
        if clause is None:
            return post_sentiment
        return polarity(lexicon_polarity(clause), post_sentiment)


def combined_score(lexicon: float, head: dict[str, float] | None, name: str) -> float:
    """The lexicon score alone, or, where the head speaks, (head + w * lexicon) / (1 + w)."""
    if head is None:
        return lexicon
    return (head.get(name, 0.0) + LEXICON_WEIGHT * lexicon) / (1.0 + LEXICON_WEIGHT)
