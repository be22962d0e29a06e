"""Readers for the public datasets in ../shared/data (never copied into the repo).

Every reader returns plain ``(texts, labels)`` lists in file order, so a
rebuild is deterministic. The airline file has no split of its own: posts are
split 80/20 by a hash of their id (``airline_split``), stable across runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from tactful.understand.aspects import AIRLINE_REASON_ASPECTS
from tactful.understand.features import prepare

# ../shared/data next to the repository; TACTFUL_SHARED_DATA overrides it (e.g. in a git worktree).
DATA_DIR = Path(
    os.environ.get("TACTFUL_SHARED_DATA") or Path(__file__).resolve().parents[1].parent / "shared" / "data"
)

TWEETEVAL_TASKS = ("sentiment", "emotion", "irony", "offensive", "hate")

NEGATIVE_REASON_ASPECT = AIRLINE_REASON_ASPECTS


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def data_available(data_dir: Path = DATA_DIR) -> bool:
    return (data_dir / "tweeteval").is_dir() and (data_dir / "airline" / "dev.jsonl").is_file()


def tweeteval(task: str, split: str, data_dir: Path = DATA_DIR) -> tuple[list[str], list[str]]:
    rows = read_jsonl(data_dir / "tweeteval" / task / f"{split}.jsonl")
    return [r["text"] for r in rows], [r["label"] for r in rows]


def complaints(data_dir: Path = DATA_DIR) -> tuple[list[str], list[int]]:
    rows = read_jsonl(data_dir / "complaints" / "dev.jsonl")
    return [r["text"] for r in rows], [int(r["complaint"]) for r in rows]


def in_airline_holdout(post_id: str) -> bool:
    """Our 20%: the first byte of sha256(id) below 0.2 * 256 (deterministic, order-free)."""
    return hashlib.sha256(post_id.encode()).digest()[0] < 52


def airline_split(data_dir: Path = DATA_DIR) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = read_jsonl(data_dir / "airline" / "dev.jsonl")
    train = [r for r in rows if not in_airline_holdout(r["id"])]
    holdout = [r for r in rows if in_airline_holdout(r["id"])]
    return train, holdout


def aspect_rows(rows: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Negative airline posts whose reason maps to an aspect."""
    kept = [r for r in rows if r.get("negative_reason") in NEGATIVE_REASON_ASPECT]
    return [r["text"] for r in kept], [NEGATIVE_REASON_ASPECT[r["negative_reason"]] for r in kept]


def overlap_key(text: str) -> str:
    """Letters only, after normalisation: the same tweet in raw (train) and TweetEval (val) form."""
    return re.sub(r"[^a-z]", "", prepare(text).replace("@user", "").replace("http", ""))


def without_overlap(train: tuple[list[str], list[str]], val_texts: list[str]) -> tuple[list[str], list[str]]:
    """The training pairs whose tweet is not also in the val file.

    The SemEval-2017 training releases contain 560 of TweetEval's 2,000
    sentiment val tweets; training on them would make the val figure a
    training-set figure.
    """
    held = {overlap_key(t) for t in val_texts}
    pairs = [(t, y) for t, y in zip(*train, strict=True) if overlap_key(t) not in held]
    return [t for t, _ in pairs], [y for _, y in pairs]
