"""``hate``: hate speech against immigrants or women (TweetEval / HatEval 2019 head)."""

from __future__ import annotations

from tactful.understand.analyzers.base import BinaryHeadAnalyzer, analyzers


@analyzers.register("hate")
class HateAnalyzer(BinaryHeadAnalyzer):
    name = "hate"
    version = "1.0.0"
    labels = ("false", "true")
    head_name = "hate"
