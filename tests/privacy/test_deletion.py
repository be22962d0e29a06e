"""Deletion sync end to end: a post deleted upstream is deleted here and stays deleted on re-ingest."""

from __future__ import annotations

import sqlalchemy as sa
from tests.privacy.ops_checks import keys_by, stored_keys
from tests.privacy.ops_fixtures import *  # noqa: F403
from tests.privacy.ops_fixtures import ingest

from tactful.privacy.audit import AuditLog
from tactful.privacy.deletion import delete_posts
from tactful.store.schema import analyses, contact_vault, decisions, post_aspects, post_matches, posts


def rows_for(store, keys) -> dict[str, int]:
    wanted = sa.tuple_(posts.c.platform, posts.c.platform_id).in_(sorted(keys))
    ids = sa.select(posts.c.id).where(wanted)
    counts = {}
    with store.engine.connect() as conn:
        counts["posts"] = conn.execute(
            sa.select(sa.func.count()).select_from(posts).where(wanted)
        ).scalar_one()
        for table in (post_matches, analyses, post_aspects, decisions, contact_vault):
            counts[table.name] = conn.execute(
                sa.select(sa.func.count()).select_from(table).where(table.c.post_id.in_(ids))
            ).scalar_one()
    return counts


def test_deleted_posts_go_with_everything_about_them_and_stay_gone(store, keyring, demo_config, answer_key):
    ingest(store, demo_config)
    # a thread post with a kept contact, and two ordinary posts
    doomed = keys_by(answer_key, "twitter", "GusOntour") | keys_by(
        answer_key, "bluesky", "gus-va.bsky.social"
    )
    doomed &= stored_keys(store)
    assert rows_for(store, doomed)["contact_vault"] >= 1
    before = len(stored_keys(store))

    assert delete_posts(store.engine, keyring, sorted(doomed)) == len(doomed)

    assert set(rows_for(store, doomed).values()) == {0}
    assert len(stored_keys(store)) == before - len(doomed)
    report = ingest(store, demo_config)
    assert report.stored == 0
    assert not doomed & stored_keys(store)
    entry = list(AuditLog(store.engine).entries())[-1]
    assert entry.action == "posts.delete" and entry.detail["erased"]["posts"] == len(doomed)


def test_a_delete_that_arrives_before_its_post_keeps_it_out(store, keyring, demo_config, answer_key):
    early = sorted(keys_by(answer_key, "twitter", "luciaflies"))
    assert delete_posts(store.engine, keyring, early) == 0
    ingest(store, demo_config)
    assert not set(early) & stored_keys(store)


def test_deleting_nothing_writes_nothing(store, keyring):
    assert delete_posts(store.engine, keyring, []) == 0
    assert list(AuditLog(store.engine).entries()) == []


def test_a_delete_named_by_the_raw_at_uri_finds_the_post_stored_without_its_did(
    store, keyring, demo_config, answer_key
):
    ingest(store, demo_config)
    raw = sorted(
        (row["platform"], row["platform_id"])
        for row in answer_key
        if row["platform"] == "bluesky" and row["author"] == "gus-va.bsky.social"
    )
    held = keys_by(answer_key, "bluesky", "gus-va.bsky.social") & stored_keys(store)
    assert held and not {key for key in held if "did:" in key[1]}  # stored without the DID
    assert delete_posts(store.engine, keyring, raw) == len(held)  # as a Jetstream delete names them
    assert not held & stored_keys(store)
    assert ingest(store, demo_config).stored == 0  # tombstoned by the stored id
