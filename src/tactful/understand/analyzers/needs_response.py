"""``needs_response``: would a customer-care team want to answer this post?

Yes for an addressed complaint, question or suggestion, or for an ask
(a question or a request for help) inside an open thread; not for plain
thanks; never for a post that does not address the brand. The label follows
the intent label (so the two never disagree); the score is the intent
probability of complaint + question + suggestion, raised to at least
``THREAD_ASK_SCORE`` for an ask inside an open thread. Posts the models did
not score (other languages) get no guess (``None``) when addressed.
"""

from __future__ import annotations

import numpy as np

from tactful.records import Analysis, BinaryScore
from tactful.understand.analyzers.base import Analyzer, analyzers
from tactful.understand.batch import Batch
from tactful.understand.cues import CUE_NAMES

ACTIONABLE = ("complaint", "question", "suggestion")
THREAD_ASK_SCORE = 0.8
_ASK = [CUE_NAMES.index("question"), CUE_NAMES.index("request")]


def needs_response(analysis: Analysis, scored: bool, ask_in_thread: bool) -> BinaryScore:
    if analysis.addressed is None or not analysis.addressed.label:
        return BinaryScore(False, 0.0)
    if not scored or analysis.intent is None:
        return BinaryScore(None, None)
    score = sum(analysis.intent.scores.get(name, 0.0) for name in ACTIONABLE)
    if ask_in_thread:
        score = max(score, THREAD_ASK_SCORE)
    label = analysis.intent.label in ACTIONABLE or ask_in_thread
    return BinaryScore(label, round(min(score, 1.0), 4))


@analyzers.register("needs_response")
class NeedsResponseAnalyzer(Analyzer):
    name = "needs_response"
    version = "1.0.0"
    labels = ("true", "false")

    def analyze(self, batch: Batch, analyses: list[Analysis]) -> None:
        cues = np.asarray(batch.block("cues"))
        asks = [bool(cues[i, _ASK].any()) for i in range(len(batch))]
        for request, analysis, scored, ask in zip(
            batch.requests, analyses, batch.scored.tolist(), asks, strict=True
        ):
            analysis.needs_response = needs_response(analysis, scored, ask and request.in_open_thread)
            analysis.versions[self.name] = self.version
