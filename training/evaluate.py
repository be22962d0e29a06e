"""Val/dev figures of the *shipped* fast tier, measured through the public API.

Re-loads the written artefacts (float16 weights, manifest checks) and runs
``Understander`` exactly as users do, so the figures include language
detection (a val post flagged as another language counts as a miss), the
domain head choice and the aspect combination.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tactful.understand.api import Understander
from tactful.understand.artefacts import load_bundle
from tactful.understand.batch import Batch, Request
from tactful.understand.evaluation import evaluate
from tactful.understand.metrics import OFFICIAL
from training import data


def score(task: str, understander: Understander, texts: list[str], gold: list[str]) -> dict[str, Any]:
    rows = [{"text": t, "label": g} for t, g in zip(texts, gold, strict=True)]
    result = evaluate(task, rows, understander, label_field="label")
    return {result.metric: round(result.value, 4), "n": result.n, "unscored": result.unscored}


def blend(task: str, texts: list[str], gold: list[str]) -> float:
    """The alternative to a domain head: the mean of the general and airline heads' probabilities."""
    batch = Batch([Request(t) for t in texts], load_bundle("fast"))
    mean = (batch.probabilities("sentiment") + batch.probabilities("airline_sentiment")) / 2
    labels = batch.bundle.head("sentiment").labels
    return round(OFFICIAL[task][1](gold, [labels[i] for i in mean.argmax(axis=1)]), 4)


def evaluate_bundle(log: Callable[..., None]) -> dict[str, Any]:
    load_bundle.cache_clear()
    general = Understander()
    airline = Understander(aspects="airline")
    results: dict[str, Any] = {}
    for task in data.TWEETEVAL_TASKS:
        results[task] = score(task, general, *data.tweeteval(task, "val"))
    _, holdout = data.airline_split()
    texts, sentiments = [r["text"] for r in holdout], [r["sentiment"] for r in holdout]
    results["airline"] = {
        "airline_domain_head": score("airline", airline, texts, sentiments),
        "general_head": score("airline", general, texts, sentiments),
    }
    results["sentiment_with_airline_head"] = score("sentiment", airline, *data.tweeteval("sentiment", "val"))
    results["sentiment_blend"] = {
        "tweeteval_val_macro_recall": blend("sentiment", *data.tweeteval("sentiment", "val")),
        "airline_holdout_macro_f1": blend("airline", texts, sentiments),
    }
    results["aspects_airline"] = score("aspects", airline, *data.aspect_rows(holdout))
    for name, figures in results.items():
        log("shipped figure", task=name, figures=figures)
    return results
