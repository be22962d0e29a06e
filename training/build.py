"""Rebuild every fast-tier artefact from ../shared/data: ``python -m training.build``.

``--tier accurate`` rebuilds the accurate tier instead (``training/accurate.py``).

Deterministic (fixed seeds, sorted vocabularies, fixed zip timestamps), two
threads at most, a few minutes on two cores. Steps:

1. read the public data; drop TweetEval training tweets that are also in val;
2. fit the shared TF-IDF featurizer on the training texts;
3. train the heads in dependency order (stacked heads read earlier heads'
   probabilities through the same ``Batch`` code used at inference);
4. the complaint head: 10-fold cross-validation on the complaints corpus,
   then a model on all of it; the intent combiner: learned from the
   hand-labelled intent dev set when present (10-fold CV reported);
5. write ``src/tactful/understand/models/fast`` and, re-loading the written
   artefacts through the public API, the val/dev figures to
   ``training/reports/fast.json``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "2")

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from tactful.understand.artefacts import MODELS_DIR, write_bundle  # noqa: E402
from training import data  # noqa: E402
from training.evaluate import evaluate_bundle  # noqa: E402
from training.heads import HEAD_SPECS, INTENT_TEXT, TrainedHeads, train_heads  # noqa: E402

VERSION = "fast-1.0.0"
REPORT = Path(__file__).resolve().parent / "reports" / "fast.json"


def main(argv: list[str] | None = None) -> int:
    if _tier(sys.argv[1:] if argv is None else argv) == "accurate":
        from training.accurate import main as build_accurate

        return build_accurate()
    if not data.data_available():
        print(
            f"training.build: public data not found at {data.DATA_DIR}; nothing rebuilt "
            "(set TACTFUL_SHARED_DATA to its location)"
        )
        return 0
    started = time.perf_counter()
    trained: TrainedHeads = train_heads(log=_log)
    write_bundle(
        MODELS_DIR / "fast",
        tier="fast",
        version=VERSION,
        featurizer=trained.featurizer,
        heads=trained.heads,
        extras=trained.extras,
    )
    _log("wrote artefacts", directory=str(MODELS_DIR / "fast"))
    report: dict[str, Any] = {
        "version": VERSION,
        "training": trained.report,
        "shipped": evaluate_bundle(log=_log),
        "specs": {**HEAD_SPECS, "intent_text": INTENT_TEXT},
        "build_seconds": round(time.perf_counter() - started, 1),
    }
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    _log("wrote report", path=str(REPORT), seconds=report["build_seconds"])
    return 0


def _tier(argv: list[str]) -> str:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m training.build")
    parser.add_argument("--tier", choices=("fast", "accurate"), default="fast",
                        help="which tier to rebuild (accurate: training/accurate.py)")
    return str(parser.parse_args(argv).tier)


def _log(event: str, **fields: Any) -> None:
    details = " ".join(f"{k}={v}" for k, v in fields.items())
    print(f"[{time.strftime('%H:%M:%S')}] {event} {details}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
