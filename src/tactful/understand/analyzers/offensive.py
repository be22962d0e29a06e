"""``offensive``: offensive language (TweetEval / OffensEval 2019 head)."""

from __future__ import annotations

from tactful.understand.analyzers.base import BinaryHeadAnalyzer, analyzers


@analyzers.register("offensive")
class OffensiveAnalyzer(BinaryHeadAnalyzer):
    name = "offensive"
    version = "1.0.0"
    labels = ("false", "true")
    head_name = "offensive"
