"""``emotion``: anger / joy / optimism / sadness (TweetEval emotion head)."""

from __future__ import annotations

from tactful.understand.analyzers.base import HeadAnalyzer, analyzers


@analyzers.register("emotion")
class EmotionAnalyzer(HeadAnalyzer):
    name = "emotion"
    version = "1.0.0"
    labels = ("anger", "joy", "optimism", "sadness")
    head_name = "emotion"
