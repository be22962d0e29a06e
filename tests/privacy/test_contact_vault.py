"""The contact vault's rules: audited opening, deletion when a conversation closes or retention ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from tests.privacy.ops_fixtures import *  # noqa: F403
from tests.privacy.ops_fixtures import ingest

from tactful.errors import NotFound
from tactful.privacy.audit import AuditLog
from tactful.privacy.contact_vault import close_conversation, expire_vault, open_contact_for
from tactful.privacy.platform_ids import stored_key
from tactful.store.schema import contact_vault, decisions, posts


def kept_contacts(store) -> list[tuple[str, str]]:
    query = sa.select(posts.c.platform, posts.c.platform_id).join(
        contact_vault, contact_vault.c.post_id == posts.c.id
    )
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def test_only_answerable_posts_keep_a_contact(store, demo_config):
    ingest(store, demo_config)
    query = sa.select(decisions.c.action).join(contact_vault, contact_vault.c.post_id == decisions.c.post_id)
    with store.engine.connect() as conn:
        actions = set(conn.execute(query).scalars())
    assert actions and actions <= {"respond", "route"}


def test_opening_a_contact_is_audited_before_it_is_returned(store, keyring, demo_config, answer_key):
    ingest(store, demo_config)
    key = kept_contacts(store)[0]
    author = next(
        row["author"]
        for row in answer_key
        if stored_key(keyring, (row["platform"], row["platform_id"])) == key
    )
    assert open_contact_for(store.engine, keyring, key, actor="agent:sam", why="reply") == author
    entry = list(AuditLog(store.engine).entries())[-1]
    assert (entry.actor, entry.action, entry.detail["why"]) == ("agent:sam", "identity.view", "reply")
    assert entry.target.startswith("author:k") and author not in str(entry)


def test_no_contact_for_a_post_nobody_may_answer(store, keyring, demo_config):
    ingest(store, demo_config)
    with store.engine.connect() as conn:
        observed = conn.execute(
            sa.select(posts.c.platform, posts.c.platform_id)
            .join(decisions, decisions.c.post_id == posts.c.id)
            .where(decisions.c.action == "observe")
            .limit(1)
        ).one()
    with pytest.raises(NotFound):
        open_contact_for(store.engine, keyring, tuple(observed), actor="agent:sam", why="reply")


def test_closing_a_conversation_deletes_its_contacts(store, keyring, demo_config):
    ingest(store, demo_config)
    kept = kept_contacts(store)
    assert close_conversation(store.engine, kept[:2], actor="agent:sam") == 2
    assert set(kept_contacts(store)) == set(kept[2:])
    with pytest.raises(NotFound):
        open_contact_for(store.engine, keyring, kept[0], actor="agent:sam", why="reply")
    assert list(AuditLog(store.engine).entries())[-1].action == "vault.close"


def test_expiry_uses_the_time_the_contact_was_kept(store, demo_config):
    ingest(store, demo_config)
    n = len(kept_contacts(store))
    with store.engine.begin() as conn:
        assert expire_vault(conn, datetime.now(UTC) - timedelta(days=1)) == 0
        assert expire_vault(conn, datetime.now(UTC) + timedelta(seconds=1)) == n
