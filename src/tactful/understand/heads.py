"""Linear heads: one weight matrix per task over the shared feature blocks.

A head names the feature blocks it reads (``inputs``, e.g. ``["tfidf",
"vader"]`` or ``["tfidf", "vader", "head:sentiment"]`` to stack another
head's probabilities) and holds ``W`` (features x outputs) and ``b``.
``kind`` is ``softmax`` for multi-class heads (one column per label) or
``sigmoid`` for binary heads (one column: the probability of ``labels[1]``).
Inference is a sparse-times-dense product, so a batch of 256 posts costs
well under a millisecond per head.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from tactful.errors import ModelError


@dataclass
class LinearHead:
    name: str
    labels: list[str]
    inputs: list[str]
    kind: str  # "softmax" or "sigmoid"
    weights: np.ndarray  # (n_features, n_outputs), float32
    bias: np.ndarray  # (n_outputs,), float32
    meta: dict[str, Any] = field(default_factory=dict)  # training figures, C, data sizes

    def __post_init__(self) -> None:
        outputs = 1 if self.kind == "sigmoid" else len(self.labels)
        if self.kind not in ("softmax", "sigmoid") or self.weights.shape[1] != outputs:
            raise ModelError(f"head {self.name!r}: weights do not match its kind and labels")

    def logits(self, features: sp.csr_matrix | np.ndarray) -> np.ndarray:
        """(n_posts, n_outputs) scores before the softmax / sigmoid."""
        if features.shape[1] != self.weights.shape[0]:
            raise ModelError(
                f"head {self.name!r} expects {self.weights.shape[0]} features, got {features.shape[1]}"
            )
        return np.asarray(features @ self.weights, dtype=np.float64) + self.bias

    def probabilities(self, features: sp.csr_matrix | np.ndarray) -> np.ndarray:
        """(n_posts, n_labels) probabilities; a sigmoid head gives [1 - p, p]."""
        logits = self.logits(features)
        if self.kind == "sigmoid":
            positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        return softmax(logits)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def stack_inputs(blocks: list[sp.csr_matrix | np.ndarray]) -> sp.csr_matrix:
    """Side by side, as one CSR matrix (dense blocks such as VADER scores become sparse columns)."""
    if len(blocks) == 1 and sp.issparse(blocks[0]):
        return blocks[0]
    return sp.hstack([sp.csr_matrix(b, dtype=np.float32) for b in blocks], format="csr")
