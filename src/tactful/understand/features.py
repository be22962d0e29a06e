"""One TF-IDF featurisation per post, shared by every linear head.

Two blocks, each L2-normalised on its own and then placed side by side:

* ``word``: lowercased word 1-2 grams (handles as ``@user``, emoji and
  punctuation as tokens of their own: ``!!!`` and 😡 carry sentiment);
* ``char``: character 2-5 grams inside word boundaries (``char_wb``), which
  survive misspellings, elongations and unsplit hashtags.

Weights follow scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
(``1 + log(tf)`` times a smoothed idf), but fitting and transforming are
implemented here with numpy/scipy only, so a shipped vocabulary is plain
data (a term list plus an idf array) that loads in any version, needs no
pickle and no network. ``models-accurate`` and plugins reuse the same blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from tactful.understand.normalise import normalise_text
from tactful.understand.static_vectors import StaticVectors

_WORD = re.compile(r"@user|#?\w+(?:'\w+)?|[^\w\s]")

Analyzer = Callable[[str], list[str]]


def prepare(text: str) -> str:
    """Normalised, lowercased text: the input of every block's analyzer."""
    return normalise_text(text).lower()


def word_terms(prepared: str) -> list[str]:
    """Word unigrams and bigrams of an already prepared (normalised, lowercased) text."""
    tokens = _WORD.findall(prepared)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_wb_terms(prepared: str, low: int = 2, high: int = 5) -> list[str]:
    """Character ``low..high``-grams of each space-padded word (scikit-learn's ``char_wb``)."""
    terms: list[str] = []
    for word in prepared.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, min(high, size) + 1):
            terms.extend(padded[i : i + n] for i in range(size - n + 1))
    return terms


ANALYZERS: dict[str, Analyzer] = {"word": word_terms, "char": char_wb_terms}


@dataclass
class TfidfBlock:
    """A fitted vocabulary (term -> column) and its idf weights for one analyzer."""

    analyzer: str
    terms: list[str]
    idf: np.ndarray  # float32, one per term

    def __post_init__(self) -> None:
        self._index = {term: i for i, term in enumerate(self.terms)}
        self._analyze = ANALYZERS[self.analyzer]
        self._word_cache: dict[str, list[int]] = {}

    @property
    def width(self) -> int:
        return len(self.terms)

    @classmethod
    def fit(
        cls, analyzer: str, prepared: Iterable[str], *, min_df: int = 2, max_features: int | None = None
    ) -> TfidfBlock:
        """Keep terms in >= ``min_df`` documents, the ``max_features`` most frequent (ties by term)."""
        analyze = ANALYZERS[analyzer]
        df: Counter[str] = Counter()
        n_docs = 0
        for text in prepared:
            df.update(set(analyze(text)))
            n_docs += 1
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))
        terms = sorted(kept[:max_features] if max_features else kept)
        counts = np.array([df[t] for t in terms], dtype=np.float64)
        idf = np.log((1 + n_docs) / (1 + counts)) + 1.0
        return cls(analyzer, terms, idf.astype(np.float32))

    def transform(self, prepared: Sequence[str]) -> sp.csr_matrix:
        """Sublinear tf-idf rows, each L2-normalised (an empty row stays zero)."""
        rows: list[int] = []
        cols: list[int] = []
        for row, text in enumerate(prepared):
            ids = self._term_ids(text)
            cols.extend(ids)
            rows.extend([row] * len(ids))
        ones = np.ones(len(cols), dtype=np.float32)
        matrix = sp.csr_matrix((ones, (rows, cols)), shape=(len(prepared), self.width), dtype=np.float32)
        matrix.sum_duplicates()
        np.log(matrix.data, out=matrix.data)
        matrix.data += 1.0
        matrix.data *= self.idf[matrix.indices]
        return _l2_normalise_rows(matrix)

    def _term_ids(self, text: str) -> list[int]:
        if self.analyzer == "char":
            return self._char_ids(text)
        lookup = self._index.get
        return [i for i in map(lookup, self._analyze(text)) if i is not None]

    def _char_ids(self, text: str) -> list[int]:
        # char_wb n-grams depend on the word alone, and words repeat (Zipf):
        # caching a word's column ids makes this block several times faster.
        cache = self._word_cache
        ids: list[int] = []
        for word in text.split():
            hit = cache.get(word)
            if hit is None:
                if len(cache) >= _WORD_CACHE_SIZE:
                    cache.clear()
                lookup = self._index.get
                hit = cache[word] = [i for i in map(lookup, char_wb_terms(word)) if i is not None]
            ids.extend(hit)
        return ids


_WORD_CACHE_SIZE = 200_000


def _l2_normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    squares = matrix.multiply(matrix).sum(axis=1).A1
    norms = np.sqrt(squares, dtype=np.float32)
    norms[norms == 0] = 1.0
    lengths = np.diff(matrix.indptr)
    matrix.data /= np.repeat(norms, lengths)
    return matrix


@dataclass
class Featurizer:
    """The shared TF-IDF featurisation: blocks side by side, in a fixed order.

    ``static``: optional word vectors over the first block's columns (the ``static`` feature block;
    ``static_vectors.py``). Bundles without them (the accurate tier, older builds) have None.
    """

    blocks: list[TfidfBlock]
    static: StaticVectors | None = None

    @property
    def width(self) -> int:
        return sum(block.width for block in self.blocks)

    def transform_prepared(self, prepared: Sequence[str]) -> sp.csr_matrix:
        return sp.hstack([block.transform(prepared) for block in self.blocks], format="csr", dtype=np.float32)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self.transform_prepared([prepare(t) for t in texts])
