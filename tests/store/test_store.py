from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tactful.errors import StoreError, UsageError
from tactful.records import Quarantined, QueryMatch
from tactful.store import STATS_KEYS, open_store


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        yield opened


def test_a_post_comes_back_exactly_as_written(store, make_post):
    post = make_post("1", analysed=True, decided=True, lang="en", reply_to_id="0", thread_id="0",
                     replies_to_brand=True, links=["https://example.org/a"], author_flags=["nobot"])
    store.write_batch([post], [])
    [back] = list(store.iter_posts())
    assert back == post


def test_a_bare_post_comes_back_without_analysis_or_decision(store, make_post):
    post = make_post("1")
    post.matches = []
    store.write_batch([post], [])
    [back] = list(store.iter_posts())
    assert (back.analysis, back.decision, back.matches) == (None, None, [])
    assert back == post


def test_write_batch_returns_only_the_new_posts(store, make_post):
    assert store.write_batch([make_post("1"), make_post("2")], []) == 2
    assert store.write_batch([make_post("2"), make_post("3")], []) == 1
    assert store.count_posts() == 3


def test_ingesting_the_same_batch_twice_stores_nothing_new(store, make_post):
    batch = [make_post(str(i), analysed=True, decided=True) for i in range(50)]
    assert store.write_batch(batch, []) == 50
    assert store.write_batch(batch, []) == 0
    assert store.count_posts() == 50
    assert store.stats("sentiment") == [("negative", 50)]


def test_a_duplicate_inside_one_batch_counts_as_a_duplicate_and_the_first_wins(store, make_post):
    first = make_post("1", analysed=True)
    second = replace(make_post("1"), text="a later copy", matches=[QueryMatch("other", "product")])
    assert store.write_batch([first, second, make_post("2")], []) == 2
    stored = {p.platform_id: p for p in store.iter_posts()}
    assert stored["1"].text == first.text
    assert stored["1"].matches == first.matches


def test_the_same_id_on_two_platforms_is_two_posts(store, make_post):
    same_id = [make_post("1", platform="bluesky"), make_post("1", platform="mastodon")]
    assert store.write_batch(same_id, []) == 2


def test_quarantined_rows_are_stored_newest_first(store):
    rows = [Quarantined("a.jsonl", f"line {i}", "not valid JSON", "invalid_json") for i in range(3)]
    store.write_batch([], rows)
    assert store.quarantine_rows(limit=2) == rows[::-1][:2]
    assert store.count_quarantined() == 3


def test_quarantined_rows_are_kept_even_when_repeated(store):
    row = Quarantined("a.jsonl", "line 1", "not valid JSON", "invalid_json")
    store.write_batch([], [row])
    store.write_batch([], [row])
    assert store.count_quarantined() == 2


def test_the_cursor_is_saved_and_updated(store, make_post):
    assert store.get_cursor("jetstream") is None
    store.write_batch([make_post("1")], [], cursor=("jetstream", "100"))
    store.write_batch([], [], cursor=("jetstream", "200"))
    assert store.get_cursor("jetstream") == "200"
    assert store.get_cursor("other") is None


def test_a_failing_batch_leaves_posts_quarantine_and_cursor_unchanged(store, make_post):
    store.write_batch([make_post("1")], [], cursor=("jetstream", "100"))
    broken = make_post("3")
    broken.text = None  # type: ignore[assignment]  # NOT NULL: the database refuses the batch
    with pytest.raises(sa.exc.IntegrityError):
        store.write_batch([make_post("2"), broken], [Quarantined("s", "event 1", "bad", "bad_date")],
                          cursor=("jetstream", "200"))
    assert store.get_cursor("jetstream") == "100"
    assert store.count_posts() == 1
    assert store.count_quarantined() == 0


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("group", [("brand", 3), ("competitor:globex", 1)]),
        ("day", [("2026-03-01", 2), ("2026-03-02", 2)]),
        ("platform", [("bluesky", 3), ("reddit", 1)]),
        ("sentiment", [("negative", 2), ("unanalysed", 2)]),
        ("intent", [("complaint", 2), ("unanalysed", 2)]),
    ],
)
def test_stats_count_posts_by_key(store, make_post, by, expected):
    store.write_batch([
        make_post("1", analysed=True),
        make_post("2", analysed=True, day=1),
        make_post("3", day=1, platform="reddit"),
        make_post("4", group="competitor:globex"),
    ], [])
    assert store.stats(by) == expected


def test_a_post_in_two_queries_of_one_group_counts_once(store, make_post):
    post = make_post("1")
    post.matches = [QueryMatch("brand-name", "brand"), QueryMatch("brand-handle", "brand")]
    store.write_batch([post], [])
    assert store.stats("group") == [("brand", 1)]


def test_stats_by_an_unknown_key_is_a_usage_error(store):
    with pytest.raises(UsageError):
        store.stats("colour")  # type: ignore[arg-type]
    assert "group" in STATS_KEYS


def test_day_is_the_utc_day(store, make_post):
    post = make_post("1")
    post.created_at = datetime.fromisoformat("2026-03-01T23:30:00-05:00")  # 04:30 UTC on 2 March
    store.write_batch([post], [])
    assert store.stats("day") == [("2026-03-02", 1)]
    [back] = store.iter_posts()
    assert back.created_at == post.created_at
    assert back.created_at.tzinfo is not None


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        ({}, ["1", "2", "3", "4"]),
        ({"platform": "reddit"}, ["3"]),
        ({"group": "competitor:globex"}, ["4"]),
        ({"since": datetime(2026, 3, 2, tzinfo=UTC)}, ["2", "3"]),
        ({"until": datetime(2026, 3, 2, tzinfo=UTC)}, ["1", "4"]),
    ],
)
def test_iter_posts_filters(store, make_post, filters, expected_ids):
    store.write_batch([
        make_post("1"), make_post("2", day=1), make_post("3", day=1, platform="reddit"),
        make_post("4", group="competitor:globex"),
    ], [])
    assert [p.platform_id for p in store.iter_posts(**filters)] == expected_ids


def test_iter_posts_pages_through_everything_in_order(store, make_post):
    store.write_batch([make_post(str(i), analysed=i % 2 == 0) for i in range(25)], [])
    back = list(store.iter_posts(page_size=4))
    assert [p.platform_id for p in back] == [str(i) for i in range(25)]
    assert [p.analysis is not None for p in back] == [i % 2 == 0 for i in range(25)]


def test_reopening_keeps_the_data(store_url, make_post):
    with open_store(store_url) as store:
        store.write_batch([make_post("1")], [], cursor=("s", "1"))
    with open_store(store_url) as store:
        assert (store.count_posts(), store.get_cursor("s")) == (1, "1")


def test_opening_without_migrations_refuses_an_unmigrated_database(store_url):
    with pytest.raises(StoreError, match="revision none"):
        open_store(store_url, migrate=False)


def test_opening_without_migrations_accepts_a_migrated_database(store_url):
    open_store(store_url).close()
    with open_store(store_url, migrate=False) as store:
        assert store.count_posts() == 0


@pytest.mark.parametrize(
    "url",
    ["mysql://u:secret@localhost/db", "not a url", "postgresql+psycopg://u:secret@127.0.0.1:1/nowhere"],
)
def test_a_bad_database_url_is_a_store_error_without_the_password(url):
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert "secret" not in caught.value.message


@pytest.mark.parametrize(
    ("action", "kept"),
    [("respond", True), ("route", True), ("observe", False), ("suppress", False), (None, False)],
)
def test_the_sealed_contact_is_kept_only_when_the_post_may_be_answered(store, make_post, action, kept):
    post = make_post("1", decided=action is not None)
    if post.decision is not None:
        post.decision.action = action
    post.sealed_contact = "gAAAA-sealed-token"
    store.write_batch([post], [])
    assert store.sealed_contact("bluesky", "1") == ("gAAAA-sealed-token" if kept else None)
    [back] = store.iter_posts()
    assert back.sealed_contact is None  # never read back with the post


def test_deleting_a_post_deletes_everything_hanging_off_it(store, make_post):
    post = make_post("1", analysed=True, decided=True)
    post.sealed_contact = "token"
    store.write_batch([post], [])
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM posts"))
        counts = [conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("post_matches", "analyses", "post_aspects", "decisions", "contact_vault")]
    assert counts == [0, 0, 0, 0, 0]


def test_concurrent_writers_store_each_post_once(store_url, make_post):
    from concurrent.futures import ThreadPoolExecutor

    batches = [[make_post(str(i)) for i in range(start, start + 50)] for start in range(0, 400, 50)]
    open_store(store_url).close()  # migrate once, before the writers race

    def write_all(order: int) -> int:
        with open_store(store_url, migrate=False) as writer:
            return sum(writer.write_batch(b, []) for b in (batches if order == 0 else batches[::-1]))

    with ThreadPoolExecutor(max_workers=2) as pool:
        new = sum(pool.map(write_all, [0, 1]))
    with open_store(store_url) as store:
        assert (new, store.count_posts()) == (400, 400)
