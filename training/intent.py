"""Learn the intent combiner from the hand-labelled intent dev set (``training/labels``).

The combiner is a multinomial logistic model over ``analyzers.intent.FEATURES``
(complaint probability, cue indicators, sentiment probabilities). Posts from
the complaints corpus were in the complaint head's training data, so their
complaint probability is the out-of-fold one from the 10-fold CV: the
combiner must learn how far to trust an honest probability, not a memorised one.
Reported: 10-fold CV accuracy (all rows, and the unbiased ``sampling=hash``
rows) of the learned combiner, beside the hand-written rules on the same rows.

With ``text=True`` the combiner is fitted jointly with the post's TF-IDF row
(one multinomial logistic model over ``[features | tfidf]``); the TF-IDF part
ships as the ``intent_text`` head, whose logits the analyzer adds to the
combiner's. Only the TF-IDF columns that occur in the labelled rows are fitted
(an L2-regularised weight of a column that is always zero is zero anyway),
which makes the fit fast. The accurate tier uses it (with the mean- and max-pooled
embeddings; docs/models.md);
the fast tier does not (+1.8 points of CV, but short stand-alone complaints became "other";
docs/models.md): its text part is the static word vectors alone (``text=("static",)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from tactful.understand.analyzers.intent import FEATURES, INTENTS, TEXT_HEAD, IntentCombiner, intent_features
from tactful.understand.artefacts import ModelBundle
from tactful.understand.batch import Batch, Request
from tactful.understand.heads import LinearHead
from tactful.understand.metrics import accuracy
from training import data
from training.fit import SEED

C_GRID = (0.3, 1.0, 3.0, 10.0)
TEXT_C_GRID = (1.0, 3.0)  # with the TF-IDF columns beside the features


def learn_intent_combiner(
    bundle: ModelBundle,
    complaint_oof: dict[str, float],
    log: Callable[..., None],
    *,
    text: tuple[str, ...] = (),
    feature_scale: float = 1.0,
    features: tuple[str, ...] = FEATURES,
    text_c_grid: tuple[float, ...] = TEXT_C_GRID,
) -> tuple[IntentCombiner, LinearHead | None, dict[str, Any]]:
    """The combiner, the ``intent_text`` head over the ``text`` blocks (none: None) and the CV report.

    ``text`` may start with ``"tfidf"`` (only the columns that occur in the labelled rows are
    fitted); the other blocks are dense, e.g. ``"embedding"`` or ``"static"``.
    ``feature_scale`` multiplies the combiner's features beside the text while fitting (weaker
    regularisation of them; the exported weights absorb it).
    """
    rows = _labelled_rows()
    if not rows:
        log("intent dev set absent: shipping the rule combiner")
        return IntentCombiner.rules(), None, {"source": "rules", "note": "no intent dev set found"}
    batch = Batch([Request(r["text"]) for r in rows], bundle)
    x = intent_features(batch)
    for i, row in enumerate(rows):
        if row["source"] == "complaints" and row["text"] in complaint_oof:
            x[i, 0] = complaint_oof[row["text"]]
    gold = [r["label"] for r in rows]
    hash_rows = np.array([r["sampling"] == "hash" for r in rows])
    rules = _names(IntentCombiner.rules().probabilities(x))
    x = x[:, [FEATURES.index(name) for name in features]]
    report: dict[str, Any] = {
        "n": len(rows),
        "n_hash": int(hash_rows.sum()),
        "rules_accuracy": _accuracies(gold, rules, hash_rows),
    }
    best_c, best = max(((c, _cross_validate(x, gold, c)) for c in C_GRID), key=lambda item: item[1][0])
    report["learned_cv10"] = {"C": best_c, **_accuracies(gold, best[1], hash_rows)}
    # Airline posts may sit in the airline head's training split (their care-sentiment
    # feature is then in-sample); support posts are in no training set at all.
    report["learned_cv10_by_source"] = _by_source(gold, best[1], rows)
    text_head = None
    if text:
        blocks = [batch.block(name) for name in text]
        joint, columns = _with_text(x * feature_scale, blocks, tfidf_first=text[0] == "tfidf")
        text_c, text_best = max(((c, _cross_validate(joint, gold, c)) for c in text_c_grid),
                                key=lambda item: item[1][0])
        report["features_only_cv10"] = report["learned_cv10"]
        report["learned_cv10"] = {"C": text_c, "text": True, **_accuracies(gold, text_best[1], hash_rows)}
        report["learned_cv10_by_source"] = _by_source(gold, text_best[1], rows)
        width = bundle.featurizer.width if text[0] == "tfidf" else 0
        combiner, text_head = _split(_fit(joint, gold, text_c), x.shape[1], columns, width, list(text))
        combiner.weights = combiner.weights * feature_scale
        report["learned_cv10"]["feature_scale"] = feature_scale
    else:
        combiner = _fit(x, gold, best_c)
    combiner.features = features
    report["source"] = combiner.source
    log("learned intent combiner", **report["learned_cv10"], rules=report["rules_accuracy"]["all"])
    return combiner, text_head, report


def _with_text(
    x: np.ndarray, blocks: list[Any], tfidf_first: bool = True
) -> tuple[sp.csr_matrix, np.ndarray]:
    """``[features | the TF-IDF columns that occur in these rows | other blocks]``, those columns' indices.

    Without a TF-IDF block first (``tfidf_first=False``): ``[features | blocks]`` and no columns.
    """
    sparse: list[sp.csr_matrix] = []
    columns = np.zeros(0, dtype=np.int64)
    if tfidf_first:
        tfidf = sp.csr_matrix(blocks[0])
        columns = np.unique(tfidf.indices)
        sparse, blocks = [tfidf[:, columns]], blocks[1:]
    dense = [sp.csr_matrix(np.asarray(b, dtype=np.float32)) for b in blocks]
    return sp.hstack([sp.csr_matrix(x), *sparse, *dense], format="csr"), columns


def _split(
    joint: IntentCombiner, n_features: int, columns: np.ndarray, width: int, inputs: list[str]
) -> tuple[IntentCombiner, LinearHead]:
    """The joint model as a combiner (feature rows) and an ``intent_text`` head (the other rows)."""
    rest = joint.weights[n_features + len(columns) :]
    weights = np.zeros((width + len(rest), len(INTENTS)), dtype=np.float32)
    weights[columns] = joint.weights[n_features : n_features + len(columns)]
    weights[width:] = rest
    combiner = IntentCombiner(joint.weights[:n_features], joint.bias, "learned+text")
    head = LinearHead(name=TEXT_HEAD, labels=list(INTENTS), inputs=inputs, kind="softmax",
                      weights=weights, bias=np.zeros(len(INTENTS), dtype=np.float32),
                      meta={"note": "logits added to the intent combiner's (training/intent.py)"})
    return combiner, head


def _labelled_rows() -> list[dict[str, str]]:
    try:
        from training.labels.load import INTENT_CSV, load_intent_dev, read_label_rows
    except ImportError:
        return []
    if not INTENT_CSV.is_file():
        return []
    samplings = [r["sampling"] for r in read_label_rows(INTENT_CSV)]
    rows = load_intent_dev(data.DATA_DIR)
    return [{**row, "sampling": s} for row, s in zip(rows, samplings, strict=True)]


def _names(probabilities: np.ndarray) -> list[str]:
    return [INTENTS[i] for i in probabilities.argmax(axis=1)]


def _by_source(gold: list[str], predicted: list[str], rows: list[dict[str, str]]) -> dict[str, float]:
    out = {}
    for source in sorted({r["source"] for r in rows}):
        pairs = [(g, p) for g, p, r in zip(gold, predicted, rows, strict=True) if r["source"] == source]
        out[source] = round(accuracy([g for g, _ in pairs], [p for _, p in pairs]), 4)
    return out


def _accuracies(gold: list[str], predicted: list[str], hash_rows: np.ndarray) -> dict[str, float]:
    hashed = [(g, p) for g, p, h in zip(gold, predicted, hash_rows, strict=True) if h]
    return {
        "all": round(accuracy(gold, predicted), 4),
        "hash": round(accuracy([g for g, _ in hashed], [p for _, p in hashed]), 4),
    }


def _cross_validate(x: Any, gold: list[str], c: float) -> tuple[float, list[str]]:
    labels = np.array(gold)
    predicted = np.empty(len(gold), dtype=object)
    for train_idx, test_idx in StratifiedKFold(10, shuffle=True, random_state=SEED).split(x, labels):
        predicted[test_idx] = _names(
            _fit(x[train_idx], labels[train_idx].tolist(), c).probabilities(x[test_idx])
        )
    names = predicted.tolist()
    return accuracy(gold, names), names


def _fit(x: Any, gold: list[str], c: float) -> IntentCombiner:
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(x, gold)
    order = [list(model.classes_).index(label) for label in INTENTS]
    return IntentCombiner(model.coef_.T[:, order], model.intercept_[order], "learned")
