from __future__ import annotations

from tests.engage.factories import make_post

from tactful.engage.policy import build_policy
from tactful.engage.stage import decide_posts
from tactful.privacy import subject_data


def open_two_items(store, inbox):
    posts = [
        make_post(platform_id="p1", author="u-1"),
        make_post(platform_id="p2", author="u-2"),
        make_post("@acme me too", platform_id="p3", thread_id="p2", author="u-1"),
    ]
    decide_posts(posts, build_policy({}))
    store.write_batch(posts, [])
    inbox.sync()
    for item in inbox.items():
        inbox.note(item.id, "call +44 20 7946 0958", actor="alice")
    return {p.platform_id: p for p in posts}


def test_the_inbox_is_registered_with_the_subject_data_registry():
    assert "inbox" in subject_data.subject_data.names()


def test_export_lists_the_conversations_a_person_is_in_with_masked_notes(store, inbox):
    open_two_items(store, inbox)
    with store.engine.connect() as conn:
        held = subject_data.export(conn, subject_data.Subject(pseudonyms=frozenset({"u-1"})))["inbox"]
    assert sorted(c["thread_key"] for c in held) == [
        "bluesky:p1",
        "bluesky:p2",
    ]  # opened one, posted in the other
    assert all("7946" not in note["text"] for c in held for note in c["notes"])


def test_erasing_one_post_removes_the_conversation_that_holds_it(store, inbox):
    open_two_items(store, inbox)
    with store.engine.begin() as conn:
        (post_id,) = subject_data.post_ids_for_keys(conn, [("bluesky", "p3")])
        counts = subject_data.erase(conn, subject_data.Subject(post_ids=(post_id,)))
    assert counts["inbox_conversations"] == 1
    assert [i.thread_key for i in inbox.items()] == ["bluesky:p1"]
