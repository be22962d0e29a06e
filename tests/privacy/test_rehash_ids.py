"""Rows stored with raw ids (before ids were hashed) are rewritten, merged and audited."""

from __future__ import annotations

import sqlalchemy as sa
from tests.engage.factories import make_post
from tests.privacy.ops_fixtures import *  # noqa: F403

from tactful.engage.inbox import Inbox
from tactful.engage.policy import build_policy
from tactful.engage.stage import decide_posts
from tactful.privacy.audit import AuditLog
from tactful.privacy.platform_ids import stored_id
from tactful.privacy.rehash_ids import rehash_ids
from tactful.store.schema import inbox_conversations, posts

ROOT = "at://did:plc:rootrootrootrootrootroot/app.bsky.feed.post/3kroot"
REPLY = "at://did:plc:custcustcustcustcustcust/app.bsky.feed.post/3kreply"


def raw_posts():
    root = make_post("@acme my flight was cancelled", platform_id=ROOT)
    reply = make_post("@acme still nothing", platform_id=REPLY, thread_id=ROOT)
    reply.reply_to_id = ROOT
    other = make_post("@acme hello", platform_id="116158322277744641")  # a Mastodon-style id: kept
    decide_posts([root, reply, other], build_policy({}))
    return [root, reply, other]


def all_text(store) -> str:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(posts)).all() + conn.execute(sa.select(inbox_conversations)).all()
    return repr(rows)


def test_raw_ids_are_rewritten_threads_follow_and_nothing_raw_is_left(store, keyring):
    store.write_batch(raw_posts(), [])
    Inbox(store.engine).sync()
    assert "did:plc:" in all_text(store)

    counts = rehash_ids(store.engine, keyring, actor="cli:dpo")

    assert counts == {"posts": 2, "merged": 0, "threads": 1}
    assert "did:plc:" not in all_text(store)
    held = {p.platform_id: p for p in store.iter_posts()}
    assert set(held) == {
        stored_id(keyring, "bluesky", ROOT),
        stored_id(keyring, "bluesky", REPLY),
        "116158322277744641",
    }
    reply = held[stored_id(keyring, "bluesky", REPLY)]
    assert reply.thread_id == reply.reply_to_id == stored_id(keyring, "bluesky", ROOT)
    entry = list(AuditLog(store.engine).entries())[-1]
    assert (entry.action, entry.detail) == ("ids.rehash", counts)
    assert rehash_ids(store.engine, keyring, actor="cli:dpo") == {"posts": 0, "merged": 0, "threads": 0}


def test_a_raw_row_whose_hashed_twin_is_stored_is_erased(store, keyring):
    store.write_batch(raw_posts()[:1], [])
    twin = make_post("@acme my flight was cancelled", platform_id=stored_id(keyring, "bluesky", ROOT))
    decide_posts([twin], build_policy({}))
    store.write_batch([twin], [])
    assert store.count_posts() == 2
    assert rehash_ids(store.engine, keyring, actor="cli:dpo")["merged"] == 1
    assert [p.platform_id for p in store.iter_posts()] == [twin.platform_id]
