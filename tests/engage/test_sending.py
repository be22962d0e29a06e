from __future__ import annotations

import pytest
from tests.engage.factories import make_post

from tactful.engage.policy import build_policy
from tactful.engage.sending import (
    KILL_SWITCH_ENV,
    ConfirmationNeeded,
    MastodonConnector,
    RepliesDisabled,
    SendRateLimited,
    SendSettings,
    find_connector,
    kill_switch_on,
    send_reply,
)
from tactful.engage.stage import decide_posts


class FakeConnector:
    name = "bluesky"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def post_reply(self, in_reply_to: str, text: str) -> str:
        self.sent.append((in_reply_to, text))
        return f"remote-{len(self.sent)}"


@pytest.fixture
def item(store, inbox):
    posts = [make_post(platform_id=f"p{n}") for n in range(3)]
    decide_posts(posts, build_policy({}))
    store.write_batch(posts, [])
    inbox.sync()
    return inbox.items()[0]


@pytest.mark.parametrize(
    ("setting", "env", "on"),
    [
        (False, None, False),
        (True, None, True),
        (False, "1", True),
        (False, "yes", True),
        (False, "0", False),
        (False, "false", False),
        (False, "off", False),
    ],
)
def test_the_kill_switch_reads_the_config_and_the_environment(monkeypatch, setting, env, on):
    if env is None:
        monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    else:
        monkeypatch.setenv(KILL_SWITCH_ENV, env)
    assert kill_switch_on(SendSettings(replies_disabled=setting)) is on


def test_the_kill_switch_refuses_every_send(inbox, item, monkeypatch):
    monkeypatch.setenv(KILL_SWITCH_ENV, "1")
    with pytest.raises(RepliesDisabled):
        send_reply(inbox, item.id, "Hi", actor="a", settings=SendSettings())
    assert inbox.replies(item.id) == []


def test_sends_are_limited_per_hour_across_agents(inbox, item, clock, monkeypatch):
    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    settings = SendSettings(sends_per_hour=2)
    others = [i for i in inbox.items() if i.id != item.id]
    send_reply(inbox, item.id, "Hi", actor="a", settings=settings)
    send_reply(inbox, others[0].id, "Hi", actor="b", settings=settings)
    with pytest.raises(SendRateLimited):
        send_reply(inbox, others[1].id, "Hi", actor="c", settings=settings)
    clock.advance(minutes=61)
    assert send_reply(inbox, others[1].id, "Hi", actor="c", settings=settings).via == "manual"


def test_a_connector_posts_only_after_confirmation(inbox, item, monkeypatch):
    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    connector = FakeConnector()
    with pytest.raises(ConfirmationNeeded):
        send_reply(inbox, item.id, "Hi", actor="a", settings=SendSettings(), connector=connector)
    assert connector.sent == [] and inbox.replies(item.id) == []
    reply = send_reply(
        inbox, item.id, "Hi", actor="a", settings=SendSettings(), connector=connector, confirmed=True
    )
    (target,) = inbox.posts(item.id)
    assert connector.sent == [(target.platform_id, "Hi")]
    assert (reply.via, reply.remote_id) == ("bluesky", "remote-1")
    assert inbox.replies(item.id) == [reply]


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_empty_or_huge_replies_are_refused(inbox, item, text, monkeypatch):
    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    with pytest.raises(Exception) as err:
        send_reply(inbox, item.id, text, actor="a", settings=SendSettings())
    assert err.value.code == "E100"


class FakeMastodonPoster:
    def __init__(self) -> None:
        self.calls: list[dict[str, str]] = []

    def reply(self, text: str, *, in_reply_to_id: str, idempotency_key: str):
        self.calls.append({"text": text, "in_reply_to_id": in_reply_to_id, "key": idempotency_key})
        return type("Posted", (), {"platform_id": "1099"})()


def test_the_mastodon_connector_replies_to_the_status_with_a_stable_idempotency_key():
    poster = FakeMastodonPoster()
    connector = MastodonConnector(poster)
    assert connector.post_reply("42", "Hi") == "1099"
    connector.post_reply("42", "Hi")
    connector.post_reply("42", "Hi again")
    keys = [c["key"] for c in poster.calls]
    assert keys[0] == keys[1] != keys[2]
    assert poster.calls[0]["in_reply_to_id"] == "42"


@pytest.mark.parametrize(
    ("platform", "instance", "token"),
    [("bluesky", "https://m.example", "t"), ("mastodon", None, "t"), ("mastodon", "https://m.example", "")],
)
def test_no_connector_unless_the_platform_can_post_and_is_configured(monkeypatch, platform, instance, token):
    monkeypatch.setenv("TACTFUL_MASTODON_REPLY_TOKEN", token)
    assert find_connector(platform, SendSettings(mastodon_instance=instance)) is None


def test_every_send_is_audited_without_its_text(store, inbox, item, monkeypatch):
    from tactful.privacy.audit import AuditLog

    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    reply = send_reply(inbox, item.id, "Hi, sorry!", actor="alice", settings=SendSettings())
    (entry,) = [e for e in AuditLog(store.engine).entries() if e.action == "reply.send"]
    assert (entry.actor, entry.target) == ("alice", f"inbox:{item.id}")
    assert entry.detail == {"via": "manual", "reply_id": reply.id, "chars": 10}
