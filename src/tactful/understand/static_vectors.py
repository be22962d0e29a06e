"""Static word vectors distilled from the shipped MiniLM encoder: a dense block with no encoder at run time.

Each word (unigram) of the first TF-IDF block's vocabulary was run alone
through the MiniLM encoder at training time (``training/static_vectors.py``,
the model2vec recipe at the word level) and the vectors reduced by PCA. A
post's vector is the TF-IDF-weighted sum of its words' vectors (the idf plays
the part of model2vec's frequency weighting), L2-normalised: one sparse-times-
dense product over the TF-IDF row the batch already has, a few microseconds a
post. Words outside the vocabulary, and word bigrams, have no vector.

Why: the complaint corpus is small (2,453 posts) and n-gram weights do not
share strength between words of similar meaning; these vectors do
(docs/models.md, complaint).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from tactful.errors import ModelError


@dataclass
class StaticVectors:
    """``vectors[i]`` belongs to column ``columns[i]`` of the first TF-IDF block (of ``width`` columns)."""

    columns: np.ndarray  # int, ascending
    vectors: np.ndarray  # (len(columns), dimensions)
    width: int

    def __post_init__(self) -> None:
        if len(self.columns) != len(self.vectors) or (len(self.columns) and self.columns.max() >= self.width):
            raise ModelError("static word vectors do not match their vocabulary")
        self.vectors = np.ascontiguousarray(self.vectors, dtype=np.float32)
        # column of the TF-IDF block -> row of ``vectors`` (-1: no vector)
        self._row = np.full(self.width, -1, dtype=np.int64)
        self._row[self.columns] = np.arange(len(self.columns))

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])

    def embed(self, tfidf: sp.csr_matrix) -> np.ndarray:
        """(n, dimensions) unit vectors (zero where no word has a vector) from TF-IDF rows."""
        words = sp.csr_matrix(tfidf[:, : self.width])
        rows = self._row[words.indices]
        keep = rows >= 0
        mapped = sp.csr_matrix(
            (words.data[keep], rows[keep], _kept_indptr(words.indptr, keep)),
            shape=(words.shape[0], len(self.columns)),
        )
        out = np.asarray(mapped @ self.vectors, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def _kept_indptr(indptr: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Row pointers after dropping the entries where ``keep`` is False."""
    cumulative = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])
    return cumulative[indptr]
