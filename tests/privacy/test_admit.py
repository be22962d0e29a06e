"""The last check inside a batch's write: an opt-out or erasure committed after the gate ran still holds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from tests.privacy.keys import TEST_SECRET
from tests.store.conftest import postgres_schema_url, postgres_url, store_url  # noqa: F401  (fixtures)

from tactful.config import parse_config
from tactful.engines.local import CheckedSink, build_stages, privacy_admit
from tactful.privacy.deletion import delete_posts
from tactful.privacy.gate import identity_hashes
from tactful.privacy.optouts import opt_out
from tactful.privacy.pseudonyms import load_keyring
from tactful.records import Post
from tactful.store import Store, open_store

CONFIG = parse_config({
    "brand": {"name": "Acme", "handles": {"bluesky": ["acme.bsky.social"]}},
    "queries": [{"name": "acme", "group": "brand", "query": "acme"}],
})


@pytest.fixture
def store(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:  # noqa: F811
    monkeypatch.setenv("TACTFUL_SECRET", TEST_SECRET)
    with open_store(store_url) as opened:
        yield opened


def gated(store: Store) -> tuple[list, list[Post]]:
    """Two posts through the consent gate: one by the author who opts out later, one by someone else."""
    posts = [
        Post("bluesky", str(i), f"acme lost my bag {i}", datetime(2026, 3, 1, tzinfo=UTC), author_handle=handle)
        for i, handle in enumerate(["quiet.bsky.social", "loud.bsky.social"])
    ]
    allowed, withheld = build_stages(CONFIG, store=store).privacy_gate(posts)
    assert len(allowed) == 2 and not withheld
    return allowed, posts


def stored_ids(store: Store) -> set[str]:
    return {post.platform_id for post in store.iter_posts()}


@pytest.mark.parametrize("checked", [True, False])
def test_an_opt_out_committed_after_the_gate_keeps_the_authors_posts_out(store, checked):
    allowed, posts = gated(store)
    opt_out(store.engine, identity_hashes(posts[0], load_keyring("TACTFUL_SECRET")), via="cli", actor="t")
    sink = CheckedSink(store, privacy_admit(CONFIG) if checked else None)
    written = sink.write_batch(allowed, [])
    assert (written, stored_ids(store)) == ((1, {"1"}) if checked else (2, {"0", "1"}))


def test_a_post_erased_after_the_gate_is_not_stored(store):
    allowed, _ = gated(store)
    delete_posts(store.engine, load_keyring("TACTFUL_SECRET"), [("bluesky", "1")])
    assert CheckedSink(store, privacy_admit(CONFIG)).write_batch(allowed, []) == 1
    assert stored_ids(store) == {"0"}
