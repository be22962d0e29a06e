"""The hand-labelled dev sets are well formed, and every id joins back to the public data."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from training.labels.load import (
    ASPECT_NAMES,
    ASPECTS_CSV,
    INTENT_CSV,
    INTENT_LABELS,
    SOURCES,
    load_aspects_dev,
    load_intent_dev,
    read_label_rows,
)
from training.labels.sample import HASH_SAMPLE_SIZES, draw, hash_sample, word_count

from tactful.errors import InputFormatError

INTENT_ROWS = read_label_rows(INTENT_CSV)
ASPECT_ROWS = read_label_rows(ASPECTS_CSV)


@pytest.mark.parametrize(
    ("path", "columns"),
    [(INTENT_CSV, ["source", "id", "label", "sampling", "note"]), (ASPECTS_CSV, ["source", "id", "aspect"])],
)
def test_label_file_has_exactly_the_documented_columns(path: Path, columns: list[str]) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0].split(",") == columns


@pytest.mark.parametrize(
    ("rows", "field", "allowed"),
    [
        (INTENT_ROWS, "source", set(SOURCES)),
        (INTENT_ROWS, "label", set(INTENT_LABELS)),
        (INTENT_ROWS, "sampling", {"hash", "cue:suggestion"}),
        (ASPECT_ROWS, "source", {"support", "complaints"}),
        (ASPECT_ROWS, "aspect", ASPECT_NAMES),
    ],
)
def test_every_value_is_a_known_one(rows: list[dict[str, str]], field: str, allowed: set[str]) -> None:
    assert {row[field] for row in rows} <= allowed


@pytest.mark.parametrize("rows", [INTENT_ROWS, ASPECT_ROWS], ids=["intent", "aspects"])
def test_ids_are_unique_and_numeric(rows: list[dict[str, str]]) -> None:
    keys = [(row["source"], row["id"]) for row in rows]
    assert len(keys) == len(set(keys))
    assert all(row["id"].isdigit() for row in rows)


def test_intent_set_is_big_enough_in_every_class() -> None:
    counts = Counter(row["label"] for row in INTENT_ROWS)
    assert len(INTENT_ROWS) >= 500
    assert {label: counts[label] >= 30 for label in INTENT_LABELS} == dict.fromkeys(INTENT_LABELS, True)


def test_aspect_posts_are_labelled_non_airline_complaints() -> None:
    intent = {(row["source"], row["id"]): row["label"] for row in INTENT_ROWS}
    assert len(ASPECT_ROWS) <= 150
    assert {intent.get((row["source"], row["id"])) for row in ASPECT_ROWS} == {"complaint"}


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("load", "rows", "field"),
    [(load_intent_dev, INTENT_ROWS, "label"), (load_aspects_dev, ASPECT_ROWS, "aspect")],
    ids=["intent", "aspects"],
)
def test_every_id_joins_to_a_text_in_the_shared_data(shared_data: Path, load, rows, field) -> None:
    joined = load(shared_data)
    assert [(row["source"], row["id"], row[field]) for row in joined] == [
        (row["source"], row["id"], row[field]) for row in rows
    ]
    assert all(row["text"].strip() for row in joined)


def _fake_shared_data(root: Path) -> Path:
    records = {
        "support": [{"tweet_id": "1", "text": "first"}, {"tweet_id": "2", "text": "second"}],
        "airline": [{"id": "7", "text": "kept"}, {"id": "7", "text": "repeat"}],
        "complaints": [{"id": "9", "text": "other"}],
    }
    for source, items in records.items():
        path = root / SOURCES[source][0]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return root


def _write_csv(path: Path, lines: list[str]) -> Path:
    header = "source,id,label,sampling,note\n"
    path.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_join_attaches_text_and_keeps_the_first_copy_of_a_repeated_id(tmp_path: Path) -> None:
    shared = _fake_shared_data(tmp_path / "data")
    labels = _write_csv(tmp_path / "l.csv", ["support,2,praise,hash,", "airline,7,complaint,hash,a note"])
    assert load_intent_dev(shared, labels) == [
        {"source": "support", "id": "2", "text": "second", "label": "praise"},
        {"source": "airline", "id": "7", "text": "kept", "label": "complaint"},
    ]


@pytest.mark.parametrize(
    ("line", "in_detail"),
    [("support,404,other,hash,", "support:404"), ("complaints,1,other,hash,", "complaints:1")],
)
def test_a_missing_id_raises_a_clear_error_naming_it(tmp_path: Path, line: str, in_detail: str) -> None:
    shared = _fake_shared_data(tmp_path / "data")
    with pytest.raises(InputFormatError) as caught:
        load_intent_dev(shared, _write_csv(tmp_path / "l.csv", ["support,1,other,hash,", line]))
    assert caught.value.detail["missing"] == [in_detail]
    assert "first" not in caught.value.message


def test_an_unknown_source_is_rejected(tmp_path: Path) -> None:
    shared = _fake_shared_data(tmp_path / "data")
    with pytest.raises(InputFormatError, match="reddit"):
        load_intent_dev(shared, _write_csv(tmp_path / "l.csv", ["reddit,1,other,hash,"]))


@pytest.mark.shared_data
def test_the_documented_draw_reproduces_the_labelled_sample(shared_data: Path) -> None:
    labelled = sorted((row["source"], row["id"], row["sampling"]) for row in INTENT_ROWS)
    assert sorted(draw(shared_data)) == labelled


@pytest.mark.shared_data
def test_the_unbiased_sample_is_labelled_and_holds_every_hash_row(shared_data: Path) -> None:
    sample = hash_sample(shared_data)
    labelled = {(row["source"], row["id"]) for row in INTENT_ROWS}
    hash_rows = {(row["source"], row["id"]) for row in INTENT_ROWS if row["sampling"] == "hash"}
    assert len(sample) == sum(HASH_SAMPLE_SIZES.values())
    assert hash_rows <= sample <= labelled


@pytest.mark.parametrize(
    ("text", "words"),
    [("@brand thanks so much", 3), ("@brand https://t.co/x ok", 1), ("@a @b", 0), ("where is my bag?", 4)],
)
def test_word_count_ignores_handles_and_links(text: str, words: int) -> None:
    assert word_count(text) == words
