"""Train the accurate tier from ../shared/data: ``python -m training.build --tier accurate``.

Same artefact format and training code as the fast tier (``training.heads``,
``training.fit``, ``training.intent``; ``understand/models/accurate/``), same
``Batch`` features at training and inference time. The difference is one more
feature block: the heads read ``[tfidf | embedding | vader]``, where
``embedding`` is the all-MiniLM-L6-v2 sentence vector (``understand/encoder.py``).
TF-IDF + MiniLM + VADER into a logistic regression was the best CPU recipe
measured on these benchmarks (docs/models.md).

Deterministic: sorted vocabulary, fixed seeds, fixed zip timestamps.
Embeddings come from ``training/.cache`` (``embed_cache.py``; filled on the
first run, about half an hour on two shared cores), so later rebuilds take
minutes. Settings were chosen on val/dev data only; the build re-measures the
written artefacts through the public API and writes ``training/reports/accurate.json``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "2")

import json  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from tactful.understand.api import Understander  # noqa: E402
from tactful.understand.artefacts import MODELS_DIR, ModelBundle, load_bundle, write_bundle  # noqa: E402
from tactful.understand.features import Featurizer, TfidfBlock, prepare  # noqa: E402
from tactful.understand.heads import LinearHead  # noqa: E402
from tactful.understand.metrics import OFFICIAL  # noqa: E402
from training import data  # noqa: E402
from training.embed_cache import EmbeddingStore, encoder_version, use_cached_embeddings  # noqa: E402
from training.evaluate import score  # noqa: E402
from training.fit import SEED, fit_sigmoid, fit_softmax, predict  # noqa: E402
from training.heads import Dataset, features, load_datasets  # noqa: E402
from training.intent import learn_intent_combiner  # noqa: E402

Log = Callable[..., None]

VERSION = "accurate-1.0.0"
OUT_DIR = MODELS_DIR / "accurate"
REPORT = Path(__file__).resolve().parent / "reports" / "accurate.json"
# A smaller vocabulary than the fast tier's: with the embedding beside it, more
# n-grams add little on val, and the weights ship in the same 60 MB as the encoder.
FEATURIZER = {"word": {"min_df": 2, "max_features": 40_000}, "char": {"min_df": 3, "max_features": 60_000}}
ALL = ["tfidf", "embedding", "vader"]
STACKED = [*ALL, "head:sentiment"]  # + the sentiment head's probabilities: +0.3 to +1.8 points on val
# C, class weights and NB-LR (``nb``: TF-IDF columns scaled by NB log-count ratios, ``training.fit``)
# chosen on the val/dev files (docs/models.md lists what was tried).
HEAD_SPECS: dict[str, dict[str, Any]] = {
    "sentiment": {"inputs": ALL, "C": 2.0, "balanced": True},
    "airline_sentiment": {"inputs": ALL, "C": 2.0, "balanced": True},
    # + the airline (care) sentiment head, C=1: val macro-F1 0.731 -> 0.751 with the refilled
    # embedding cache; + the [CLS] pooling and the hate head: 0.746 -> 0.751 (374 posts: all of it
    # is within noise; docs/models.md)
    "emotion": {"inputs": [*ALL[:2], "embedding:cls", *STACKED[2:], "head:airline_sentiment",
                           "head:hate"], "C": 1.0, "balanced": True, "nb": True},
    "irony": {"inputs": STACKED, "C": 2.0, "balanced": False, "nb": True, "positive": "irony",
              "negative": "non_irony"},
    # + the hate head (val 0.753 -> 0.759) and a decision threshold chosen by 5-fold CV on the
    # training tweets (0.760; ``cv_threshold``)
    "offensive": {"inputs": [*STACKED, "head:hate"], "C": 1.0, "balanced": True, "nb": True,
                  "positive": "offensive", "negative": "not-offensive", "cv_threshold": True},
    "hate": {"inputs": STACKED, "C": 2.0, "balanced": False, "positive": "hate", "negative": "not-hate"},
    # + the airline (customer-care) sentiment head and the cue indicators, as in the fast tier:
    # 10-fold CV F1 0.798 -> 0.807 (docs/models.md)
    "complaint": {"inputs": [*STACKED, "head:airline_sentiment", "cues"], "C": 2.0, "balanced": True,
                  "nb": True, "positive": "complaint", "negative": "not_complaint"},
    "aspects_airline": {"inputs": ["tfidf", "embedding"], "C": 4.0, "balanced": False},
}
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)  # candidates for ``cv_threshold``
VAL_TASK = {"airline_sentiment": "airline", "aspects_airline": "aspects"}  # head -> metric task


def all_texts() -> list[str]:
    """Every raw text the accurate tier trains or is measured on (for filling the embedding cache)."""
    return [t for d in load_datasets().values() for split in (d.train, d.val) if split for t in split[0]]


def fit_featurizer(sets: dict[str, Dataset]) -> Featurizer:
    """One vocabulary over the distinct training texts (never a val text), in a fixed order."""
    corpus = sorted({prepare(t) for d in sets.values() for t in d.train[0]})
    return Featurizer([TfidfBlock.fit(name, corpus, **params) for name, params in FEATURIZER.items()])


def fit_head(name: str, x: Any, labels: Sequence[str], tfidf_width: int = 0) -> LinearHead:
    """``tfidf_width`` > 0 with ``"nb": True`` in the spec: NB-LR on the TF-IDF columns (``training.fit``)."""
    spec = HEAD_SPECS[name]
    nb_columns = tfidf_width if spec.get("nb") else 0
    if "positive" in spec:
        return fit_sigmoid(name, spec["inputs"], x, labels, positive=spec["positive"],
                           negative=spec["negative"],
                           c=spec["C"], balanced=spec["balanced"], nb_columns=nb_columns)
    return fit_softmax(name, spec["inputs"], x, labels, c=spec["C"], balanced=spec["balanced"],
                       nb_columns=nb_columns)


def train_one(name: str, bundle: ModelBundle, dataset: Dataset, log: Log) -> LinearHead:
    inputs = HEAD_SPECS[name]["inputs"]
    x = features(bundle, dataset, "train", inputs)
    head = fit_head(name, x, dataset.train[1], bundle.featurizer.width)
    if HEAD_SPECS[name].get("cv_threshold"):
        move_threshold(head, cv_threshold(name, x, dataset.train[1], bundle.featurizer.width))
    if dataset.val is not None:
        metric_name, metric = OFFICIAL[VAL_TASK.get(name, name)]
        predicted = predict(head, features(bundle, dataset, "val", inputs))
        head.meta["val"] = {metric_name: round(metric(dataset.val[1], predicted), 4)}
    log("trained head", name=name, **head.meta.get("val", {}))
    return head


def cv_threshold(name: str, x: Any, labels: Sequence[str], tfidf_width: int) -> float:
    """The threshold on P(positive) that maximises the task's metric on 5-fold out-of-fold training
    probabilities (never a val text): balanced class weights centre a head on the training classes'
    mixture, which is not the one the metric rewards."""
    spec, gold = HEAD_SPECS[name], np.array(labels)
    oof = np.zeros(len(gold))
    for train_idx, test_idx in StratifiedKFold(5, shuffle=True, random_state=SEED).split(x, gold):
        head = fit_head(name, x[train_idx], gold[train_idx].tolist(), tfidf_width)
        oof[test_idx] = head.probabilities(x[test_idx])[:, 1]
    metric = OFFICIAL[name][1]

    def value(threshold: float) -> float:
        return metric(list(labels), [spec["positive"] if p >= threshold else spec["negative"] for p in oof])

    return max(THRESHOLDS, key=value)


def move_threshold(head: LinearHead, threshold: float) -> None:
    """Fold a decision threshold into a sigmoid head's bias: P >= threshold becomes P >= 0.5."""
    head.bias = (head.bias - np.log(threshold / (1.0 - threshold))).astype(np.float32)
    head.meta["threshold"] = threshold


def cross_validate_complaint(bundle: ModelBundle, dataset: Dataset,
                             log: Log) -> tuple[dict[str, float], float]:
    """10-fold CV F1 of the complaint class (pooled); each text's out-of-fold probability."""
    x = features(bundle, dataset, "train", HEAD_SPECS["complaint"]["inputs"])
    labels = np.array(dataset.train[1])
    oof = np.zeros(len(labels))
    for train_idx, test_idx in StratifiedKFold(10, shuffle=True, random_state=SEED).split(x, labels):
        head = fit_head("complaint", x[train_idx], labels[train_idx].tolist(), bundle.featurizer.width)
        oof[test_idx] = head.probabilities(x[test_idx])[:, 1]
    predicted = ["complaint" if p >= 0.5 else "not_complaint" for p in oof]
    f1 = OFFICIAL["complaint"][1](labels.tolist(), predicted)
    log("cross-validated complaint", cv10_f1_complaint=round(f1, 4))
    return dict(zip(dataset.train[0], oof.tolist(), strict=True)), f1


def train_bundle(log: Log) -> tuple[ModelBundle, dict[str, Any]]:
    sets = load_datasets()
    featurizer = fit_featurizer(sets)
    log("fitted featurizer", columns=featurizer.width)
    bundle = ModelBundle("accurate", "training", featurizer, {})
    order = ("sentiment", "airline_sentiment", "hate", "emotion", "irony", "offensive", "aspects_airline")
    for name in order:
        bundle.heads[name] = train_one(name, bundle, sets[name], log)
    complaint_oof, complaint_f1 = cross_validate_complaint(bundle, sets["complaint"], log)
    complaint = sets["complaint"]
    bundle.heads["complaint"] = fit_head("complaint", features(bundle, complaint, "train",
                                                               HEAD_SPECS["complaint"]["inputs"]),
                                         complaint.train[1], featurizer.width)
    bundle.heads["complaint"].meta["val"] = {"cv10_f1_complaint": round(complaint_f1, 4)}
    # The text part also reads the max-pooled embedding: CV accuracy 0.774 -> 0.780 on 1,284 rows
    combiner, text_head, intent_report = learn_intent_combiner(
        bundle, complaint_oof, log, text=("tfidf", "embedding", "embedding:max")
    )
    if text_head is not None:
        bundle.heads[text_head.name] = text_head
    bundle.extras = {"intent_combiner": combiner.to_spec(), "encoder": encoder_version()}
    report = {"heads": {n: h.meta.get("val") for n, h in bundle.heads.items()}, "intent": intent_report}
    return bundle, report


def evaluate_shipped(log: Log) -> dict[str, Any]:
    """The written artefacts, re-loaded and measured through ``Understander(tier="accurate")``."""
    load_bundle.cache_clear()
    general, airline = Understander(tier="accurate"), Understander(tier="accurate", aspects="airline")
    results: dict[str, Any] = {task: score(task, general, *data.tweeteval(task, "val"))
                               for task in data.TWEETEVAL_TASKS}
    _, holdout = data.airline_split()
    texts, sentiments = [r["text"] for r in holdout], [r["sentiment"] for r in holdout]
    results["airline"] = score("airline", airline, texts, sentiments)
    results["aspects_airline"] = score("aspects", airline, *data.aspect_rows(holdout))
    for name, figures in results.items():
        log("shipped figure", task=name, figures=figures)
    return results


def build(log: Log, out_dir: Path = OUT_DIR) -> dict[str, Any]:
    started = time.perf_counter()
    use_cached_embeddings(EmbeddingStore())
    bundle, training_report = train_bundle(log)
    write_bundle(out_dir, tier="accurate", version=VERSION, featurizer=bundle.featurizer, heads=bundle.heads,
                 extras=bundle.extras)
    log("wrote artefacts", directory=str(out_dir))
    report: dict[str, Any] = {"version": VERSION, "encoder": encoder_version(), "featurizer": FEATURIZER,
                              "specs": HEAD_SPECS, "training": training_report}
    if out_dir == OUT_DIR:
        report["shipped"] = evaluate_shipped(log)
    report["build_seconds"] = round(time.perf_counter() - started, 1)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return report


def _log(event: str, **fields: Any) -> None:
    details = " ".join(f"{k}={v}" for k, v in fields.items())
    print(f"[{time.strftime('%H:%M:%S')}] {event} {details}", flush=True)


def main() -> int:
    if not data.data_available():
        print(f"training.accurate: public data not found at {data.DATA_DIR}; nothing rebuilt")
        return 0
    build(_log)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
