"""The local engine feeds the decide stage from the inbox (repeat contact) and ingest fills the inbox."""

from __future__ import annotations

import pickle

import pytest
from tests.engines.conftest import FakeSource

from tactful.engage.inbox import Inbox
from tactful.engines.local import build_stages, pipeline_for, sync_inbox
from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.store import open_store


class ThreadedSource(FakeSource):
    """Replies to the brand, in one thread."""

    def map_item(self, raw: RawRecord) -> Post:
        post = super().map_item(raw)
        post.reply_to_author = "acme.bsky.social"
        post.thread_id = raw.payload.get("thread")
        return post


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'tactful.db'}") as opened:
        yield opened


def test_a_follow_up_in_the_same_thread_is_decided_as_a_repeat_contact(config, store):
    stages = build_stages(config, store=store)
    first = ThreadedSource([{"id": 1, "text": "acme my order never arrived"}])
    pipeline_for(first, stages).run(first.read(), store)
    assert sync_inbox(store) == 1
    second = ThreadedSource([{"id": 2, "text": "acme still nothing", "thread": "1"}])
    pipeline_for(second, stages).run(second.read(), store)
    decided = {p.platform_id: p.decision for p in store.iter_posts()}
    assert "repeat_contact" not in decided["1"].reasons
    assert "repeat_contact" in decided["2"].reasons and decided["2"].priority > decided["1"].priority
    assert sync_inbox(store) == 1
    (item,) = Inbox(store.engine).items()
    assert [p.platform_id for p in Inbox(store.engine).posts(item.id)] == ["1", "2"]


def test_the_decide_stage_still_pickles_with_its_thread_lookup(config, store):
    decide = build_stages(config, store=store).decide
    copy = pickle.loads(pickle.dumps(decide))
    assert copy.keywords["threads"].url == decide.keywords["threads"].url
