"""The live runner: which events of a batch count, and a failing database never loses a batch."""

from __future__ import annotations

import json

import pytest
from tests.sources.livekit import FAST_BACKOFF, stored_keys
from tests.sources.replay import BASE_TIME_US, commit_event

from tactful.sources.base import RawRecord
from tactful.sources.jetstream import JetstreamSource
from tactful.sources.runner import LiveRunner, plan_batch


def raw(key: str | None, operation: str, cursor: str | None = None, error: str | None = None) -> RawRecord:
    return RawRecord({"key": key}, "src", "x", error=error, cursor=cursor, meta={"operation": operation})


def key_of(record: RawRecord) -> tuple[str, str] | None:
    key = record.payload["key"]
    return ("p", key) if key else None


@pytest.mark.parametrize(
    ("batch", "writes", "remove", "cursor", "deletes"),
    [
        # (each write is named key@index in the batch)
        ([raw("a", "create", "1"), raw("b", "create", "2")], ["a@0", "b@1"], [], "2", 0),
        ([raw("a", "create", "1"), raw("a", "delete", "2")], [], ["a"], "2", 1),
        ([raw("a", "create", "1"), raw("a", "update", "2")], ["a@1"], ["a"], "2", 0),
        ([raw("a", "delete", "1"), raw("a", "create", "2")], ["a@1"], [], "2", 1),
        ([raw("a", "update", "1"), raw("a", "update", "2")], ["a@1"], ["a"], "2", 0),
        # unkeyed or unreadable records go on to be quarantined by parse
        ([raw(None, "create", "1"), raw(None, "delete", None)], ["-@0", "-@1"], [], "1", 1),
        ([raw("a", "create", "1", error="bad"), raw("a", "skip", "2")], ["a@0"], [], "2", 0),
        # skip records only move the cursor
        ([raw("a", "skip", "5"), raw("b", "skip", None)], [], [], "5", 0),
    ],
)
def test_only_each_posts_last_event_counts(batch, writes, remove, cursor, deletes):
    plan = plan_batch(batch, key_of)
    assert [f"{r.payload['key'] or '-'}@{batch.index(r)}" for r in plan.writes] == writes
    assert [k for _, k in plan.remove] == remove
    assert (plan.cursor, plan.deletes) == (cursor, deletes)


class FlakyStore:
    """A store whose first write fails, as a database restarting would."""

    def __init__(self, store):
        self.store = store
        self.failures = 1

    def write_batch(self, *args, **kwargs):
        if self.failures:
            self.failures -= 1
            raise ConnectionError("database went away")
        return self.store.write_batch(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.store, name)


def test_a_failing_write_is_retried_and_the_batch_is_kept(store, make_pipeline):
    from tactful.sources.live import Link

    source = JetstreamSource.from_config("bsky", {"type": "jetstream", "check_labels": False})
    frames = [
        json.dumps(commit_event(BASE_TIME_US + i, i, f"3k{i}", "create", f"acme post {i}")) for i in range(3)
    ]
    batch = [source.to_record(frame, n) for n, frame in enumerate(frames)]
    runner = LiveRunner(source, make_pipeline(source), FlakyStore(store), link=Link(backoff=FAST_BACKOFF))
    runner.commit(batch)
    assert len(stored_keys(store)) == 3
    assert store.get_cursor("bsky") == str(BASE_TIME_US + 2)
    assert (runner.health.errors, runner.health.last_error) == (1, "store:ConnectionError")
    assert runner.health.state == "running"  # the success after the failure clears the streak


def test_upstream_deletes_are_tombstoned_audited_and_a_later_replay_is_withheld(config, store):
    import sqlalchemy as sa

    from tactful.engines.local import build_stages, pipeline_for
    from tactful.privacy.platform_ids import stored_key
    from tactful.privacy.pseudonyms import load_keyring
    from tactful.privacy.tombstones import buried
    from tactful.sources.listen import privacy_eraser
    from tactful.store.schema import audit_log

    def fresh_runner() -> tuple[JetstreamSource, LiveRunner]:
        source = JetstreamSource.from_config("bsky", {"type": "jetstream", "check_labels": False})
        pipeline = pipeline_for(source, build_stages(config, store=store))
        return source, LiveRunner(source, pipeline, store, erase=privacy_eraser(config, store))

    create = json.dumps(commit_event(BASE_TIME_US, 1, "3kgone", "create", "acme lost my bag"))
    delete = json.dumps(commit_event(BASE_TIME_US + 5, 1, "3kgone", "delete"))
    source, runner = fresh_runner()
    runner.commit([source.to_record(create, 1)])
    assert len(stored_keys(store)) == 1
    runner.commit([source.to_record(delete, 2)])
    key = ("bluesky", f"at://{commit_event(0, 1, 'x', 'delete')['did']}/app.bsky.feed.post/3kgone")
    assert stored_keys(store) == {}
    stored = stored_key(load_keyring("TACTFUL_SECRET"), key)  # tombstoned by the id as stored: no DID
    assert buried(store.engine, load_keyring("TACTFUL_SECRET"), [stored]) == {stored}
    with store.engine.connect() as conn:
        actions = conn.execute(sa.select(audit_log.c.action)).scalars().all()
    assert "posts.delete" in actions
    source, runner = fresh_runner()  # a new process: it has not seen the delete
    runner.commit([source.to_record(create, 1)])
    assert stored_keys(store) == {}
    assert runner.report.ingest.withheld == 1


def test_an_upstream_delete_commits_with_its_batch_and_cursor_or_not_at_all(config, store, monkeypatch):
    import sqlalchemy as sa

    from tactful.engines.local import build_stages, pipeline_for
    from tactful.privacy.pseudonyms import load_keyring
    from tactful.privacy.tombstones import buried
    from tactful.sources.listen import privacy_eraser
    from tactful.sources.live import Link
    from tactful.store import Store
    from tactful.store.schema import audit_log

    source = JetstreamSource.from_config("bsky", {"type": "jetstream", "check_labels": False})
    pipeline = pipeline_for(source, build_stages(config, store=store))
    link = Link(backoff=FAST_BACKOFF)
    runner = LiveRunner(source, pipeline, store, link=link, erase=privacy_eraser(config, store))
    create = json.dumps(commit_event(BASE_TIME_US, 1, "3kgone", "create", "acme lost my bag"))
    runner.commit([source.to_record(create, 1)])
    before = store.get_cursor("bsky")
    delete = source.to_record(json.dumps(commit_event(BASE_TIME_US + 5, 1, "3kgone", "delete")), 2)

    def killed(*args, **kwargs):  # the process dies just before the cursor is written
        raise ConnectionError("killed")

    monkeypatch.setattr(Store, "_save_cursor", killed)
    link.stop.set()  # no retry: the batch's transaction ends here
    with pytest.raises(ConnectionError):
        runner.commit([delete])
    key = ("bluesky", f"at://{commit_event(0, 1, 'x', 'delete')['did']}/app.bsky.feed.post/3kgone")
    with store.engine.connect() as conn:
        audited = conn.execute(sa.select(audit_log.c.action)).scalars().all()
    assert (len(stored_keys(store)), store.get_cursor("bsky")) == (1, before)
    assert buried(store.engine, load_keyring("TACTFUL_SECRET"), [key]) == set()
    assert "posts.delete" not in audited
    monkeypatch.undo()
    link.stop.clear()
    runner.commit([delete])  # the replay after the restart applies it, with the cursor
    assert stored_keys(store) == {} and store.get_cursor("bsky") != before


def test_a_post_erased_by_another_process_after_the_gate_ran_is_not_stored(config, store):
    from tactful.engines.local import build_stages, pipeline_for, privacy_admit
    from tactful.privacy.deletion import delete_posts
    from tactful.privacy.pseudonyms import load_keyring
    from tactful.sources.listen import privacy_eraser

    source = JetstreamSource.from_config("bsky", {"type": "jetstream", "check_labels": False})
    pipeline = pipeline_for(source, build_stages(config, store=store))
    key = ("bluesky", f"at://{commit_event(0, 1, 'x', 'delete')['did']}/app.bsky.feed.post/3kgone")
    real_write = store.write_batch

    def erased_meanwhile(*args, **kwargs):  # another listener commits the upstream delete just now
        delete_posts(store.engine, load_keyring("TACTFUL_SECRET"), [key])
        return real_write(*args, **kwargs)

    store.write_batch = erased_meanwhile
    erase, admit = privacy_eraser(config, store), privacy_admit(config)
    runner = LiveRunner(source, pipeline, store, erase=erase, admit=admit)
    create = json.dumps(commit_event(BASE_TIME_US, 1, "3kgone", "create", "acme lost my bag"))
    runner.commit([source.to_record(create, 1)])
    assert stored_keys(store) == {}
    assert store.get_cursor("bsky") is not None  # the batch itself committed


def test_a_delete_takes_everything_hanging_off_the_post(store, make_post_with_children):
    key = make_post_with_children(store)
    assert store.delete_posts([key]) == 1
    with store.engine.connect() as conn:
        import sqlalchemy as sa

        from tactful.store.schema import posts

        for table in posts.metadata.sorted_tables:
            if any(fk.column.table is posts for fk in table.foreign_keys):
                assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0, table.name


@pytest.fixture
def make_post_with_children():
    from tactful.records import Analysis, ClassScores, Decision, QueryMatch, StoredPost, utcnow

    def make(store) -> tuple[str, str]:
        post = StoredPost(
            "bluesky",
            "at://x/app.bsky.feed.post/1",
            "p1",
            "acme text",
            utcnow(),
            matches=[QueryMatch("acme", "brand")],
            sealed_contact="sealed",
            analysis=Analysis(lang="en", sentiment=ClassScores("negative", {"negative": 1.0})),
            decision=Decision("respond", 80, "support", ["addressed"], "It asks for help."),
        )
        store.write_batch([post], [])
        return post.key

    return make
