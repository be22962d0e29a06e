"""``sentiment``: negative / neutral / positive.

The general head is trained on SemEval-2017 tweets. Domain data helps its own
domain and hurts the general one (docs/models.md), so a domain head is used
only when the ``Understander`` is set to that domain (``aspects="airline"``
selects the ``airline`` domain) and the bundle ships ``<domain>_sentiment``.
"""

from __future__ import annotations

from tactful.understand.analyzers.base import HeadAnalyzer, Settings, analyzers


@analyzers.register("sentiment")
class SentimentAnalyzer(HeadAnalyzer):
    name = "sentiment"
    version = "1.0.0"
    labels = ("negative", "neutral", "positive")
    head_name = "sentiment"

    def load(self, settings: Settings) -> None:
        domain_head = f"{settings.domain}_sentiment"
        name = domain_head if settings.domain and domain_head in settings.bundle.heads else self.head_name
        self.head = settings.bundle.head(name)
