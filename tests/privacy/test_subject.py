"""Data-subject requests end to end: export says what, when and why; erase leaves nothing behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from tests.privacy.keys import TEST_SECRET
from tests.privacy.ops_checks import NOTHING, keys_by, rows_about, stored_keys
from tests.privacy.ops_fixtures import *  # noqa: F403
from tests.privacy.ops_fixtures import DEMO, ingest

from tactful.errors import UsageError
from tactful.privacy.audit import AuditLog
from tactful.privacy.subject import erase_subject, export_subject

PEOPLE = [
    ("twitter", "luciaOntour"),
    ("mastodon", "lenaflies@social.example"),
    ("bluesky", "gus-va.bsky.social"),
]


@pytest.mark.parametrize(("platform", "handle"), PEOPLE)
def test_export_lists_every_post_with_why_it_was_kept(
    store, keyring, demo_config, answer_key, platform, handle
):
    ingest(store, demo_config)
    held = keys_by(answer_key, platform, handle) & stored_keys(store)
    report = export_subject(store.engine, keyring, platform=platform, handle=handle, actor="cli:dpo")
    posts = report["held"]["posts"]
    assert {(p["platform"], p["platform_id"]) for p in posts} == held
    for post in posts:
        assert post["why_kept"]["matched_queries"], "the query that matched"
        assert post["why_kept"]["decision"]["explanation"]
        assert post["ingested_at"] and post["created_at"]
    assert handle.split("@")[0].lower() not in json.dumps(report).lower()
    entry = list(AuditLog(store.engine).entries())[-1]
    assert (entry.action, entry.actor, entry.detail) == (
        "subject.export",
        "cli:dpo",
        {"items": {"aliases": 0, "inbox": 0, "posts": len(held)}},
    )


def test_export_names_the_sealed_contact_of_an_answerable_post(store, keyring, demo_config):
    ingest(store, demo_config)
    report = export_subject(store.engine, keyring, platform="twitter", handle="GusOntour", actor="cli:dpo")
    answerable = [
        p for p in report["held"]["posts"] if p["why_kept"]["decision"]["action"] in ("respond", "route")
    ]
    assert answerable and all(p["contact_handle_kept_sealed_since"] for p in answerable)


@pytest.mark.parametrize(("platform", "handle"), PEOPLE)
def test_erase_deletes_everything_and_reingestion_does_not_restore_it(
    store, keyring, demo_config, answer_key, platform, handle
):
    ingest(store, demo_config)
    held = keys_by(answer_key, platform, handle) & stored_keys(store)
    counts = erase_subject(store.engine, keyring, platform=platform, handle=handle, actor="cli:dpo")
    assert counts["posts"] == len(held) and counts["post_matches"] >= len(held)
    assert rows_about(store, keyring, platform, handle) == NOTHING
    report = ingest(store, demo_config)
    assert report.stored == 0 and report.withheld >= len(held)
    assert not held & stored_keys(store)
    assert (
        export_subject(store.engine, keyring, platform=platform, handle=handle, actor="cli:dpo")["held"][
            "posts"
        ]
        == []
    )
    actions = [e.action for e in AuditLog(store.engine).entries()]
    assert "subject.erase" in actions and AuditLog(store.engine).verify().ok


def test_a_request_must_name_the_person(store, keyring):
    with pytest.raises(UsageError):
        export_subject(store.engine, keyring, platform="twitter", actor="cli:dpo")


def test_cli_export_and_erase(tmp_path, store_url, secret, demo_config):
    from tactful.store import open_store

    with open_store(store_url) as opened:
        ingest(opened, demo_config)
    env = {**os.environ, "TACTFUL_SECRET": TEST_SECRET}
    base = [sys.executable, "-m", "tactful", "subject"]
    common = [
        "--platform",
        "twitter",
        "--handle",
        "luciaOntour",
        "--db",
        store_url,
        "--config",
        str(DEMO / "skylark.toml"),
        "--actor",
        "cli:dpo",
    ]
    out = tmp_path / "export.json"
    exported = subprocess.run(
        [*base, "export", *common, "--output", str(out)], env=env, capture_output=True, text=True, timeout=120
    )
    assert exported.returncode == 0, exported.stderr
    assert len(json.loads(out.read_text())["held"]["posts"]) >= 1
    erased = subprocess.run(
        [*base, "erase", *common, "--json"], env=env, capture_output=True, text=True, timeout=120
    )
    assert erased.returncode == 0, erased.stderr
    assert json.loads(erased.stdout)["erased"]["posts"] >= 1
    for output in (exported, erased):
        assert "luciaontour" not in (output.stdout + output.stderr).lower()
