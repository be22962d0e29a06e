"""The ``Analyzer`` base class, the ``analyzers`` registry and the settings analyzers load from.

An analyzer assigns one field of ``Analysis`` for a whole batch. It has two
methods: ``load(settings)`` (fetch its head or lexicon once) and
``analyze(batch, analyses)``. Class metadata says what it is: ``name`` (the
``Analysis`` field), ``version`` and ``labels``. Built-ins register with
``@analyzers.register(name)``; plugins through the ``tactful.analyzers``
entry-point group. ``ORDER`` is the order the ``Understander`` runs them in
(later ones read what earlier ones assigned).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from tactful.records import Analysis, BinaryScore, ClassScores
from tactful.registry import Registry
from tactful.understand.artefacts import ModelBundle
from tactful.understand.aspects import Taxonomy
from tactful.understand.batch import Batch

ORDER = (
    "lang",
    "sentiment",
    "emotion",
    "complaint",
    "irony",
    "offensive",
    "hate",
    "intent",
    "addressed",
    "needs_response",
    "aspects",
)


@dataclass
class Settings:
    """What analyzers may need at load time, chosen once per ``Understander``."""

    bundle: ModelBundle
    brand_handles: frozenset[str] = frozenset()  # lowercase, without "@"
    taxonomy: Taxonomy | None = None
    domain: str | None = None  # e.g. "airline": selects a domain head where one is shipped
    options: dict[str, object] = field(default_factory=dict)


class Analyzer:
    name: ClassVar[str]
    version: ClassVar[str]
    labels: ClassVar[tuple[str, ...]] = ()

    def load(self, settings: Settings) -> None:
        """Fetch models and settings once, before the first batch."""

    def analyze(self, batch: Batch, analyses: list[Analysis]) -> None:
        """Assign this analyzer's field on every ``Analysis`` of the batch (same order)."""
        raise NotImplementedError


analyzers: Registry[type[Analyzer]] = Registry("analyzer", entry_point_group="tactful.analyzers")

UNSCORED = "unscored"


def class_scores(labels: list[str], probabilities: np.ndarray, scored: np.ndarray) -> list[ClassScores]:
    """One ``ClassScores`` per row: argmax label and rounded scores, or ``unscored``."""
    best = probabilities.argmax(axis=1)
    rounded = np.round(probabilities, 4).tolist()
    return [
        ClassScores(labels[b], dict(zip(labels, row, strict=True))) if ok else ClassScores(UNSCORED, {})
        for b, row, ok in zip(best.tolist(), rounded, scored.tolist(), strict=True)
    ]


def binary_scores(positive: np.ndarray, scored: np.ndarray, threshold: float = 0.5) -> list[BinaryScore]:
    """One ``BinaryScore`` per value: label ``p >= threshold``, or None where unscored."""
    return [
        BinaryScore(p >= threshold, round(p, 4)) if ok else BinaryScore(None, None)
        for p, ok in zip(positive.tolist(), scored.tolist(), strict=True)
    ]


class HeadAnalyzer(Analyzer):
    """A multi-class field read straight off one head of the bundle (sentiment, emotion)."""

    head_name: ClassVar[str]

    def load(self, settings: Settings) -> None:
        self.head = settings.bundle.head(self.head_name)

    def analyze(self, batch: Batch, analyses: list[Analysis]) -> None:
        results = class_scores(self.head.labels, batch.probabilities(self.head.name), batch.scored)
        for analysis, result in zip(analyses, results, strict=True):
            setattr(analysis, self.name, result)
            analysis.versions[self.name] = self.version


class BinaryHeadAnalyzer(HeadAnalyzer):
    """A yes/no field from a sigmoid head: the probability of ``head.labels[1]``."""

    def analyze(self, batch: Batch, analyses: list[Analysis]) -> None:
        positive = batch.probabilities(self.head.name)[:, 1]
        for analysis, result in zip(analyses, binary_scores(positive, batch.scored), strict=True):
            setattr(analysis, self.name, result)
            analysis.versions[self.name] = self.version
