"""The shipped MiniLM encoder: unit-norm, deterministic, meaningful, robust to odd input."""

from __future__ import annotations

import numpy as np
import pytest

from tactful.errors import ModelError
from tactful.understand.encoder import (
    DIMENSIONS,
    ENCODER_DIR,
    MODEL_FILE,
    POOLINGS,
    SentenceEncoder,
    load_encoder,
    max_pool_normalise,
)

TEXTS = [
    "my flight was cancelled and nobody will help me",
    "the airline cancelled my flight and customer service ignored me",
    "I love this new phone, the camera is amazing 😍",
    "",
    "ok",
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return load_encoder(threads=1)


def test_vectors_have_the_model_width_and_unit_norm(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), DIMENSIONS)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_encoding_is_deterministic(encoder: SentenceEncoder) -> None:
    np.testing.assert_array_equal(encoder.encode(TEXTS), encoder.encode(TEXTS))


@pytest.mark.parametrize(("anchor", "close", "far"), [
    ("my flight was cancelled", "the airline cancelled my flight", "I love this new phone"),
    ("where is my lost luggage?", "my bag never arrived at the airport", "great pizza tonight"),
    ("thank you so much for the help!", "thanks, you were very helpful", "my order is late again"),
])
def test_similar_texts_are_closer_than_unrelated_ones(encoder: SentenceEncoder, anchor: str, close: str,
                                                      far: str) -> None:
    a, c, f = encoder.encode([anchor, close, far])
    assert float(a @ c) > float(a @ f) + 0.1


def test_batches_agree_with_single_calls(encoder: SentenceEncoder) -> None:
    # Dynamic int8 quantisation scales activations per call, so a batch is not
    # bit-identical to single calls: texts of a few tokens move most (cosine
    # ~0.97 for "" next to "ok"), ordinary posts stay at ~0.99.
    batched = encoder.encode(TEXTS)
    single = np.vstack([encoder.encode([t]) for t in TEXTS])
    cosines = np.sum(batched * single, axis=1)
    assert float(cosines.min()) > 0.95
    assert float(cosines[:3].min()) > 0.985


def test_batch_size_one_is_exactly_the_single_call(encoder: SentenceEncoder) -> None:
    exact = SentenceEncoder(ENCODER_DIR / MODEL_FILE, ENCODER_DIR / "tokenizer.json", batch_size=1, threads=1)
    np.testing.assert_array_equal(exact.encode(TEXTS)[2], exact.encode([TEXTS[2]])[0])


def test_order_of_inputs_is_kept(encoder: SentenceEncoder) -> None:
    forward = encoder.encode(TEXTS)
    backward = encoder.encode(TEXTS[::-1])[::-1]
    assert float(np.min(np.sum(forward * backward, axis=1))) > 0.95


@pytest.mark.parametrize("text", ["", "   ", "word " * 2000, "🙂" * 300, "日本語のテキスト"])
def test_empty_and_very_long_texts_give_a_unit_vector(encoder: SentenceEncoder, text: str) -> None:
    vector = encoder.encode([text])[0]
    assert np.isfinite(vector).all()
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_no_texts_give_an_empty_matrix(encoder: SentenceEncoder) -> None:
    assert encoder.encode([]).shape == (0, DIMENSIONS)


def test_a_missing_model_file_is_a_model_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelError):
        SentenceEncoder(tmp_path / "absent.onnx", ENCODER_DIR / "tokenizer.json")


def test_the_shipped_file_matches_its_manifest() -> None:
    import hashlib
    import json

    manifest = json.loads((ENCODER_DIR / "manifest.json").read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((ENCODER_DIR / name).read_bytes()).hexdigest() == digest


def test_every_pooling_of_one_pass_is_a_unit_vector_and_mean_is_encode(encoder: SentenceEncoder) -> None:
    pooled = encoder.encode_pooled(TEXTS)
    assert set(pooled) == set(POOLINGS)
    for vectors in pooled.values():
        assert vectors.shape == (len(TEXTS), DIMENSIONS)
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(pooled["mean"], encoder.encode(TEXTS))


@pytest.mark.parametrize("pooling", ["max", "cls"])
def test_other_poolings_differ_from_the_mean(encoder: SentenceEncoder, pooling: str) -> None:
    pooled = encoder.encode_pooled(TEXTS[:3], ("mean", pooling))
    assert float(np.max(np.abs(pooled[pooling] - pooled["mean"]))) > 0.01


def test_max_pooling_never_reads_padding() -> None:
    hidden = np.array([[[1.0, -2.0], [3.0, 0.5], [9.0, 9.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])
    expected = np.array([[3.0, 0.5]]) / np.hypot(3.0, 0.5)
    np.testing.assert_allclose(max_pool_normalise(hidden, mask), expected, rtol=1e-6)
