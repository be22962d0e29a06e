"""Distil static word vectors from the shipped MiniLM encoder (``understand/static_vectors.py``).

The model2vec recipe, without PyTorch and at the word level: every unigram of
the word TF-IDF vocabulary is encoded alone by the shipped ONNX encoder
(mean-pooled, as a sentence of one word), the vectors are centred and reduced
by PCA to ``DIMENSIONS``, and rounded to float16 as shipped (training sees the
vectors inference will see). The weighting model2vec adds (Zipf / SIF) comes
from the TF-IDF row the vectors are pooled over. About half a minute on two
cores; needs onnxruntime and tokenizers at training time only.
"""

from __future__ import annotations

import numpy as np

from tactful.understand.features import TfidfBlock
from tactful.understand.static_vectors import StaticVectors

DIMENSIONS = 128  # CV F1 of complaint: 64 -> 0.778, 128 -> 0.782, 384 (no PCA) worse (docs/models.md)
TRAINING_THREADS = 2


def distil(block: TfidfBlock, dimensions: int = DIMENSIONS) -> StaticVectors:
    from tactful.understand.encoder import load_encoder

    columns = np.array([i for i, term in enumerate(block.terms) if " " not in term], dtype=np.int64)
    encoded = load_encoder(threads=TRAINING_THREADS).encode([block.terms[i] for i in columns])
    return StaticVectors(columns, principal_components(encoded, dimensions).astype(np.float16), block.width)


def principal_components(vectors: np.ndarray, dimensions: int) -> np.ndarray:
    """The centred vectors projected on their first ``dimensions`` principal axes, signs fixed."""
    centred = vectors.astype(np.float64) - vectors.astype(np.float64).mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    axes = axes[:dimensions]
    # An axis and its negation are equally principal: pick the sign that makes the largest loading
    # positive, so that a rebuild writes the same numbers.
    signs = np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])
    return centred @ (axes * signs[:, None]).T
