"""Stand-ins for pipeline stages whose modules are not installed (yet).

``engines.local`` uses one only when the real stage's module is missing, says
so in ``Stages.fallbacks`` (the CLI prints it) and logs ``pipeline.fallback``.
Each is deliberately minimal and safe: nothing here invents an analysis or a
decision, and the privacy stand-in never stores a raw author identity.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

import structlog

from tactful.config import Config
from tactful.errors import ConfigError
from tactful.records import Post, StoredPost

log = structlog.get_logger(__name__)

NOINDEX_FLAGS = frozenset({"noindex", "nobot", "no-unauthenticated", "indexable=false"})
DEV_SECRET = "tactful-development-only-secret"  # TACTFUL_DEV=1: throwaway pseudonyms for trying things out


def keep_posts_as_parsed(batch: list[Post]) -> list[Post]:
    """Normalise stand-in (``tactful.sources.normalise`` missing): posts pass unchanged."""
    return batch


def no_analysis(batch: list[StoredPost]) -> list[StoredPost]:
    """Understand stand-in (``tactful.understand.stage`` missing): ``analysis`` stays None."""
    return batch


def no_decision(batch: list[StoredPost]) -> list[StoredPost]:
    """Decide stand-in (``tactful.engage.stage`` missing): ``decision`` stays None."""
    return batch


@dataclass(frozen=True)
class PseudonymOnlyGate:
    """Privacy gate stand-in (``tactful.privacy.gate`` missing): HMAC pseudonym only.

    It replaces the author with a keyed pseudonym and withholds accounts that
    ask not to be indexed, but does NOT redact PII from the text or
    pseudonymise mentions; the real gate does.
    """

    secret: bytes
    honour_noindex: bool = True

    def __call__(self, batch: list[Post]) -> tuple[list[StoredPost], list[Post]]:
        stored: list[StoredPost] = []
        withheld: list[Post] = []
        for post in batch:
            if self.honour_noindex and _asks_not_to_be_indexed(post):
                withheld.append(post)
            else:
                stored.append(self.to_stored(post))
        return stored, withheld

    def pseudonym(self, post: Post) -> str:
        handle = (post.author_handle or "").lower()
        identity = f"id:{post.author_id}" if post.author_id else f"handle:{handle}"
        message = f"{post.platform}\x00{identity}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()[:32]

    def to_stored(self, post: Post) -> StoredPost:
        return StoredPost(
            platform=post.platform, platform_id=post.platform_id, author_pseudonym=self.pseudonym(post),
            text=post.text, created_at=post.created_at, source=post.source, lang=post.lang,
            reply_to_id=post.reply_to_id, thread_id=post.thread_id, is_direct_message=post.is_direct_message,
            mentions=list(post.mentions), hashtags=list(post.hashtags), links=list(post.links),
            engagement=dict(post.engagement), author_flags=list(post.author_flags),
            matches=list(post.matches),
        )


def pseudonym_only_gate(config: Config) -> PseudonymOnlyGate:
    secret = os.environ.get(config.privacy.secret_env, "").strip()
    if not secret and os.environ.get("TACTFUL_DEV") == "1":
        log.warning("privacy.dev_secret", hint="TACTFUL_DEV=1: pseudonyms use a throwaway development secret")
        secret = DEV_SECRET
    if not secret:
        raise ConfigError(f"no installation secret: set the {config.privacy.secret_env} environment variable "
                          "(or TACTFUL_DEV=1 to try tactful with a throwaway development secret)")
    return PseudonymOnlyGate(secret.encode(), honour_noindex=config.privacy.honour_noindex)


def _asks_not_to_be_indexed(post: Post) -> bool:
    return any(flag.lower().lstrip("!#").replace(" ", "") in NOINDEX_FLAGS for flag in post.author_flags)
