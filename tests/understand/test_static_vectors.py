"""Static word vectors: pooled over the TF-IDF row, shipped in the bundle, absent from older bundles."""

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from tactful.errors import ModelError
from tactful.understand.artefacts import ModelBundle, load_bundle, write_bundle
from tactful.understand.batch import Batch, Request
from tactful.understand.features import Featurizer, TfidfBlock, prepare
from tactful.understand.static_vectors import StaticVectors

# Columns 0..3 of a word block of width 5; column 2 is a bigram (no vector), column 4 has none either.
VECTORS = StaticVectors(np.array([0, 1, 3]), np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 4.0]]), width=5)


def rows(*weights: list[float], extra: int = 0) -> sp.csr_matrix:
    return sp.csr_matrix(np.array([w + [0.5] * extra for w in weights], dtype=np.float32))


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ([1.0, 0, 0, 0, 0], [1.0, 0.0]),  # one word: its vector, unit length
        ([0, 0, 0, 1.0, 0], [0.6, 0.8]),
        ([1.0, 0.5, 0, 0, 0], [np.sqrt(0.5), np.sqrt(0.5)]),  # weighted by the TF-IDF value
        ([0, 0, 1.0, 0, 1.0], [0.0, 0.0]),  # only words without vectors: zero, not NaN
        ([0, 0, 0, 0, 0], [0.0, 0.0]),  # empty post
    ],
)
def test_embed_pools_the_words_vectors(weights: list[float], expected: list[float]) -> None:
    np.testing.assert_allclose(VECTORS.embed(rows(weights)), [expected], atol=1e-6)


def test_columns_after_the_word_block_are_ignored() -> None:
    with_chars = rows([1.0, 0, 0, 0, 0], [0, 0, 0, 0, 0], extra=3)  # 3 char-gram columns, all 0.5
    np.testing.assert_allclose(VECTORS.embed(with_chars), [[1.0, 0.0], [0.0, 0.0]], atol=1e-6)


def test_vectors_that_do_not_fit_the_vocabulary_are_refused() -> None:
    with pytest.raises(ModelError):
        StaticVectors(np.array([0, 7]), np.zeros((2, 2)), width=5)


def bundle_dir(directory: Path, static: bool) -> Path:
    block = TfidfBlock.fit("word", [prepare(t) for t in ["good day", "bad day", "good good"]], min_df=1)
    columns = np.array([i for i, t in enumerate(block.terms) if " " not in t])
    vectors = np.arange(len(columns) * 2, dtype=np.float32).reshape(-1, 2) + 1.0
    featurizer = Featurizer([block], StaticVectors(columns, vectors, block.width) if static else None)
    write_bundle(directory / "fast", tier="fast", version="t", featurizer=featurizer, heads={}, extras={})
    load_bundle.cache_clear()
    return directory


def test_static_vectors_round_trip_through_the_bundle(tmp_path: Path) -> None:
    bundle = load_bundle("fast", bundle_dir(tmp_path, static=True))
    static = bundle.featurizer.static
    assert static is not None
    assert [bundle.featurizer.blocks[0].terms[i] for i in static.columns] == ["bad", "day", "good"]
    np.testing.assert_array_equal(static.vectors, [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    block = Batch([Request("good day")], bundle).block("static")
    assert block.shape == (1, 2) and np.linalg.norm(block) == pytest.approx(1.0)


def test_a_bundle_without_static_vectors_loads_and_refuses_the_block(tmp_path: Path) -> None:
    bundle: ModelBundle = load_bundle("fast", bundle_dir(tmp_path, static=False))
    assert bundle.featurizer.static is None
    with pytest.raises(ModelError, match="no static word vectors"):
        Batch([Request("good day")], bundle).block("static")
