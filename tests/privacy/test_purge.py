"""Retention end to end, with an injectable clock: old text blanked, vault and audit expired."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from tests.privacy.ops_fixtures import *  # noqa: F403
from tests.privacy.ops_fixtures import ingest

from tactful.config import RetentionConfig
from tactful.privacy.audit import AuditLog
from tactful.privacy.purge import purge, purgers
from tactful.store.schema import contact_vault, decisions, post_matches, posts

RETENTION = RetentionConfig(raw_text_days=90, vault_days=30, inbox_days=365, audit_days=730)


def counts(store) -> dict[str, int]:
    with store.engine.connect() as conn:

        def n(query):
            return conn.execute(query).scalar_one()

        return {
            "posts": n(sa.select(sa.func.count()).select_from(posts)),
            "with_text": n(sa.select(sa.func.count()).select_from(posts).where(posts.c.text != "")),
            "vault": n(sa.select(sa.func.count()).select_from(contact_vault)),
            "matches": n(sa.select(sa.func.count()).select_from(post_matches)),
            "decisions": n(sa.select(sa.func.count()).select_from(decisions)),
        }


def test_nothing_goes_before_its_time(store, demo_config):
    ingest(store, demo_config)
    before = counts(store)
    done = purge(store.engine, RETENTION, now=datetime.now(UTC) + timedelta(days=1))
    assert done["raw_text"] == 0 and done["vault"] == 0 and counts(store) == before


def test_vault_expires_first_then_text_and_reingest_brings_nothing_back(store, demo_config):
    ingest(store, demo_config)
    before = counts(store)
    assert before["vault"] > 0
    now = datetime.now(UTC)

    after_vault = purge(store.engine, RETENTION, now=now + timedelta(days=31))
    assert after_vault["vault"] == before["vault"] and after_vault["raw_text"] == 0
    assert counts(store)["vault"] == 0

    after_text = purge(store.engine, RETENTION, now=now + timedelta(days=91))
    assert after_text["raw_text"] == before["posts"]
    kept = counts(store)
    assert kept["with_text"] == 0
    assert (kept["posts"], kept["matches"], kept["decisions"]) == (
        before["posts"],
        before["matches"],
        before["decisions"],
    ), "aggregates are kept"
    with store.engine.connect() as conn:
        blanked = conn.execute(sa.select(posts.c.mentions, posts.c.links)).all()
    assert all(mentions == [] and links == [] for mentions, links in blanked)

    ingest(store, demo_config)
    assert counts(store)["with_text"] == 0 and counts(store)["vault"] == 0


def test_audit_entries_expire_and_the_chain_still_verifies(store, demo_config):
    log = AuditLog(store.engine)
    log.record("cli:dpo", "subject.export", "author:k1.a")
    log.record("cli:dpo", "subject.erase", "author:k1.a")
    done = purge(store.engine, RETENTION, now=datetime.now(UTC) + timedelta(days=731))
    assert done["audit"] == 2
    entries = list(log.entries())
    assert [e.action for e in entries] == ["retention.purge"] and entries[0].actor == "system:retention"
    assert log.verify().ok


def test_registered_purgers_run_with_the_cutoffs(store):
    seen = {}

    def inbox_purger(conn, limits):
        seen.update(limits)
        return {"inbox": 7}

    purgers.add("test-inbox", inbox_purger)
    try:
        now = datetime(2027, 1, 1, tzinfo=UTC)
        assert purge(store.engine, RETENTION, now=now)["inbox"] == 7
        assert seen["inbox"] == now - timedelta(days=365)
    finally:
        purgers._items.pop("test-inbox")


def test_cli_purge_with_an_injected_now(store_url, secret, demo_config):
    import subprocess
    import sys

    from tests.privacy.ops_fixtures import DEMO

    from tactful.store import open_store

    url = store_url
    with open_store(url) as opened:
        ingest(opened, demo_config)
    later = (datetime.now(UTC) + timedelta(days=400)).isoformat()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "tactful",
            "purge",
            "--now",
            later,
            "--json",
            "--db",
            url,
            "--config",
            str(DEMO / "skylark.toml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert '"raw_text"' in out.stdout
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "tactful",
            "purge",
            "--now",
            "tomorrow",
            "--db",
            url,
            "--config",
            str(DEMO / "skylark.toml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "ISO 8601" in bad.stderr
