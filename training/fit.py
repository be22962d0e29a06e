"""Fitting linear heads with scikit-learn and exporting them as plain arrays (``LinearHead``).

scikit-learn is used at training time only; what ships is ``W`` and ``b``.
Binary heads are fitted on 0/1 targets so that ``labels[1]`` is always the
positive class, whatever the label strings sort to.

NB-LR (``nb=True``; Wang & Manning 2012, "Baselines and bigrams"): the TF-IDF
columns are scaled by their log-count ratio ``r`` between the classes before
the logistic fit. The model stays linear in the unscaled features
(``W = r * w``), so inference is unchanged. Multi-class NB-LR is one-vs-rest,
its per-class logits joined by a softmax. It added 3 points of val macro-F1 on
emotion and offensive (docs/models.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from tactful.understand.heads import LinearHead

SEED = 13


def logistic(c: float, balanced: bool) -> LogisticRegression:
    return LogisticRegression(
        C=c, class_weight="balanced" if balanced else None, max_iter=3000, random_state=SEED
    )


def nb_ratios(x: sp.csr_matrix, target: np.ndarray, nb_columns: int) -> np.ndarray:
    """Smoothed log-count ratios of the first ``nb_columns`` (TF-IDF) columns; 1 for the rest."""
    present = x[:, :nb_columns].copy()
    present.data[:] = 1.0
    p = np.asarray(present[target == 1].sum(axis=0)).ravel() + 1.0
    q = np.asarray(present[target == 0].sum(axis=0)).ravel() + 1.0
    ratios = np.log((p / p.sum()) / (q / q.sum()))
    return np.concatenate([ratios, np.ones(x.shape[1] - nb_columns)])


def fit_binary(
    x: sp.csr_matrix,
    target: np.ndarray,
    *,
    c: float,
    balanced: bool,
    nb_columns: int,
    dense_scale: tuple[int, float] = (0, 1.0),
    tail_scale: tuple[int, float] = (0, 1.0),
) -> tuple[np.ndarray, float]:
    """(weights over the unscaled features, bias) of a (NB-)logistic model.

    ``dense_scale`` = (TF-IDF width, factor): the columns after the TF-IDF ones
    (VADER, stacked probabilities, cues) are multiplied by the factor while
    fitting, which loosens their regularisation; exported weights absorb it.
    ``tail_scale`` = (n, factor): the last n columns (a last input block, e.g. the
    static word vectors) are multiplied by the factor as well.
    """
    scale = nb_ratios(x, target, nb_columns) if nb_columns else np.ones(x.shape[1])
    scale[dense_scale[0] :] *= dense_scale[1]
    if tail_scale[0]:
        scale[-tail_scale[0] :] *= tail_scale[1]
    model = logistic(c, balanced).fit(x @ sp.diags(scale), target)
    return scale * model.coef_[0], float(model.intercept_[0])


def fit_softmax(
    name: str,
    inputs: list[str],
    x: sp.csr_matrix,
    y: Sequence[str],
    *,
    c: float,
    balanced: bool,
    nb_columns: int = 0,
) -> LinearHead:
    if nb_columns:
        return _fit_one_vs_rest_nb(name, inputs, x, y, c=c, balanced=balanced, nb_columns=nb_columns)
    model = logistic(c, balanced).fit(x, list(y))
    return LinearHead(
        name=name,
        labels=[str(label) for label in model.classes_],
        inputs=inputs,
        kind="softmax",
        weights=model.coef_.T.astype(np.float32),
        bias=model.intercept_.astype(np.float32),
        meta={"C": c, "class_weight": "balanced" if balanced else None, "n_train": len(y)},
    )


def _fit_one_vs_rest_nb(
    name: str,
    inputs: list[str],
    x: sp.csr_matrix,
    y: Sequence[str],
    *,
    c: float,
    balanced: bool,
    nb_columns: int,
) -> LinearHead:
    labels = sorted(set(y))
    gold = np.array(y)
    columns = [
        fit_binary(x, (gold == label).astype(int), c=c, balanced=balanced, nb_columns=nb_columns)
        for label in labels
    ]
    return LinearHead(
        name=name,
        labels=labels,
        inputs=inputs,
        kind="softmax",
        weights=np.column_stack([w for w, _ in columns]).astype(np.float32),
        bias=np.array([b for _, b in columns], dtype=np.float32),
        meta={"C": c, "class_weight": "balanced" if balanced else None, "n_train": len(y), "nb": True},
    )


def fit_sigmoid(
    name: str,
    inputs: list[str],
    x: sp.csr_matrix,
    y: Sequence[str],
    *,
    positive: str,
    negative: str,
    c: float,
    balanced: bool,
    nb_columns: int = 0,
    dense_scale: tuple[int, float] = (0, 1.0),
    tail_scale: tuple[int, float] = (0, 1.0),
) -> LinearHead:
    target = np.array([label == positive for label in y], dtype=int)
    weights, bias = fit_binary(
        x, target, c=c, balanced=balanced, nb_columns=nb_columns, dense_scale=dense_scale,
        tail_scale=tail_scale,
    )
    return LinearHead(
        name=name,
        labels=[negative, positive],
        inputs=inputs,
        kind="sigmoid",
        weights=weights.reshape(-1, 1).astype(np.float32),
        bias=np.array([bias], dtype=np.float32),
        meta={
            "C": c,
            "class_weight": "balanced" if balanced else None,
            "n_train": len(y),
            "nb": bool(nb_columns),
        },
    )


def predict(head: LinearHead, x: sp.csr_matrix) -> list[str]:
    probabilities = head.probabilities(x)
    return [head.labels[i] for i in probabilities.argmax(axis=1)]
