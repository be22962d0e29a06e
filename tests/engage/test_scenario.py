"""End to end through the store: a complaint becomes an inbox item, is answered, reopens, resolves;
and an author who opts out in the middle of a conversation leaves nothing behind."""

from __future__ import annotations

import sqlalchemy as sa
from tests.engage.factories import make_post

from tactful.engage.inbox import Inbox
from tactful.engage.policy import build_policy
from tactful.engage.replies import load_templates, suggest
from tactful.engage.sending import SendSettings, send_reply
from tactful.engage.stage import decide_posts
from tactful.privacy.optouts import opt_out
from tactful.records import StoredPost
from tactful.store import Store
from tactful.store.schema import (
    contact_vault,
    inbox_conversations,
    inbox_events,
    inbox_notes,
    inbox_posts,
    inbox_replies,
    posts,
)

POLICY = build_policy({})


def ingest(store: Store, inbox: Inbox, post: StoredPost) -> None:
    """What the pipeline does: decide with the thread so far, store, then the inbox takes it in."""
    decide_posts([post], POLICY, threads=inbox.thread_contexts, now=inbox.now())
    store.write_batch([post], [])
    inbox.sync()


def complaint(clock, **fields) -> StoredPost:
    return make_post(
        "@acme my flight was cancelled and nobody answers the phone",
        platform_id="p1",
        at=clock.now,
        aspects=("cancellation",),
        sealed_contact="sealed-token",
        **fields,
    )


def test_a_complaint_is_answered_reopened_and_resolved_within_sla(store, inbox, clock):
    ingest(store, inbox, complaint(clock))
    (item,) = inbox.items()
    assert (item.status, item.team, item.action) == ("new", "support", "respond")
    assert item.priority >= 60 and "urgency.cancelled" in item.reasons
    assert inbox.sla(item).first_response == "active"

    (post,) = inbox.posts(item.id)
    (best, *_) = suggest(post, load_templates(), brand="Acme", team=item.team)
    assert best.template_id == "complaint-aspect" and "cancellation" in best.text

    clock.advance(minutes=20)
    reply = send_reply(inbox, item.id, best.text + " ^AN", actor="alice", settings=SendSettings())
    assert reply.via == "manual"
    assert inbox.get(item.id).status == "waiting_on_customer"
    clock.advance(minutes=30)
    inbox.resolve(item.id, actor="alice")

    clock.advance(minutes=60)
    follow_up = make_post("@acme still no rebooking", platform_id="p2", thread_id="p1", at=clock.now)
    ingest(store, inbox, follow_up)
    assert "repeat_contact" in follow_up.decision.reasons
    reopened = inbox.get(item.id)
    assert reopened.status == "new" and reopened.resolved_at is None
    assert [p.platform_id for p in inbox.posts(item.id)] == ["p1", "p2"]
    assert inbox.sla(reopened).next_response == "active"

    clock.advance(minutes=45)
    send_reply(
        inbox,
        item.id,
        "Hi, please send us a direct message with your booking reference.",
        actor="alice",
        settings=SendSettings(),
    )
    done = inbox.resolve(item.id, actor="alice")
    report = inbox.sla(done)
    assert (report.first_response, report.next_response, report.resolution) == ("hit", "hit", "hit")
    assert [e.kind for e in inbox.history(item.id)] == [
        "open",
        "reply",
        "resolve",
        "reopen",
        "reply",
        "resolve",
    ]


def test_opting_out_mid_conversation_removes_the_item_and_the_vault_entry(store, inbox, clock):
    ingest(store, inbox, complaint(clock, author="u-9"))
    (item,) = inbox.items()
    inbox.note(item.id, "customer asked to call jane@example.com", actor="alice")
    send_reply(inbox, item.id, "Hi, sorry about that.", actor="alice", settings=SendSettings())
    assert store.sealed_contact("bluesky", "p1") == "sealed-token"

    erased = opt_out(store.engine, ["u-9"], via="message", actor="system:optout")

    assert erased["inbox_conversations"] == 1 and erased["inbox_replies"] == 1
    assert_nothing_left(store, inbox)


def test_deleting_the_opening_post_takes_the_conversation_with_it(store, inbox, clock):
    """The safety net under the eraser registry: foreign keys cascade from the post."""
    ingest(store, inbox, complaint(clock, author="u-9"))
    ingest(store, inbox, make_post("@acme hello?", platform_id="p2", thread_id="p1", author="u-9"))
    (item,) = inbox.items()
    inbox.note(item.id, "checked the booking", actor="alice")
    with store.engine.begin() as conn:
        conn.execute(sa.delete(posts).where(posts.c.author_pseudonym == "u-9"))
    assert_nothing_left(store, inbox)


def assert_nothing_left(store: Store, inbox: Inbox) -> None:
    assert inbox.items(include_resolved=True) == []
    assert store.sealed_contact("bluesky", "p1") is None
    with store.engine.connect() as conn:
        for table in (
            inbox_conversations,
            inbox_posts,
            inbox_events,
            inbox_notes,
            inbox_replies,
            contact_vault,
        ):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one() == 0, table.name
