"""``irony``: the post is ironic or sarcastic (TweetEval irony head)."""

from __future__ import annotations

from tactful.understand.analyzers.base import BinaryHeadAnalyzer, analyzers


@analyzers.register("irony")
class IronyAnalyzer(BinaryHeadAnalyzer):
    name = "irony"
    version = "1.0.0"
    labels = ("false", "true")
    head_name = "irony"
