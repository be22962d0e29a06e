"""``intent``: complaint / question / suggestion / praise / other.

A small combiner (multinomial logistic model) over the complaint head's
probability, the cue features in ``cues.py``, the general and the
customer-care sentiment heads (the airline head is the one model trained on
posts to brands; it added 4 points of CV accuracy) and the emotion head, plus,
when the bundle has an ``intent_text`` head, that head's logits, learned
jointly with the combiner: over the post's static word vectors in the fast
tier, over its TF-IDF row and embedding in the accurate tier. Its
weights ship in the bundle's manifest (``extras.intent_combiner``): learned
from the hand-labelled intent dev set when ``training.build`` finds it,
otherwise the rule weights below, written by hand so that the precedence
complaint > question > suggestion > praise > other holds for mixed posts:
"thanks! ... but my bag is still missing" is a complaint (the complaint and
failure weights dominate gratitude), "where is my luggage?" is a complaint
(a missing thing is a failure cue), "can I change my seat online?" is a
question (no failure, low complaint probability).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tactful.records import Analysis
from tactful.understand.analyzers.base import Analyzer, Settings, analyzers, class_scores
from tactful.understand.batch import Batch
from tactful.understand.cues import CUE_NAMES, EXTRA_CUE_NAMES, cue_features
from tactful.understand.heads import softmax, stack_inputs

INTENTS = ("complaint", "question", "suggestion", "praise", "other")
FEATURES = (
    "complaint",
    *CUE_NAMES,
    "negative",
    "neutral",
    "positive",
    "care_negative",
    "care_neutral",
    "care_positive",
    "anger",
    "joy",
    "optimism",
    "sadness",
    *EXTRA_CUE_NAMES,
)
TEXT_HEAD = "intent_text"  # optional: TF-IDF weights learned with the combiner (training/intent.py)

# Rule weights: one column per intent in INTENTS; features not listed weigh nothing.
_RULES = {  # feature: (complaint, question, suggestion, praise, other)
    "complaint": (7.0, 0.0, 0.0, 0.0, 0.0),
    "question": (0.0, 3.0, 0.0, 0.0, 0.0),
    "gratitude": (0.0, 0.0, 0.0, 2.5, 0.0),
    "suggestion": (0.0, 0.0, 3.5, 0.0, 0.0),
    "failure": (2.0, 0.0, 0.0, -0.5, 0.0),
    "request": (0.5, 0.3, 0.0, 0.0, 0.0),
    "negative": (1.5, 0.0, 0.0, -1.0, 0.0),
    "neutral": (0.0, 0.0, 0.0, 0.0, 0.0),
    "positive": (-1.0, 0.0, 0.0, 2.5, 0.0),
}
_RULE_BIAS = (-3.5, -1.0, -1.5, -2.5, 0.0)


@dataclass
class IntentCombiner:
    weights: np.ndarray  # (len(FEATURES), len(INTENTS))
    bias: np.ndarray  # (len(INTENTS),)
    source: str  # "rules" or "learned"
    features: tuple[str, ...] = FEATURES  # the columns of intent_features that the weights read

    @classmethod
    def rules(cls) -> IntentCombiner:
        zero = (0.0,) * len(INTENTS)
        return cls(np.array([_RULES.get(f, zero) for f in FEATURES]), np.array(_RULE_BIAS), "rules")

    @classmethod
    def from_spec(cls, spec: dict[str, Any] | None) -> IntentCombiner:
        if not spec:
            return cls.rules()
        return cls(
            np.array(spec["weights"], dtype=np.float64),
            np.array(spec["bias"], dtype=np.float64),
            spec.get("source", "learned"),
            tuple(spec.get("features", FEATURES)),  # older bundles list fewer cues
        )

    def to_spec(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "labels": list(INTENTS),
            "source": self.source,
            "weights": np.round(self.weights, 6).tolist(),
            "bias": np.round(self.bias, 6).tolist(),
        }

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Scores per intent from the full ``intent_features`` matrix (the columns named in ``features``)."""
        if self.features != FEATURES:
            features = features[:, [FEATURES.index(name) for name in self.features]]
        return features @ self.weights + self.bias

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return softmax(self.logits(features))


def intent_features(batch: Batch) -> np.ndarray:
    """(n, len(FEATURES)): complaint probability, cues, sentiment, care sentiment, emotion probabilities."""
    complaint = batch.probabilities("complaint")[:, 1:2]
    heads = [batch.probabilities(name) for name in ("sentiment", "airline_sentiment", "emotion")]
    extra = cue_features(batch.prepared, EXTRA_CUE_NAMES)
    return np.hstack([complaint, np.asarray(batch.block("cues")), *heads, extra])


def intent_probabilities(batch: Batch, combiner: IntentCombiner) -> np.ndarray:
    """The combiner's probabilities, plus the text head's logits where the bundle ships one."""
    logits = combiner.logits(intent_features(batch))
    text_head = batch.bundle.heads.get(TEXT_HEAD)
    if text_head is not None:
        logits = logits + text_head.logits(stack_inputs([batch.block(name) for name in text_head.inputs]))
    return softmax(logits)


@analyzers.register("intent")
class IntentAnalyzer(Analyzer):
    name = "intent"
    version = "1.0.0"
    labels = INTENTS

    def load(self, settings: Settings) -> None:
        self.combiner = IntentCombiner.from_spec(settings.bundle.extras.get("intent_combiner"))

    def analyze(self, batch: Batch, analyses: list[Analysis]) -> None:
        probabilities = intent_probabilities(batch, self.combiner)
        for analysis, result in zip(
            analyses, class_scores(list(INTENTS), probabilities, batch.scored), strict=True
        ):
            analysis.intent = result
            analysis.versions[self.name] = f"{self.version}+{self.combiner.source}"
