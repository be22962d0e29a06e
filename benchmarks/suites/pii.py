"""PII redaction: tactful's recognizers against Presidio on the same tweets."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.suites.common import RUN, row

PRESIDIO_PYTHON = os.environ.get("TACTFUL_PRESIDIO_PYTHON", "/work/venv-presidio/bin/python")


def presidio_available(python: str = PRESIDIO_PYTHON) -> bool:
    if not Path(python).exists():
        return False
    done = subprocess.run([python, "-c", "import presidio_analyzer, spacy"], capture_output=True, check=False)
    return done.returncode == 0


def pii(quick: bool) -> dict[str, Any]:
    os.environ["TACTFUL_BENCH_PII_ROUNDS"] = "3"  # Presidio runs ~100 posts/s: 7 rounds of 1,000 is minutes
    from tests.privacy.cases.non_pii_cases import BRAND_HANDLES as NON_PII_BRAND
    from tests.privacy.cases.pii_cases import BRAND_HANDLES

    from benchmarks import bench_pii as bench

    texts = [r[0] for r in bench.labelled_set()]
    tweets = _support_tweets(bench.SHARED_TWEETS, 300 if quick else 1_000)
    brand = tuple(dict.fromkeys(BRAND_HANDLES + NON_PII_BRAND))
    _, ours = bench.run_tactful(texts, brand, tweets)
    theirs: dict[str, Any] | str = "not installed"
    if presidio_available():
        with tempfile.TemporaryDirectory() as tmp:
            tweets_file = Path(tmp) / "tweets.jsonl"
            tweets_file.write_text("".join(json.dumps({"text": t}) + "\n" for t in tweets), encoding="utf-8")
            theirs = bench.run_presidio(PRESIDIO_PYTHON, texts, tweets_file if tweets else None)
            theirs.pop("predictions", None)
    cmd = RUN.format("pii")
    rows = []
    for key, label in (
        ("tweets_per_s", f"{len(tweets):,} real support tweets"),
        ("posts_per_s", f"labelled PII set ({len(texts)} texts)"),
    ):
        if key in ours:
            peer_value = theirs if isinstance(theirs, str) else theirs.get(key)
            rows.append(
                row(
                    f"PII detection, {label}, 1 thread, best of {bench.ROUNDS}",
                    ours[key],
                    "posts/s",
                    cmd,
                    peer="Presidio AnalyzerEngine (blank spaCy)",
                    peer_value=peer_value,
                )
            )
    return {
        "rows": rows,
        "detail": {"tactful": ours, "presidio": theirs, "labelled_texts": len(texts), "tweets": len(tweets)},
    }


def _support_tweets(path: Path, n: int) -> list[str]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for _, line in zip(range(n), handle, strict=False)]
