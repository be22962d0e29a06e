"""Join the hand-labelled dev sets with the public texts in ../shared/data.

The CSV files here hold ids and labels only (the texts are never copied into the
repository); ``load_intent_dev`` and ``load_aspects_dev`` look each id up in the
shared JSONL files and return rows with the text attached.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tactful.errors import InputFormatError

LABELS_DIR = Path(__file__).resolve().parent
INTENT_CSV = LABELS_DIR / "intent_dev.csv"
ASPECTS_CSV = LABELS_DIR / "aspects_dev.csv"

# Listed in precedence order: a mixed post takes the first label that applies.
INTENT_LABELS = ("complaint", "question", "suggestion", "praise", "other")

# Aspect names the non-airline presets use ("other": a complaint no preset aspect fits).
SOFTWARE_ASPECTS = ("app_crash", "login", "playback", "billing", "performance", "feature_request", "account",
                    "ads", "sync", "customer_service")
RETAIL_TELECOM_ASPECTS = ("delivery", "returns", "price", "stock", "store", "network", "billing",
                          "customer_service")
ASPECT_NAMES = frozenset(SOFTWARE_ASPECTS + RETAIL_TELECOM_ASPECTS + ("other",))

# source name -> (file under shared/data, the field that holds the post id)
SOURCES = {
    "support": ("support/spotify_requests.jsonl", "tweet_id"),
    "airline": ("airline/dev.jsonl", "id"),
    "complaints": ("complaints/dev.jsonl", "id"),
}


def read_label_rows(path: Path) -> list[dict[str, str]]:
    """The CSV rows as dicts, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_texts(shared_data: Path, source: str) -> dict[str, str]:
    """id -> text for one source; ids repeated in a file (the airline set has some) keep their first text."""
    relative, key = SOURCES[source]
    texts: dict[str, str] = {}
    with (shared_data / relative).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                texts.setdefault(str(record[key]), record["text"])
    return texts


def join_texts(rows: list[dict[str, str]], shared_data: Path, field: str) -> list[dict[str, str]]:
    """Attach each row's text; raise InputFormatError naming the missing ids (never any text)."""
    texts = {source: read_texts(shared_data, source) for source in sorted({row["source"] for row in rows})}
    missing = [f"{row['source']}:{row['id']}" for row in rows if row["id"] not in texts[row["source"]]]
    if missing:
        raise InputFormatError(
            f"{len(missing)} labelled ids are not in {shared_data}; is it the right copy of the public data?",
            detail={"missing": missing[:5]},
        )
    return [
        {"source": row["source"], "id": row["id"], "text": texts[row["source"]][row["id"]], field: row[field]}
        for row in rows
    ]


def load_intent_dev(shared_data: Path, labels_csv: Path = INTENT_CSV) -> list[dict[str, str]]:
    """``{"source", "id", "text", "label"}`` rows of the hand-labelled intent dev set."""
    return join_texts(_known_sources(read_label_rows(labels_csv)), shared_data, "label")


def load_aspects_dev(shared_data: Path, labels_csv: Path = ASPECTS_CSV) -> list[dict[str, str]]:
    """``{"source", "id", "text", "aspect"}`` rows of the non-airline complaint aspect dev set."""
    return join_texts(_known_sources(read_label_rows(labels_csv)), shared_data, "aspect")


def _known_sources(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    unknown = sorted({row["source"] for row in rows} - SOURCES.keys())
    if unknown:
        raise InputFormatError(f"unknown source names in a label file: {', '.join(unknown)}")
    return rows
