"""Exports stream every row, in every format, within a date range, and never the vault."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from tests.insights.conftest import add_conversation, at, build_post, write

from tactful.errors import UsageError
from tactful.insights import exports
from tactful.insights.filters import Filters
from tactful.records import Decision
from tactful.store.schema import inbox_events

N = 23


@pytest.fixture
def conn(store):
    posts = []
    for i in range(1, N + 1):
        post = build_post(i, hours=i, sentiment="negative", text=f"redacted text {i} <EMAIL>")
        post.decision = Decision("respond", 50, "support", ["addressed"], "It addresses the brand.")
        post.sealed_contact = "sealed-token-never-exported"
        posts.append(post)
    write(store, posts)
    with store.engine.connect() as connection:
        yield connection


def _read(path, fmt):
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", exports.FORMATS)
@pytest.mark.parametrize("kind", ["posts", "analyses", "decisions"])
def test_every_row_is_exported_across_pages(conn, tmp_path, monkeypatch, fmt, kind):
    monkeypatch.setattr(exports, "PAGE", 5)  # several pages for 23 rows
    path = tmp_path / f"out.{fmt}"
    assert exports.export(conn, kind, fmt, path) == N
    rows = _read(path, fmt)
    key = "id" if kind == "posts" else "post_id"
    assert sorted(int(r[key]) for r in rows) == list(range(1, N + 1))
    assert "sealed-token-never-exported" not in path.read_bytes().decode("utf-8", "replace")


def test_pages_are_bounded(conn):
    src = exports.source(conn, "posts")
    sizes = [len(page) for page in exports.pages(conn, src, Filters(), page_size=10)]
    assert sizes == [10, 10, 3]


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_a_date_range_selects_by_creation_time(conn, tmp_path, fmt):
    path = tmp_path / f"range.{fmt}"
    assert exports.export(conn, "posts", fmt, path, Filters(at(5), at(10))) == 5
    rows = _read(path, fmt)
    assert [r["text"] for r in rows] == [f"redacted text {i} <EMAIL>" for i in range(5, 10)]


def test_json_columns_stay_json(conn, tmp_path):
    exports.export(conn, "analyses", "jsonl", tmp_path / "a.jsonl")
    exports.export(conn, "analyses", "parquet", tmp_path / "a.parquet")
    first = _read(tmp_path / "a.jsonl", "jsonl")[0]
    assert first["analysis"]["sentiment"]["label"] == "negative"
    assert (
        json.loads(_read(tmp_path / "a.parquet", "parquet")[0]["analysis"])["sentiment"]["label"]
        == "negative"
    )


def test_unknown_kinds_are_refused(conn, tmp_path):
    with pytest.raises(UsageError, match="cannot export"):
        exports.export(conn, "contact_vault", "csv", tmp_path / "x.csv")


def test_inbox_history_is_exported(store, tmp_path):
    write(store, [build_post(1)])
    with store.engine.begin() as conn:
        conversation = add_conversation(conn, 1, opened=at(0))
        conn.execute(
            inbox_events.insert(),
            [
                {
                    "conversation_id": conversation,
                    "at": at(i),
                    "actor": "agent:sam",
                    "kind": "note",
                    "detail": {"n": i},
                }
                for i in range(7)
            ],
        )
    with store.engine.connect() as conn:
        assert exports.export(conn, "inbox", "jsonl", tmp_path / "inbox.jsonl", Filters(at(2), at(6))) == 4
    rows = _read(tmp_path / "inbox.jsonl", "jsonl")
    assert [r["detail"] for r in rows] == [{"n": 2}, {"n": 3}, {"n": 4}, {"n": 5}]
