"""``complaint``: the post expresses a breach of expectations.

The Preotiuc-Pietro et al. (2019) definition; the head is trained on their complaints corpus."""

from __future__ import annotations

from tactful.understand.analyzers.base import BinaryHeadAnalyzer, analyzers


@analyzers.register("complaint")
class ComplaintAnalyzer(BinaryHeadAnalyzer):
    name = "complaint"
    version = "1.0.0"
    labels = ("false", "true")
    head_name = "complaint"
