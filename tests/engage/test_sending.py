from __future__ import annotations

import pytest
from tests.engage.factories import make_post

from tactful.engage.policy import build_policy
from tactful.engage.sending import (
    KILL_SWITCH_ENV,
    BlueskyConnector,
    ConfirmationNeeded,
    MastodonConnector,
    RepliesDisabled,
    ReplyTarget,
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
        self.sent: list[tuple[ReplyTarget, str]] = []

    def post_reply(self, target: ReplyTarget, text: str) -> str:
        self.sent.append((target, text))
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
    assert connector.sent == [(ReplyTarget(target.platform_id), "Hi")]  # no keyring: the stored id only
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
    assert connector.post_reply(ReplyTarget("42"), "Hi") == "1099"
    connector.post_reply(ReplyTarget("42"), "Hi")
    connector.post_reply(ReplyTarget("42"), "Hi again")
    keys = [c["key"] for c in poster.calls]
    assert keys[0] == keys[1] != keys[2]
    assert poster.calls[0]["in_reply_to_id"] == "42"


@pytest.mark.parametrize(
    ("platform", "instance", "token"),
    [
        ("bluesky", "https://m.example", "t"),
        ("mastodon", None, "t"),
        ("mastodon", "https://m.example", ""),
        ("reddit", "https://m.example", "t"),
    ],
)
def test_no_connector_unless_the_platform_can_post_and_is_configured(monkeypatch, platform, instance, token):
    monkeypatch.setenv("TACTFUL_MASTODON_REPLY_TOKEN", token)
    monkeypatch.setenv("TACTFUL_BLUESKY_APP_PASSWORD", token)
    assert find_connector(platform, SendSettings(mastodon_instance=instance)) is None


@pytest.mark.parametrize(
    ("identifier", "password", "found"),
    [("acme.bsky.social", "pw", True), (None, "pw", False), ("acme.bsky.social", "", False)],
)
def test_a_bluesky_connector_needs_the_account_and_its_app_password(monkeypatch, identifier, password, found):
    monkeypatch.setenv("TACTFUL_BLUESKY_APP_PASSWORD", password)
    connector = find_connector("bluesky", SendSettings(bluesky_identifier=identifier))
    assert isinstance(connector, BlueskyConnector) is found


def test_every_send_is_audited_without_its_text(store, inbox, item, monkeypatch):
    from tactful.privacy.audit import AuditLog

    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    reply = send_reply(inbox, item.id, "Hi, sorry!", actor="alice", settings=SendSettings())
    (entry,) = [e for e in AuditLog(store.engine).entries() if e.action == "reply.send"]
    assert (entry.actor, entry.target) == ("alice", f"inbox:{item.id}")
    assert entry.detail == {"via": "manual", "reply_id": reply.id, "chars": 10}


# --- Bluesky, end to end: the gate stores the post without its DID, the vault keeps the refs -------

CUSTOMER = "did:plc:custcustcustcustcustcust"
ROOT_AUTHOR = "did:plc:rootrootrootrootrootroot"


def bluesky_item(store, inbox, keyring, *, reply: bool):
    """A customer's Bluesky post, through the real privacy gate and policy, synced into the inbox."""
    from datetime import UTC, datetime

    from tactful.config import parse_config
    from tactful.privacy.gate import build_privacy_gate
    from tactful.records import Post

    config = parse_config({"brand": {"name": "Acme", "handles": {"bluesky": ["acme.bsky.social"]}}})
    record_reply = {
        "thread_id": f"at://{ROOT_AUTHOR}/app.bsky.feed.post/3kroot",
        "extra": {"cid": "bafyparent", "root_cid": "bafyroot"},
    }
    post = Post(
        "bluesky",
        f"at://{CUSTOMER}/app.bsky.feed.post/3kparent",
        "@acme.bsky.social my flight was cancelled",
        datetime(2026, 3, 1, 11, tzinfo=UTC),
        author_handle="cust.bsky.social",
        author_id=CUSTOMER,
        **(record_reply if reply else {"extra": {"cid": "bafyparent"}}),
    )
    (stored,), _ = build_privacy_gate(config, keyring=keyring)([post])
    template = make_post()
    stored.analysis, stored.matches = template.analysis, template.matches
    decide_posts([stored], build_policy({}))
    assert stored.decision.action in ("respond", "route") and "did:" not in stored.platform_id
    store.write_batch([stored], [])
    inbox.sync()
    return inbox.items()[0], post


@pytest.mark.parametrize("reply", [False, True])
def test_a_bluesky_reply_is_sent_through_create_record_with_the_vaults_refs(store, inbox, monkeypatch, reply):
    import json

    import httpx
    from tests.sources.replay import HttpReplay
    from tests.sources.test_posting import bluesky_routes

    from tactful.privacy.audit import AuditLog
    from tactful.privacy.pseudonyms import Keyring
    from tactful.sources.posting import BlueskyPoster

    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    keyring = Keyring((b"sending-test-secret-0123456789abcdef01",))
    item, post = bluesky_item(store, inbox, keyring, reply=reply)
    with HttpReplay(bluesky_routes()) as server:
        poster = BlueskyPoster("acme.bsky.social", "app-pass", pds_url=server.url, client=httpx.Client())
        connector = BlueskyConnector(poster)
        with pytest.raises(ConfirmationNeeded):
            send_reply(
                inbox,
                item.id,
                "Sorry!",
                actor="sam",
                settings=SendSettings(),
                connector=connector,
                keyring=keyring,
            )
        sent = send_reply(
            inbox,
            item.id,
            "Sorry!",
            actor="sam",
            settings=SendSettings(),
            connector=connector,
            keyring=keyring,
            confirmed=True,
        )
        creates = [json.loads(body) for _, path, _, _, body in server.log if path.endswith("createRecord")]
    parent = {"uri": post.platform_id, "cid": "bafyparent"}
    root = {"uri": post.thread_id, "cid": "bafyroot"} if reply else parent
    assert len(creates) == 1 and creates[0]["record"]["reply"] == {"root": root, "parent": parent}
    assert creates[0]["record"]["text"] == "Sorry!"
    assert (sent.via, sent.remote_id) == ("bluesky", "at://did:plc:acme/app.bsky.feed.post/3knew")
    views = [e for e in AuditLog(store.engine).entries() if e.action == "identity.view"]
    assert [(e.actor, e.detail["why"]) for e in views] == [("sam", "reply")]  # the vault opened once, audited


def test_without_the_vaults_refs_a_bluesky_reply_is_refused_not_guessed(store, inbox, monkeypatch):
    from tactful.errors import UsageError

    poster = FakeBlueskyPoster()
    with pytest.raises(UsageError):
        BlueskyConnector(poster).post_reply(ReplyTarget("at://k1a2b3c.0123/app.bsky.feed.post/3k"), "Hi")
    with pytest.raises(UsageError):
        BlueskyConnector(poster).post_reply(
            ReplyTarget(
                f"at://{CUSTOMER}/app.bsky.feed.post/3k", "bafy", f"at://{ROOT_AUTHOR}/app.bsky.feed.post/3r"
            ),
            "Hi",
        )
    assert poster.calls == []


class FakeBlueskyPoster:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def reply(self, text: str, *, parent, root):
        self.calls.append(text)
        return type("Posted", (), {"platform_id": "at://did:plc:acme/app.bsky.feed.post/3knew"})()
