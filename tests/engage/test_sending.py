from __future__ import annotations

import pytest

from tactful.engage.policy import build_policy
from tactful.engage.sending import (
    KILL_SWITCH_ENV,
    ConfirmationNeeded,
    RepliesDisabled,
    SendRateLimited,
    SendSettings,
    kill_switch_on,
    send_reply,
)
from tactful.engage.stage import decide_posts
from tests.engage.factories import make_post


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
    return inbox.list()[0]


@pytest.mark.parametrize(
    ("setting", "env", "on"),
    [(False, None, False), (True, None, True), (False, "1", True), (False, "yes", True), (False, "0", False),
     (False, "false", False), (False, "off", False)],
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
    others = [i for i in inbox.list() if i.id != item.id]
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
    reply = send_reply(inbox, item.id, "Hi", actor="a", settings=SendSettings(), connector=connector,
                       confirmed=True)
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
