"""A file with broken records finishes: each bad record quarantined with a code, every good one kept."""

from __future__ import annotations

import json
import tracemalloc

import pytest

MiB = 1024 * 1024
TEN_MB = 10 * MiB
SECRET = "zq-private-words"  # appears in the text of broken rows; must never reach a reason


def _line(**fields) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


def _broken_jsonl() -> tuple[bytes, list[tuple[str, str]], list[str]]:
    """(file content, expected quarantine [(location, code)], expected good ids)."""
    good = {"created_at": "2024-05-01T10:00:00Z", "author": "someone"}
    lines = [
        _line(id="1", text="a good post 👍", **good),
        b'{"id": "2", "text": "cut off in the mid' + SECRET.encode() + b"\n",
        _line(id="3", text=SECRET, created_at="31/31/2024 99:99", author="x"),
        _line(id="4", text=" \x00\x07 ", **good),
        _line(id="5", text=12345, **good),
        _line(id="6", text=["a", "list"], **good),
        _line(id="7", text="x" * TEN_MB, **good),
        b'{"id": "8", "text": "bad byte \xff\xfe here '
        + SECRET.encode()
        + b'", "created_at": "2024-05-01"}\n',
        _line(text=SECRET, **good),
        _line(id="10", text="another good one 𝕏", **good),
        b"\n",
        _line(id="12", text="the last good one", created_at="2/24/2015 11:35"),
    ]
    quarantined = [
        ("line 2", "invalid_json"),
        ("line 3", "bad_date"),
        ("line 4", "empty_text"),
        ("line 5", "wrong_type"),
        ("line 6", "wrong_type"),
        ("line 7", "too_large"),
        ("line 8", "invalid_utf8"),
        ("line 9", "missing_id"),
    ]
    return b"".join(lines), quarantined, ["1", "10", "12"]


def test_a_broken_jsonl_file_quarantines_exactly_the_bad_lines(ingest, tmp_path):
    content, expected_quarantine, expected_ids = _broken_jsonl()
    path = tmp_path / "broken.jsonl"
    path.write_bytes(content)
    posts, quarantined = ingest(path)
    assert [(q.location, q.code) for q in quarantined] == expected_quarantine
    assert [p.platform_id for p in posts] == expected_ids
    assert all(q.source == "broken.jsonl" for q in quarantined)


def test_reasons_never_carry_post_text_or_handles(ingest, tmp_path):
    content, _, _ = _broken_jsonl()
    path = tmp_path / "broken.jsonl"
    path.write_bytes(content)
    _, quarantined = ingest(path)
    for q in quarantined:
        assert q.reason and SECRET not in q.reason and "someone" not in q.reason


@pytest.mark.parametrize(
    "format_name,peak_limit",
    [
        ("jsonl", 3 * MiB),  # lines are bounded by the 1 MiB record limit
        ("support-csv", 3 * MiB),
        ("bluesky-json", 12 * MiB),  # a line may be a whole page: bounded by the 4 MiB page limit
        ("mastodon-json", 12 * MiB),
        ("twitter-api-v2", 12 * MiB),
    ],
)
def test_the_ten_megabyte_line_is_skipped_without_being_held_in_memory(tmp_path, format_name, peak_limit):
    from tactful.sources.files import open_file_source

    path = tmp_path / "huge.jsonl"
    path.write_bytes(_line(id="1", text="x" * TEN_MB, created_at="2024-01-01") + _line(id="2", text="ok"))
    tracemalloc.start()
    try:
        records = list(open_file_source(path, format_name).read())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(r.location, r.error_code) for r in records] == [("line 1", "too_large"), ("line 2", None)]
    assert peak < peak_limit


@pytest.mark.parametrize("limit,code", [(100, "too_large"), (10_000, None)])
def test_the_record_size_limit_is_configurable(ingest, tmp_path, limit, code):
    path = tmp_path / "posts.jsonl"
    path.write_bytes(_line(id="1", text="y" * 500, created_at="2024-01-01"))
    posts, quarantined = ingest(path, max_record_bytes=limit)
    assert [q.code for q in quarantined] == ([code] if code else [])
    assert len(posts) == (0 if code else 1)


def test_a_broken_csv_quarantines_rows_and_keeps_the_rest(ingest, tmp_path):
    rows = [
        b"id,text,created_at,author\n",
        b"1,fine,2024-01-01T00:00:00Z,ann\n",
        b"2,bad \xff byte,2024-01-01T00:00:00Z,bob\n",
        b"3,,2024-01-01T00:00:00Z,cy\n",
        b"4,bad date,yesterday-ish,dee\n",
        b",no id,2024-01-01T00:00:00Z,eve\n",
        b"6," + b"z" * (2 * 1024 * 1024) + b",2024-01-01T00:00:00Z,fay\n",
        b'7,"quoted, with comma",2024-01-01T00:00:00Z,gus\n',
    ]
    path = tmp_path / "broken.csv"
    path.write_bytes(b"".join(rows))
    posts, quarantined = ingest(path)
    assert [(q.location, q.code) for q in quarantined] == [
        ("row 2", "invalid_utf8"),
        ("row 3", "empty_text"),
        ("row 4", "bad_date"),
        ("row 5", "missing_id"),
        ("row 6", "too_large"),
    ]
    assert [(p.platform_id, p.text) for p in posts] == [("1", "fine"), ("7", "quoted, with comma")]


def test_a_truncated_json_array_keeps_the_items_before_the_cut(ingest, tmp_path):
    items = [{"id": str(i), "text": f"post {i}", "created_at": "2024-01-01"} for i in range(3)]
    text = json.dumps(items, indent=2)
    path = tmp_path / "posts.json"
    path.write_text(text[: text.rindex('"text"')], encoding="utf-8")
    posts, quarantined = ingest(path)
    assert [p.platform_id for p in posts] == ["0", "1"]
    assert [(q.location, q.code) for q in quarantined] == [("item 3", "invalid_json")]


def test_a_page_format_file_quarantines_a_broken_page_line(ingest, fixtures, tmp_path):
    good = (fixtures / "twitter_v2_pages.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "pages.jsonl"
    path.write_text(good[0] + "\n" + good[1][:40] + "\n" + good[1] + "\n", encoding="utf-8")
    posts, quarantined = ingest(path, "twitter-api-v2")
    assert [(q.location, q.code) for q in quarantined] == [("line 2", "invalid_json")]
    assert len(posts) == 3


class _NullSink:
    def write_batch(self, batch, quarantined):
        return len(batch)


def test_the_pipeline_accounts_for_every_record_of_a_broken_file(tmp_path):
    from tactful.pipeline import Pipeline
    from tactful.sources.files import open_file_source
    from tactful.sources.normalise import normalise_posts

    content, expected_quarantine, expected_ids = _broken_jsonl()
    path = tmp_path / "broken.jsonl"
    path.write_bytes(content)
    source = open_file_source(path)
    pipeline = Pipeline(
        map_item=source.map_item,
        normalise=normalise_posts,
        match=lambda batch: batch,
        privacy_gate=lambda batch: ([], batch),  # hold every post back: only the accounting matters here
    )
    report = pipeline.run(source.read(), _NullSink(), batch_size=4)
    assert report.adds_up()
    assert (report.read, report.withheld, report.rejected) == (
        11,
        len(expected_ids),
        len(expected_quarantine),
    )
    assert report.rejected_reasons == {
        "invalid_json": 1,
        "bad_date": 1,
        "empty_text": 1,
        "wrong_type": 2,
        "too_large": 1,
        "invalid_utf8": 1,
        "missing_id": 1,
    }
