import json
import socket
from pathlib import Path

import numpy as np
import pytest

from tactful.errors import ModelError
from tactful.understand.artefacts import ModelBundle, load_bundle, sha256_file, write_bundle
from tactful.understand.features import Featurizer, TfidfBlock, prepare
from tactful.understand.heads import LinearHead


def tiny_bundle_dir(directory: Path) -> Path:
    block = TfidfBlock.fit("word", [prepare(t) for t in ["good day", "bad day", "good good"]], min_df=1)
    head = LinearHead(
        "mood",
        ["bad", "good"],
        ["tfidf"],
        "sigmoid",
        np.arange(block.width, dtype=np.float32).reshape(-1, 1),
        np.zeros(1, dtype=np.float32),
    )
    write_bundle(
        directory / "fast",
        tier="fast",
        version="test-1",
        featurizer=Featurizer([block]),
        heads={"mood": head},
        extras={"note": 1},
    )
    return directory


def load_fresh(directory: Path) -> ModelBundle:
    load_bundle.cache_clear()
    return load_bundle("fast", directory)


def test_written_bundle_loads_back_the_same(tmp_path: Path) -> None:
    bundle = load_fresh(tiny_bundle_dir(tmp_path))
    assert bundle.version == "test-1"
    assert bundle.extras == {"note": 1}
    assert bundle.featurizer.blocks[0].terms == ["bad", "bad day", "day", "good", "good day", "good good"]
    assert bundle.head("mood").labels == ["bad", "good"]


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    first = tiny_bundle_dir(tmp_path / "a") / "fast"
    second = tiny_bundle_dir(tmp_path / "b") / "fast"
    for name in ("manifest.json", "vocab.json", "weights.npz"):
        assert sha256_file(first / name) == sha256_file(second / name)


@pytest.mark.parametrize("name", ["vocab.json", "weights.npz"])
def test_an_edited_file_fails_its_checksum(tmp_path: Path, name: str) -> None:
    directory = tiny_bundle_dir(tmp_path)
    with (directory / "fast" / name).open("ab") as handle:
        handle.write(b" ")
    with pytest.raises(ModelError, match="does not match its manifest"):
        load_fresh(directory)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.update(format=99), "format"),
        (lambda m: m["files"].pop("vocab.json"), "does not list"),
    ],
)
def test_an_unknown_manifest_is_refused(tmp_path: Path, edit, message: str) -> None:
    directory = tiny_bundle_dir(tmp_path)
    path = directory / "fast" / "manifest.json"
    manifest = json.loads(path.read_text())
    edit(manifest)
    path.write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match=message):
        load_fresh(directory)


def test_a_missing_tier_says_how_to_rebuild(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="training.build"):
        load_fresh(tmp_path)


def test_unknown_head_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        load_fresh(tiny_bundle_dir(tmp_path)).head("nope")


def test_shipped_artefacts_load_and_run_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fast tier tried to open a network socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    load_bundle.cache_clear()
    from tactful.understand.api import Understander

    analysis = Understander(brand_handles=["acme"]).analyze(
        ["@acme my order never arrived, worst service ever"]
    )[0]
    assert analysis.sentiment is not None and analysis.sentiment.label == "negative"
    assert set(analysis.versions) >= {"sentiment", "emotion", "intent", "complaint", "lang", "aspects"}
