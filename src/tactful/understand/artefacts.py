"""Versioned, portable model artefacts: read, verify, write.

A tier lives in ``understand/models/<tier>/``:

* ``manifest.json``: format, tier, version, the feature blocks, every head's
  labels / inputs / kind / val figures, extra settings (e.g. the intent
  combiner), and the sha256 of each data file;
* ``vocab.json``: each TF-IDF block's term list (a term's position is its column);
* ``weights.npz``: float arrays only (``idf.<block>``, ``W.<head>``, ``b.<head>``),
  read with ``allow_pickle=False``;
* any further file a tier needs (e.g. an encoder), listed in ``files`` and
  checked the same way.

Nothing is pickled, so artefacts load in any numpy/scipy/scikit-learn
version and without network access. A file whose sha256 differs from the
manifest, or a format this code does not know, raises ``ModelError``.
Bundles are loaded lazily, once per process (``load_bundle``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tactful.errors import ModelError
from tactful.understand.features import Featurizer, TfidfBlock
from tactful.understand.heads import LinearHead
from tactful.understand.static_vectors import StaticVectors

FORMAT = 1
MODELS_DIR = Path(__file__).resolve().parent / "models"
DATA_FILES = ("vocab.json", "weights.npz")


@dataclass
class ModelBundle:
    """Everything one tier ships: the featurizer, its heads and extra settings."""

    tier: str
    version: str
    featurizer: Featurizer
    heads: dict[str, LinearHead]
    extras: dict[str, Any] = field(default_factory=dict)

    def head(self, name: str) -> LinearHead:
        try:
            return self.heads[name]
        except KeyError:
            raise ModelError(f"the {self.tier} tier has no head {name!r}") from None


@lru_cache(maxsize=4)
def load_bundle(tier: str = "fast", models_dir: Path = MODELS_DIR) -> ModelBundle:
    """The verified bundle of a tier, loaded once per process."""
    directory = models_dir / tier
    manifest = _read_manifest(directory, tier)
    for name, digest in manifest["files"].items():
        if sha256_file(directory / name) != digest:
            raise ModelError(f"model file {tier}/{name} does not match its manifest (corrupt or edited)")
    vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
    with np.load(directory / "weights.npz", allow_pickle=False) as arrays:
        blocks = [
            TfidfBlock(b["analyzer"], vocab[b["name"]], arrays[f"idf.{b['name']}"])
            for b in manifest["blocks"]
        ]
        heads = {name: _head(name, spec, arrays) for name, spec in manifest["heads"].items()}
        static = _static(arrays, blocks)
    featurizer = Featurizer(blocks, static)
    return ModelBundle(tier, manifest["version"], featurizer, heads, manifest.get("extras", {}))


def _static(arrays: Any, blocks: list[TfidfBlock]) -> StaticVectors | None:
    """The static word vectors over the first block's columns, where the bundle ships them."""
    if "static.vectors" not in arrays.files:
        return None
    return StaticVectors(arrays["static.columns"].astype(np.int64), arrays["static.vectors"], blocks[0].width)


def _read_manifest(directory: Path, tier: str) -> dict[str, Any]:
    path = directory / "manifest.json"
    if not path.is_file():
        raise ModelError(
            f"no model artefacts for the {tier!r} tier (expected {path.name} in "
            f"understand/models/{tier}; rebuild with 'python -m training.build')"
        )
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        raise ModelError(f"the {tier} tier's manifest is not valid JSON") from None
    if manifest.get("format") != FORMAT or manifest.get("tier") != tier:
        raise ModelError(
            f"the {tier} tier's manifest has format {manifest.get('format')!r}; "
            f"this tactful reads format {FORMAT}"
        )
    if not set(DATA_FILES) <= set(manifest.get("files", {})):
        raise ModelError(f"the {tier} tier's manifest does not list {', '.join(DATA_FILES)}")
    return manifest


def _head(name: str, spec: dict[str, Any], arrays: Any) -> LinearHead:
    return LinearHead(
        name=name,
        labels=list(spec["labels"]),
        inputs=list(spec["inputs"]),
        kind=spec["kind"],
        weights=arrays[f"W.{name}"].astype(np.float32),
        bias=arrays[f"b.{name}"].astype(np.float32),
        meta=dict(spec.get("meta", {})),
    )


def sha256_file(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise ModelError(f"model file {path.parent.name}/{path.name} is missing") from None


def write_bundle(
    directory: Path,
    *,
    tier: str,
    version: str,
    featurizer: Featurizer,
    heads: dict[str, LinearHead],
    extras: dict[str, Any],
    weight_dtype: str = "float16",
) -> None:
    """Write the three files of a tier (used by ``training.build``); deterministic for equal inputs."""
    directory.mkdir(parents=True, exist_ok=True)
    names = [f"b{i}" for i in range(len(featurizer.blocks))]
    vocab = {name: block.terms for name, block in zip(names, featurizer.blocks, strict=True)}
    (directory / "vocab.json").write_text(
        json.dumps(vocab, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    arrays = {
        f"idf.{name}": block.idf.astype(np.float32)
        for name, block in zip(names, featurizer.blocks, strict=True)
    }
    if featurizer.static is not None:  # only bundles that ship them: others are written as before
        arrays["static.columns"] = featurizer.static.columns.astype(np.int32)
        arrays["static.vectors"] = featurizer.static.vectors.astype(weight_dtype)
    for head in heads.values():
        arrays[f"W.{head.name}"] = head.weights.astype(weight_dtype)
        arrays[f"b.{head.name}"] = head.bias.astype(np.float32)
    _write_npz(directory / "weights.npz", arrays)
    manifest = {
        "format": FORMAT,
        "tier": tier,
        "version": version,
        "blocks": [
            {"name": n, "analyzer": b.analyzer} for n, b in zip(names, featurizer.blocks, strict=True)
        ],
        "heads": {
            h.name: {"labels": h.labels, "inputs": h.inputs, "kind": h.kind, "meta": h.meta}
            for h in heads.values()
        },
        "extras": extras,
        "files": {name: sha256_file(directory / name) for name in DATA_FILES},
    }
    (directory / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    # np.savez_compressed stamps zip entries with the current time; fixing the
    # timestamps keeps a rebuild byte-identical (and its sha256 stable).
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as handle:
                np.lib.format.write_array(handle, np.ascontiguousarray(arrays[key]), allow_pickle=False)
