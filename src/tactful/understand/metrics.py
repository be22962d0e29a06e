"""The official metrics of each task, in plain Python (used by ``tactful eval`` and ``training``).

TweetEval: sentiment = macro-averaged recall; emotion, offensive, hate =
macro F1; irony = F1 of the irony class. Complaints: F1 of the complaint
class. Airline sentiment: macro F1. Intent and aspects: accuracy (top-1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ClassReport:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


def per_class(gold: Sequence[str], predicted: Sequence[str]) -> list[ClassReport]:
    labels = sorted(set(gold) | set(predicted))
    reports = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        reports.append(ClassReport(label, precision, recall, f1, n_gold))
    return reports


def macro_recall(gold: Sequence[str], predicted: Sequence[str]) -> float:
    reports = [r for r in per_class(gold, predicted) if r.support]
    return sum(r.recall for r in reports) / len(reports)


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    reports = [r for r in per_class(gold, predicted) if r.support]
    return sum(r.f1 for r in reports) / len(reports)


def f1_of(label: str) -> callable:  # type: ignore[valid-type]
    def metric(gold: Sequence[str], predicted: Sequence[str]) -> float:
        return next((r.f1 for r in per_class(gold, predicted) if r.label == label), 0.0)

    metric.__name__ = f"f1_{label}"
    return metric


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


# task -> (metric name, metric)
OFFICIAL = {
    "sentiment": ("macro_recall", macro_recall),
    "emotion": ("macro_f1", macro_f1),
    "irony": ("f1_irony", f1_of("irony")),
    "offensive": ("macro_f1", macro_f1),
    "hate": ("macro_f1", macro_f1),
    "complaint": ("f1_complaint", f1_of("complaint")),
    "airline": ("macro_f1", macro_f1),
    "intent": ("accuracy", accuracy),
    "aspects": ("top1_accuracy", accuracy),
}
