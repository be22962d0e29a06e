"""Fitting linear heads with scikit-learn and exporting them as plain arrays (``LinearHead``).

scikit-learn is used at training time only; what ships is ``W`` and ``b``.
Binary heads are fitted on 0/1 targets so that ``labels[1]`` is always the
positive class, whatever the label strings sort to.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from tactful.understand.heads import LinearHead

SEED = 13


def logistic(c: float, balanced: bool) -> LogisticRegression:
    return LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=3000,
                              random_state=SEED)


def fit_softmax(name: str, inputs: list[str], x: sp.csr_matrix, y: Sequence[str], *, c: float,
                balanced: bool) -> LinearHead:
    model = logistic(c, balanced).fit(x, list(y))
    return LinearHead(name=name, labels=[str(label) for label in model.classes_], inputs=inputs, kind="softmax",
                      weights=model.coef_.T.astype(np.float32), bias=model.intercept_.astype(np.float32),
                      meta={"C": c, "class_weight": "balanced" if balanced else None, "n_train": len(y)})


def fit_sigmoid(name: str, inputs: list[str], x: sp.csr_matrix, y: Sequence[str], *, positive: str,
                negative: str, c: float, balanced: bool) -> LinearHead:
    target = np.array([label == positive for label in y], dtype=int)
    model = logistic(c, balanced).fit(x, target)
    return LinearHead(name=name, labels=[negative, positive], inputs=inputs, kind="sigmoid",
                      weights=model.coef_.T.astype(np.float32), bias=model.intercept_.astype(np.float32),
                      meta={"C": c, "class_weight": "balanced" if balanced else None, "n_train": len(y)})


def predict(head: LinearHead, x: sp.csr_matrix) -> list[str]:
    probabilities = head.probabilities(x)
    return [head.labels[i] for i in probabilities.argmax(axis=1)]
