"""Score a labelled file with a task's official metric (``tactful eval`` and ``training``).

Gold labels are read from the row's label field (``--label-field``, or the
task's usual one: ``label`` for TweetEval-style files, ``complaint`` for the
complaints corpus, ``sentiment`` for the airline file, ``negative_reason``
mapped to aspect names for airline aspects). Binary gold labels may be the
class names or 0/1/true/false. A post the models declined to score
(another language) counts as a miss, labelled ``unscored``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tactful.errors import UsageError
from tactful.records import Analysis
from tactful.understand.api import Understander
from tactful.understand.aspects import AIRLINE_REASON_ASPECTS
from tactful.understand.metrics import OFFICIAL, ClassReport, per_class

# task -> (positive name, negative name) for yes/no fields
BINARY = {
    "irony": ("irony", "non_irony"),
    "offensive": ("offensive", "not-offensive"),
    "hate": ("hate", "not-hate"),
    "complaint": ("complaint", "not_complaint"),
}
LABEL_FIELDS = {
    "complaint": ("complaint", "label"),
    "airline": ("sentiment", "label"),
    "aspects": ("aspect", "negative_reason", "label"),
}
TASKS = tuple(OFFICIAL)
_TRUE = {"1", "true", "yes"}
_FALSE = {"0", "false", "no"}


@dataclass
class EvalResult:
    task: str
    metric: str
    value: float
    n: int
    unscored: int
    classes: list[ClassReport]

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "metric": self.metric,
            "value": round(self.value, 4),
            "n": self.n,
            "unscored": self.unscored,
            "classes": [
                {
                    "label": c.label,
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "support": c.support,
                }
                for c in self.classes
            ],
        }


def gold_label(task: str, row: Mapping[str, Any], label_field: str | None = None) -> str | None:
    """The row's gold label in the task's vocabulary, or None when it has none (row skipped)."""
    fields = (label_field,) if label_field else LABEL_FIELDS.get(task, ("label",))
    value = next((row[f] for f in fields if row.get(f) is not None), None)
    if value is None:
        return None
    if task in BINARY:
        return _binary(task, value)
    if task == "aspects":
        return AIRLINE_REASON_ASPECTS.get(str(value), None if value in ("Can't Tell", "") else str(value))
    return str(value)


def _binary(task: str, value: Any) -> str:
    yes, no = BINARY[task]
    text = str(value).strip().lower()
    if text in _TRUE or text == yes:
        return yes
    if text in _FALSE or text == no:
        return no
    raise UsageError(f"a {task} gold label must be {yes}/{no} or 0/1/true/false")


def predicted_label(task: str, analysis: Analysis) -> str:
    if task in BINARY:
        score = getattr(analysis, task)
        yes, no = BINARY[task]
        return "unscored" if score is None or score.label is None else (yes if score.label else no)
    if task == "aspects":
        return analysis.aspects[0].name if analysis.aspects else "none"
    field = "sentiment" if task == "airline" else task
    return getattr(analysis, field).label


def evaluate(
    task: str, rows: Sequence[Mapping[str, Any]], understander: Understander, label_field: str | None = None
) -> EvalResult:
    if task not in OFFICIAL:
        raise UsageError(f"unknown task {task!r} (known: {', '.join(TASKS)})")
    labelled = [(row, label) for row in rows if (label := gold_label(task, row, label_field)) is not None]
    if not labelled:
        raise UsageError(f"no row has a gold label for {task} (use --label-field)")
    gold = [g for _, g in labelled]
    predicted = [predicted_label(task, a) for a in understander.analyze([row for row, _ in labelled])]
    metric_name, metric = OFFICIAL[task]
    return EvalResult(
        task,
        metric_name,
        metric(gold, predicted),
        len(gold),
        sum(p == "unscored" for p in predicted),
        per_class(gold, predicted),
    )
