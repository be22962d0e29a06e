"""A content-addressed cache of encoder embeddings under ``training/.cache/`` (git-ignored).

Embedding ~100k training posts takes many minutes on two shared cores;
training a head takes seconds. Vectors are keyed by a hash of the exact text
the encoder saw (the normalised text), in files named with the encoder's
version, so a change to normalisation or to the encoder misses the cache
instead of serving stale vectors.

Training swaps the runtime ``embedding`` feature block for this cache
(``use_cached_embeddings``): features still come from ``Batch``, the code
that serves inference.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tactful.understand import batch as batch_module
from tactful.understand.encoder import DIMENSIONS, ENCODER_DIR, POOLINGS, SentenceEncoder, load_encoder

CACHE_DIR = Path(__file__).resolve().parent / ".cache" / "embeddings"
FILE_SUFFIX = "pooled.npz"  # keys + one array per pooling
TRAINING_THREADS = 2  # the machine is shared: never let onnxruntime take every core


def encoder_version() -> str:
    manifest = json.loads((ENCODER_DIR / "manifest.json").read_text(encoding="utf-8"))
    return str(manifest["version"])


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class EmbeddingStore:
    """Every cached vector of one encoder version; new vectors go to a new file of their own.

    Each text keeps every pooling of its one forward pass (``encoder.POOLINGS``:
    mean, max, [CLS]), so trying another pooling never re-embeds the corpus.
    """

    def __init__(self, cache_dir: Path = CACHE_DIR, version: str | None = None,
                 encoder: SentenceEncoder | None = None) -> None:
        self.cache_dir = cache_dir
        self.version = version or encoder_version()
        self._encoder = encoder
        self._rows: dict[bytes, int] = {}
        self._parts: dict[str, list[np.ndarray]] = {name: [] for name in POOLINGS}
        self._stacked: dict[str, np.ndarray] = {}
        for path in sorted(cache_dir.glob(f"*.{self.version}.{FILE_SUFFIX}")):
            with np.load(path, allow_pickle=False) as stored:
                self._append(list(map(bytes, stored["keys"])), {n: stored[n] for n in POOLINGS})

    def __len__(self) -> int:
        return len(self._rows)

    def embed(self, texts: Sequence[str], pooling: str = "mean") -> np.ndarray:
        """Embeddings of normalised texts, computed at most once per text and encoder version."""
        keys = [text_key(t) for t in texts]
        unseen = {k: t for k, t in zip(keys, texts, strict=True) if k not in self._rows}
        missing = dict(sorted(unseen.items()))
        if missing:
            self._add(list(missing), self._encode(list(missing.values())))
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return self._matrix(pooling)[[self._rows[k] for k in keys]]

    def _matrix(self, pooling: str) -> np.ndarray:
        if pooling not in self._stacked:
            self._stacked[pooling] = np.concatenate(self._parts[pooling])
            self._parts[pooling] = [self._stacked[pooling]]
        return self._stacked[pooling]

    def _encode(self, texts: list[str]) -> dict[str, np.ndarray]:
        encoder = self._encoder or load_encoder(threads=TRAINING_THREADS)
        return encoder.encode_pooled(texts, POOLINGS)

    def _append(self, keys: list[bytes], vectors: dict[str, np.ndarray]) -> None:
        fresh = [i for i, k in enumerate(keys) if k not in self._rows]
        for i in fresh:
            self._rows[keys[i]] = len(self._rows)
        for name in POOLINGS:
            self._parts[name].append(np.asarray(vectors[name], dtype=np.float32)[fresh])
        self._stacked.clear()

    def _add(self, keys: list[bytes], vectors: dict[str, np.ndarray]) -> None:
        self._append(keys, vectors)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        name = hashlib.blake2b(b"".join(keys), digest_size=6).hexdigest()
        tmp = self.cache_dir / f"{name}.tmp.npz"
        arrays = {n: vectors[n].astype(np.float32) for n in POOLINGS}
        np.savez(tmp, keys=np.array(keys, dtype="S16"), **arrays)
        tmp.replace(self.cache_dir / f"{name}.{self.version}.{FILE_SUFFIX}")


def use_cached_embeddings(store: EmbeddingStore) -> None:
    """Serve ``Batch.block("embedding")`` from the cache for the rest of this (training) process."""
    batch_module.BLOCK_PROVIDERS["embedding"] = lambda batch, name: store.embed(
        batch.normalised, batch_module.embedding_pooling(name)
    )


def main() -> None:
    """Fill the cache for every dataset the accurate tier trains or is measured on."""
    from tactful.understand.normalise import normalise_text
    from training.accurate import all_texts

    store = EmbeddingStore()
    texts = sorted({normalise_text(t) for t in all_texts()})
    store.embed(texts)
    print(json.dumps({"cached": len(store), "version": store.version}))


if __name__ == "__main__":
    main()
