"""Sending a reply: recorded with who/when/what, posted only on explicit confirmation, always audited.

Automated replies are a sensitive business flow (OWASP API6), so every send
passes three safeguards first: the global kill switch (``[inbox]
replies_disabled`` or the ``TACTFUL_REPLIES_DISABLED`` environment variable),
a per-hour limit on sends across all agents, and, when a connector can post
to the platform, an explicit confirmation. Without a connector the reply is
recorded as sent by hand (the agent posts it themselves).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

import structlog

from tactful.engage.conversation import Reply
from tactful.engage.inbox import Inbox
from tactful.errors import PermissionDenied, UsageError

log = structlog.get_logger(__name__)

KILL_SWITCH_ENV = "TACTFUL_REPLIES_DISABLED"
MAX_REPLY_CHARS = 2000


class RepliesDisabled(PermissionDenied):
    code = "E502"


class SendRateLimited(PermissionDenied):
    code = "E503"


class ConfirmationNeeded(UsageError):
    code = "E504"


class PostingConnector(Protocol):
    """What a source that can post (Bluesky, Mastodon) offers the inbox."""

    @property
    def name(self) -> str: ...

    def post_reply(self, in_reply_to: str, text: str) -> str:
        """Post ``text`` as a reply to the platform post ``in_reply_to``; return the new post's id."""
        ...


@dataclass(frozen=True)
class SendSettings:
    replies_disabled: bool = False
    sends_per_hour: int = 30
    mastodon_instance: str | None = None
    mastodon_token_env: str = "TACTFUL_MASTODON_REPLY_TOKEN"


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
) -> Reply:
    """Check the safeguards, post through the connector if there is one, record and audit the reply."""
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
        remote_id = connector.post_reply(target[-1].platform_id, text)
        via = connector.name
    reply = inbox.record_reply(conversation.id, text, actor=actor, via=via, remote_id=remote_id)
    _audit(inbox, actor, conversation.id, reply)
    return reply


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
    environment variable ``mastodon_token_env``. Bluesky replies need the parent
    post's CID, which the store does not keep yet, so they are sent by hand.
    """
    token = os.environ.get(settings.mastodon_token_env, "")
    if platform != "mastodon" or not settings.mastodon_instance or not token:
        return None
    try:
        from tactful.sources.posting import MastodonPoster  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    return MastodonConnector(MastodonPoster(settings.mastodon_instance, token))


@dataclass(frozen=True)
class MastodonConnector:
    """``sources/posting.py``'s Mastodon client behind the inbox's connector interface."""

    poster: Any
    name: str = "mastodon"

    def post_reply(self, in_reply_to: str, text: str) -> str:
        # the same reply to the same status gets the same key, so a retried send never posts twice
        key = hashlib.sha256(f"{in_reply_to}\n{text}".encode()).hexdigest()[:32]
        return str(self.poster.reply(text, in_reply_to_id=in_reply_to, idempotency_key=key).platform_id)
