"""The training embedding cache: every pooling of a text kept, each text encoded once, files re-read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from training.embed_cache import EmbeddingStore

from tactful.understand.encoder import DIMENSIONS, POOLINGS, load_encoder

TEXTS = ["my bag never arrived", "thanks for the quick help!", "ok"]


class CountingEncoder:
    """The shipped encoder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode_pooled(self, texts: Sequence[str], poolings: Sequence[str]) -> dict[str, np.ndarray]:
        self.encoded.extend(texts)
        return load_encoder(threads=1).encode_pooled(texts, poolings)


@pytest.fixture
def encoder() -> CountingEncoder:
    return CountingEncoder()


def store(path: Path, encoder: CountingEncoder) -> EmbeddingStore:
    return EmbeddingStore(path, version="test", encoder=encoder)  # type: ignore[arg-type]


@pytest.mark.parametrize("pooling", POOLINGS)
def test_each_pooling_matches_the_encoder(tmp_path: Path, encoder: CountingEncoder, pooling: str) -> None:
    expected = load_encoder(threads=1).encode_pooled(sorted(TEXTS), POOLINGS)[pooling]
    got = store(tmp_path, encoder).embed(sorted(TEXTS), pooling)
    np.testing.assert_array_equal(got, expected)


def test_texts_are_encoded_once_and_reread_from_disk(tmp_path: Path, encoder: CountingEncoder) -> None:
    first = store(tmp_path, encoder)
    vectors = first.embed(TEXTS)
    first.embed([*TEXTS, TEXTS[0]], "max")
    assert sorted(encoder.encoded) == sorted(TEXTS)
    again = store(tmp_path, encoder)
    assert len(again) == len(TEXTS)
    np.testing.assert_array_equal(again.embed(TEXTS[::-1])[::-1], vectors)
    assert len(encoder.encoded) == len(TEXTS)


def test_new_texts_extend_the_store(tmp_path: Path, encoder: CountingEncoder) -> None:
    cache = store(tmp_path, encoder)
    cache.embed(TEXTS[:1])
    both = cache.embed(TEXTS[:2], "cls")
    assert both.shape == (2, DIMENSIONS)
    assert encoder.encoded == TEXTS[:2]
    assert len(store(tmp_path, encoder)) == 2


def test_no_texts_give_an_empty_matrix(tmp_path: Path, encoder: CountingEncoder) -> None:
    assert store(tmp_path, encoder).embed([]).shape == (0, DIMENSIONS)
