"""Sending a reply: recorded with who/when/what, posted only on explicit confirmation, always audited.

Automated replies are a sensitive business flow (OWASP API6), so every send
passes three safeguards first: the global kill switch (``[inbox]
replies_disabled`` or the ``TACTFUL_REPLIES_DISABLED`` environment variable),
a per-hour limit on sends across all agents, and, when a connector can post
to the platform, an explicit confirmation. Without a connector the reply is
recorded as sent by hand (the agent posts it themselves).

A connector answers a ``ReplyTarget``: the post's raw id and, for Bluesky, its
CID and thread root ``{uri, cid}``. Stored ids carry no DID (``privacy/platform_ids.py``),
so with the installation keyring the target comes from the contact vault, opened
for this one post and audited (``identity.view``, why ``reply``); without it, only
the stored id is known (enough for Mastodon, whose status ids name no one).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

import structlog

from tactful.engage.conversation import Reply
from tactful.engage.inbox import Inbox
from tactful.errors import PermissionDenied, UsageError

if TYPE_CHECKING:
    from tactful.privacy.pseudonyms import Keyring
    from tactful.records import StoredPost

log = structlog.get_logger(__name__)

KILL_SWITCH_ENV = "TACTFUL_REPLIES_DISABLED"
MAX_REPLY_CHARS = 2000


class RepliesDisabled(PermissionDenied):
    code = "E502"


class SendRateLimited(PermissionDenied):
    code = "E503"


class ConfirmationNeeded(UsageError):
    code = "E504"


@dataclass(frozen=True)
class ReplyTarget:
    """The post a reply answers, as the platform names it."""

    platform_id: str  # raw id: a Mastodon status id, a Bluesky at://did/app.bsky.feed.post/rkey
    cid: str | None = None  # Bluesky: the post's CID (the reply's parent strong ref)
    root_id: str | None = None  # Bluesky: the thread root's raw at:// uri, when the post is itself a reply
    root_cid: str | None = None


class PostingConnector(Protocol):
    """What a source that can post (Bluesky, Mastodon) offers the inbox."""

    @property
    def name(self) -> str: ...

    def post_reply(self, target: ReplyTarget, text: str) -> str:
        """Post ``text`` as a reply to ``target``; return the new post's id."""
        ...


@dataclass(frozen=True)
class SendSettings:
    replies_disabled: bool = False
    sends_per_hour: int = 30
    mastodon_instance: str | None = None
    mastodon_token_env: str = "TACTFUL_MASTODON_REPLY_TOKEN"
    bluesky_identifier: str | None = None
    bluesky_password_env: str = "TACTFUL_BLUESKY_APP_PASSWORD"
    bluesky_pds_url: str = "https://bsky.social"

    @classmethod
    def from_config(cls, inbox: Any) -> SendSettings:
        """From the ``[inbox]`` section (``config.InboxConfig``)."""
        return cls(
            inbox.replies_disabled,
            inbox.sends_per_hour,
            inbox.mastodon_instance,
            inbox.mastodon_token_env,
            inbox.bluesky_identifier,
            inbox.bluesky_password_env,
            inbox.bluesky_pds_url,
        )


def kill_switch_on(settings: SendSettings) -> bool:
    flag = os.environ.get(KILL_SWITCH_ENV, "").strip().lower()
    return settings.replies_disabled or flag not in ("", "0", "false", "no", "off")


def send_reply(
    inbox: Inbox,
    conversation_id: int,
    text: str,
    *,
    actor: str,
    settings: SendSettings,
    connector: PostingConnector | None = None,
    confirmed: bool = False,
    keyring: Keyring | None = None,
) -> Reply:
    """Check the safeguards, post through the connector if there is one, record and audit the reply.
    ``keyring`` opens the contact vault for the target's raw id and CIDs (needed for Bluesky)."""
    text = text.strip()
    _check(inbox, text, settings)
    conversation = inbox.get(conversation_id)
    via, remote_id = "manual", None
    if connector is not None:
        if not confirmed:
            raise ConfirmationNeeded("sending posts publicly: confirm it (--confirm, or answer the prompt)")
        target = inbox.posts(conversation_id)
        if not target:
            raise UsageError(f"inbox item {conversation_id} has no post left to reply to")
        remote_id = connector.post_reply(reply_target(inbox, target[-1], keyring, actor), text)
        via = connector.name
    reply = inbox.record_reply(conversation.id, text, actor=actor, via=via, remote_id=remote_id)
    _audit(inbox, actor, conversation.id, reply)
    return reply


def reply_target(inbox: Inbox, post: StoredPost, keyring: Keyring | None, actor: str) -> ReplyTarget:
    """The raw target of a reply: from the contact vault (audited) when a keyring is given."""
    if keyring is None:
        return ReplyTarget(post.platform_id)
    from tactful.errors import NotFound
    from tactful.privacy.contact_vault import open_card_for

    try:
        card = open_card_for(inbox.engine, keyring, post.key, actor=actor, why="reply")
    except NotFound:  # closed or expired: the stored id is all there is (a Bluesky connector refuses it)
        return ReplyTarget(post.platform_id)
    return ReplyTarget(card.platform_id or post.platform_id, card.cid, card.root_id, card.root_cid)


def _check(inbox: Inbox, text: str, settings: SendSettings) -> None:
    if kill_switch_on(settings):
        raise RepliesDisabled(f"replies are switched off ([inbox] replies_disabled or {KILL_SWITCH_ENV})")
    if not text:
        raise UsageError("a reply needs some text")
    if len(text) > MAX_REPLY_CHARS:
        raise UsageError(f"a reply is at most {MAX_REPLY_CHARS} characters")
    sent = inbox.sends_since(inbox.now() - timedelta(hours=1))
    if sent >= settings.sends_per_hour:
        raise SendRateLimited(
            f"{sent} replies were sent in the last hour; the limit is "
            f"{settings.sends_per_hour} ([inbox] sends_per_hour)"
        )


def _audit(inbox: Inbox, actor: str, conversation_id: int, reply: Reply) -> None:
    detail = {"via": reply.via, "reply_id": reply.id, "chars": len(reply.text)}
    try:
        from tactful.privacy.audit import record
    except ModuleNotFoundError:  # privacy-ops not installed: the inbox's own history still has it
        log.warning("inbox.reply_not_audited", conversation=conversation_id, **detail)
        return
    record(inbox.engine, actor, "reply.send", f"inbox:{conversation_id}", detail)


def find_connector(platform: str, settings: SendSettings) -> PostingConnector | None:
    """The posting connector for a platform, when one is installed and configured.

    Mastodon: ``[inbox] mastodon_instance`` and a token (``write:statuses``) in the
    environment variable ``mastodon_token_env``. Bluesky: ``[inbox] bluesky_identifier``
    (the brand account's handle) and an app password in ``bluesky_password_env``;
    the parent's CID and the thread root come from the contact vault.
    """
    if not posting_configured(platform, settings):
        return None
    try:
        from tactful.sources import posting  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    if platform == "mastodon":
        token = os.environ[settings.mastodon_token_env]
        return MastodonConnector(posting.MastodonPoster(settings.mastodon_instance, token))
    password = os.environ[settings.bluesky_password_env]
    poster = posting.BlueskyPoster(settings.bluesky_identifier, password, pds_url=settings.bluesky_pds_url)
    return BlueskyConnector(poster)


def posting_configured(platform: str, settings: SendSettings) -> bool:
    """Whether a posting account is set up for ``platform`` (no client is built: cheap per page view)."""
    if platform == "mastodon":
        return bool(settings.mastodon_instance and os.environ.get(settings.mastodon_token_env))
    if platform == "bluesky":
        return bool(settings.bluesky_identifier and os.environ.get(settings.bluesky_password_env))
    return False


@dataclass(frozen=True)
class MastodonConnector:
    """``sources/posting.py``'s Mastodon client behind the inbox's connector interface."""

    poster: Any
    name: str = "mastodon"

    def post_reply(self, target: ReplyTarget, text: str) -> str:
        # the same reply to the same status gets the same key, so a retried send never posts twice
        key = hashlib.sha256(f"{target.platform_id}\n{text}".encode()).hexdigest()[:32]
        posted = self.poster.reply(text, in_reply_to_id=target.platform_id, idempotency_key=key)
        return str(posted.platform_id)


@dataclass(frozen=True)
class BlueskyConnector:
    """``sources/posting.py``'s Bluesky client: ``createRecord`` with the reply's root and parent refs."""

    poster: Any
    name: str = "bluesky"

    def post_reply(self, target: ReplyTarget, text: str) -> str:
        from tactful.sources.posting import StrongRef

        if not target.platform_id.startswith("at://did:") or not target.cid:
            raise UsageError("no Bluesky reference (uri and CID) is kept for this post: reply by hand")
        parent = StrongRef(target.platform_id, target.cid)
        root = parent
        if target.root_id:
            if not target.root_cid:
                raise UsageError("the thread root's CID is not kept for this post: reply by hand")
            root = StrongRef(target.root_id, target.root_cid)
        return str(self.poster.reply(text, parent=parent, root=root).platform_id)
