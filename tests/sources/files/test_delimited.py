from __future__ import annotations

from datetime import UTC, datetime

FORUM_MAP = ["id=post_id", "text=body", "created_at=posted", "author=who"]

FORUM_ROWS = [
    {
        "platform_id": "f-1",
        "text": "Acme's router reboots every night, anyone else?",
        "author_handle": "ann",
        "created_at": datetime(2024, 2, 10, 21, 14, tzinfo=UTC),
        "extra": {"board": "networking"},
    },
    {"platform_id": "f-2", "text": "Same here 😩\nsince the last update", "author_handle": "ben"},
    {"platform_id": "f-3", "created_at": datetime(2024, 2, 11, 8, 0, tzinfo=UTC)},
]


def test_csv_columns_map_through_map_flags(fixtures, ingest, pick):
    posts, quarantined = ingest(fixtures / "forum_posts.csv", mapping=FORUM_MAP)
    assert quarantined == []
    assert [pick(post, expected) for post, expected in zip(posts, FORUM_ROWS, strict=True)] == FORUM_ROWS


def test_csv_rows_are_numbered_from_the_first_data_row(fixtures):
    from tactful.sources.files import open_file_source

    source = open_file_source(fixtures / "forum_posts.csv", mapping=FORUM_MAP)
    assert [r.location for r in source.read()] == ["row 1", "row 2", "row 3"]


def test_csv_with_common_column_names_needs_no_mapping(ingest, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,text,created_at,author,likes\n1,hello,2024-01-01T00:00:00Z,ann,3\n", encoding="utf-8")
    posts, _ = ingest(path)
    assert [(p.platform_id, p.text, p.author_handle, p.engagement) for p in posts] == [
        ("1", "hello", "ann", {"likes": 3})
    ]


def test_tsv_is_read_with_tabs(ingest, tmp_path):
    path = tmp_path / "export.tsv"
    path.write_text("id\ttext\tdate\n1\thello, world\t2024-01-01\n", encoding="utf-8")
    posts, _ = ingest(path)
    assert [p.text for p in posts] == ["hello, world"]


def test_without_a_mapping_only_the_aliases_are_found(fixtures, ingest):
    posts, quarantined = ingest(fixtures / "forum_posts.csv")  # post_id and body are aliases; posted is not
    assert posts == []
    assert {(q.code, q.reason) for q in quarantined} == {("bad_date", "no created_at")}
