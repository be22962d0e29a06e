"""A batch of posts on its way through the analyzers, with its features computed once.

``Request`` is one post to analyse: its text plus the context the text alone
does not show (who it mentions, whether it replies to the brand, ...).
``Batch`` holds the requests and caches every feature block the first time an
analyzer asks for it, so the TF-IDF featurisation and each head run once per
batch however many analyzers read them. Feature blocks are named:

* ``tfidf``: the shared TF-IDF rows (``features.Featurizer``);
* ``vader``: VADER's neg/neu/pos/compound scores (``lexicon.vader_features``);
* ``cues``: intent cue indicators (``cues.cue_features``);
* ``head:<name>``: another head's probabilities (stacking);
* ``embedding``: the MiniLM sentence embeddings (``encoder.py``; accurate tier only), mean-pooled;
  ``embedding:max`` and ``embedding:cls`` other poolings of the same forward pass;
* ``static``: static word vectors distilled from MiniLM, pooled over the TF-IDF row
  (``static_vectors.py``; bundles that ship them);
* anything added to ``BLOCK_PROVIDERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

from tactful.errors import ModelError, UsageError
from tactful.understand.artefacts import ModelBundle
from tactful.understand.cues import cue_features
from tactful.understand.heads import stack_inputs
from tactful.understand.lexicon import vader_features
from tactful.understand.normalise import normalise_text

Matrix: TypeAlias = sp.csr_matrix | np.ndarray


@dataclass(slots=True)
class Request:
    """One post to analyse. Handles are compared without ``@``, case-insensitively."""

    text: str
    mentions: list[str] = field(default_factory=list)
    reply_to_author: str | None = None
    replies_to_brand: bool = False
    is_direct_message: bool = False
    lang: str | None = None  # declared by the platform, if any
    in_open_thread: bool = False  # part of a conversation the brand is answering

    @classmethod
    def from_value(cls, value: str | Mapping[str, Any] | Request) -> Request:
        if isinstance(value, Request):
            return value
        if isinstance(value, str):
            return cls(text=value)
        if not isinstance(value, Mapping) or not isinstance(value.get("text"), str):
            raise UsageError("each item to analyse must be a string or an object with a string 'text'")
        return cls(
            text=value["text"],
            mentions=_handles(value.get("mentions")),
            reply_to_author=_handle(value.get("reply_to_author")),
            replies_to_brand=bool(value.get("replies_to_brand", False)),
            is_direct_message=bool(value.get("is_direct_message", False)),
            lang=value.get("lang") if isinstance(value.get("lang"), str) else None,
            in_open_thread=bool(value.get("in_open_thread", False)),
        )


def _handles(value: Any) -> list[str]:
    return [str(m).lstrip("@").lower() for m in value] if isinstance(value, list) else []


def _handle(value: Any) -> str | None:
    return str(value).lstrip("@").lower() if value else None


BlockProvider = Callable[["Batch", str], Matrix]


class Batch:
    """Requests plus lazily computed, cached feature blocks and head probabilities."""

    def __init__(self, requests: Sequence[Request], bundle: ModelBundle) -> None:
        self.requests = list(requests)
        self.bundle = bundle
        self.texts = [r.text for r in self.requests]
        self.normalised = [normalise_text(t) for t in self.texts]
        self.prepared = [t.lower() for t in self.normalised]  # what features.prepare would give
        # Set by the ``lang`` analyzer: False where no model should guess (other languages).
        self.scored = np.ones(len(self.requests), dtype=bool)
        self._blocks: dict[str, Matrix] = {}

    def __len__(self) -> int:
        return len(self.requests)

    def block(self, name: str) -> Matrix:
        if name not in self._blocks:
            provider = BLOCK_PROVIDERS.get(name.split(":", 1)[0])
            if provider is None:
                raise UsageError(f"unknown feature block {name!r}")
            self._blocks[name] = provider(self, name)
        return self._blocks[name]

    def probabilities(self, head_name: str) -> np.ndarray:
        """(n_posts, n_labels) probabilities of a head of this batch's bundle, cached."""
        return np.asarray(self.block(f"head:{head_name}"))


def _tfidf(batch: Batch, _: str) -> Matrix:
    return batch.bundle.featurizer.transform_prepared(batch.prepared)


def _vader(batch: Batch, _: str) -> Matrix:
    return vader_features(batch.normalised)


def _cues(batch: Batch, _: str) -> Matrix:
    return cue_features(batch.prepared)


def _head(batch: Batch, name: str) -> Matrix:
    head = batch.bundle.head(name.split(":", 1)[1])
    return head.probabilities(stack_inputs([batch.block(i) for i in head.inputs]))


def embedding_pooling(name: str) -> str:
    """``embedding`` is the mean-pooled vector; ``embedding:max`` / ``embedding:cls`` other poolings."""
    return name.split(":", 1)[1] if ":" in name else "mean"


def _embedding(batch: Batch, name: str) -> Matrix:
    """Every pooling the bundle's heads read, from one forward pass (cached as blocks)."""
    # Imported here so the fast tier never loads onnxruntime or the encoder.
    from tactful.understand.encoder import load_encoder

    inputs = {i for head in batch.bundle.heads.values() for i in head.inputs}
    wanted = {name} | {i for i in inputs if i.split(":", 1)[0] == "embedding"}
    pooled = load_encoder().encode_pooled(batch.normalised, sorted({embedding_pooling(n) for n in wanted}))
    for other in wanted - {name}:
        batch._blocks[other] = pooled[embedding_pooling(other)]
    return pooled[embedding_pooling(name)]


def _static(batch: Batch, _: str) -> Matrix:
    static = batch.bundle.featurizer.static
    if static is None:
        raise ModelError(f"the {batch.bundle.tier} tier ships no static word vectors")
    return static.embed(batch.block("tfidf"))


BLOCK_PROVIDERS: dict[str, BlockProvider] = {
    "tfidf": _tfidf, "vader": _vader, "cues": _cues, "head": _head, "embedding": _embedding,
    "static": _static,
}
