from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from tests.engage.factories import make_post

from tactful.engage import inbox as inbox_module
from tactful.engage.inbox import Inbox, mask_pii
from tactful.engage.policy import build_policy
from tactful.engage.stage import decide_posts
from tactful.engage.workflow import TransitionError
from tactful.errors import NotFound, UsageError
from tactful.store.engine import create_store_engine
from tactful.store.schema import inbox_conversations, inbox_posts

POLICY = build_policy({})


def store_decided(store, *posts):
    decide_posts(list(posts), POLICY)
    store.write_batch(list(posts), [])


@pytest.mark.parametrize(
    ("kwargs", "opens"),
    [
        ({"intent": "complaint"}, True),
        ({"intent": "question"}, True),
        ({"intent": "praise", "negative": 0.0}, True),
        ({"intent": "complaint", "offensive": True}, True),  # routed to moderation
        ({"intent": "complaint", "addressed": False}, False),
        ({"intent": "other"}, False),
        ({"intent": "complaint", "sensitive": ("health",)}, False),
        ({"intent": "complaint", "flags": ("nobot",)}, False),
    ],
)
def test_only_respond_and_route_decisions_open_a_conversation(store, inbox, kwargs, opens):
    store_decided(store, make_post(platform_id="p1", **kwargs))
    assert inbox.sync() == int(opens)
    assert len(inbox.items()) == int(opens)


@pytest.mark.parametrize("chunk", [1, 2, 5_000])
def test_sync_is_idempotent_and_threads_share_one_conversation(store, inbox, monkeypatch, chunk):
    monkeypatch.setattr(inbox_module, "SYNC_CHUNK", chunk)  # a thread split across steps still meets
    store_decided(
        store,
        make_post(platform_id="root"),
        make_post("@acme and?", platform_id="r1", thread_id="root"),
        make_post(platform_id="other"),
    )
    assert inbox.sync() == 3
    assert inbox.sync() == 0
    items = inbox.items()
    assert sorted(len(inbox.posts(i.id)) for i in items) == [1, 2]
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(inbox_posts)).scalar_one() == 3


def test_an_observed_follow_up_in_an_open_thread_joins_it(store, inbox, clock):
    store_decided(store, make_post(platform_id="root"))
    inbox.sync()
    (item,) = inbox.items()
    inbox.record_reply(item.id, "Hi", actor="alice")
    store_decided(store, make_post("@acme ok", intent="other", platform_id="r1", thread_id="root"))
    assert inbox.sync() == 1
    after = inbox.get(item.id)
    assert after.status == "new" and after.pending_since is not None


def test_moderation_items_go_to_the_moderation_team(store, inbox):
    store_decided(store, make_post(platform_id="p1", offensive=True))
    inbox.sync()
    (item,) = inbox.items()
    assert (item.action, item.team) == ("route", "moderation")
    assert inbox.sla_policy(item.team).first_response_minutes == 15


def test_assign_to_a_person_then_to_a_team(store, inbox):
    store_decided(store, make_post(platform_id="p1"))
    inbox.sync()
    (item,) = inbox.items()
    assert inbox.assign(item.id, actor="lead", person="alice").status == "assigned"
    moved = inbox.assign(item.id, actor="lead", team="pr")
    assert (moved.status, moved.assignee, moved.team) == ("new", None, "pr")
    assert inbox.items(team="pr") == [moved]
    assert [e.kind for e in inbox.history(item.id)] == ["open", "assign", "assign"]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda inbox, i: inbox.assign(i, actor="a"), UsageError),
        (lambda inbox, i: inbox.assign(999, actor="a", person="b"), NotFound),
        (lambda inbox, i: inbox.note(i, "  ", actor="a"), UsageError),
        (lambda inbox, i: inbox.resolve(inbox.resolve(i, actor="a").id, actor="a"), TransitionError),
        (lambda inbox, i: inbox.items(status="closed"), UsageError),
    ],
)
def test_bad_requests_are_usage_errors(store, inbox, call, error):
    store_decided(store, make_post(platform_id="p1"))
    inbox.sync()
    (item,) = inbox.items()
    with pytest.raises(error):
        call(inbox, item.id)


def test_a_reply_after_resolving_is_refused(store, inbox):
    store_decided(store, make_post(platform_id="p1"))
    inbox.sync()
    (item,) = inbox.items()
    inbox.resolve(item.id, actor="a")
    with pytest.raises(TransitionError):
        inbox.record_reply(item.id, "late", actor="a")
    assert inbox.items() == [] and len(inbox.items(include_resolved=True)) == 1


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        ("call her at jane.doe@example.com", "jane.doe@example.com"),
        ("her number is +1 415 555 0199", "555 0199"),
        ("ask @janedoe99 for the receipt", "janedoe99"),
    ],
)
def test_notes_are_pii_masked_before_they_are_stored(store, inbox, text, leaked):
    store_decided(store, make_post(platform_id="p1"))
    inbox.sync()
    (item,) = inbox.items()
    inbox.note(item.id, text, actor="alice")
    (note,) = inbox.notes(item.id)
    assert leaked not in note.text and note.author == "alice"


def test_mask_pii_keeps_the_brand_handle():
    assert mask_pii("escalate to @acme", ["acme"]) == "escalate to @acme"


def test_the_most_urgent_item_comes_first_and_claims_never_collide(store, inbox):
    store_decided(
        store,
        *[make_post(f"@acme problem {n}", platform_id=f"p{n}", negative=0.5 + n / 20) for n in range(6)],
    )
    inbox.sync()
    listed = inbox.items()
    assert [i.priority for i in listed] == sorted((i.priority for i in listed), reverse=True)
    claimed: list[int] = []

    def agent(name: str) -> None:
        mine = Inbox(store.engine, clock=inbox.now)
        while (item := mine.claim_next(actor=name)) is not None:
            claimed.append(item.id)

    workers = [threading.Thread(target=agent, args=(f"agent{n}",)) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(claimed) == sorted(i.id for i in listed)
    assert all(i.assignee and i.status == "assigned" for i in inbox.items())


def test_syncs_from_several_processes_take_each_post_once_and_open_one_conversation_per_thread(store):
    url = store.engine.url.render_as_string(hide_password=False)
    failures: list[str] = []

    def arriving() -> None:  # posts keep arriving while the syncs run
        for n in range(40):
            store_decided(store, make_post(f"@acme problem {n}", platform_id=f"p{n}", thread_id=f"t{n % 5}"))

    def syncing() -> None:  # an engine of its own: another process (the web app, a CLI command)
        engine = create_store_engine(url)
        try:
            for _ in range(12):
                Inbox(engine).sync()
        except Exception as exc:
            failures.append(type(exc).__name__)
        finally:
            engine.dispose()

    workers = [threading.Thread(target=arriving)] + [threading.Thread(target=syncing) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    Inbox(store.engine).sync()
    with store.engine.connect() as conn:
        keys = conn.execute(sa.select(inbox_conversations.c.thread_key)).scalars().all()
        linked = conn.execute(sa.select(inbox_posts.c.post_id)).scalars().all()
    assert failures == []
    assert sorted(keys) == [f"bluesky:t{n}" for n in range(5)]
    assert len(linked) == len(set(linked)) == 40


def test_thread_context_counts_earlier_posts_and_waiting_since(store, inbox, clock):
    root = make_post(platform_id="root", at=clock.now)
    store_decided(store, root)
    inbox.sync()
    follow_up = make_post(platform_id="r1", thread_id="root")
    context = inbox.thread_contexts([follow_up])["root"]
    assert (context.customer_posts, context.waiting_since) == (1, clock.now)
    (item,) = inbox.items()
    inbox.record_reply(item.id, "Hi", actor="a")
    assert inbox.thread_contexts([follow_up])["root"].waiting_since is None
    assert inbox.thread_contexts([make_post(platform_id="new")])["new"].customer_posts == 0
