"""The privacy gate: the pipeline stage between matching and understanding.

Nothing reaches storage without passing here. For each post the gate either
withholds it (an opted-out author; an account asking not to be indexed) or
builds its ``StoredPost``: pseudonymous author, PII-redacted text, third-party
mentions pseudonymised, personal tokens stripped from links, what was redacted
counted, the author's DID or handle taken out of post ids (``platform_ids.py``),
and what answering needs (raw handle, display name, raw post id, Bluesky CIDs)
sealed for the contact vault. It fails closed: a post the gate cannot process
is withheld, never stored raw.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

import structlog

from tactful.config import Config
from tactful.privacy.detect import detect_pii, merge_spans
from tactful.privacy.platform_ids import Key, optional_stored_id, stored_id, strip_account
from tactful.privacy.platform_ids import stored_key as _stored_key
from tactful.privacy.pseudonyms import Keyring, author_identity, load_keyring
from tactful.privacy.recognizers import PiiSpan
from tactful.privacy.recognizers.handle import is_brand, normalise_handle
from tactful.privacy.redact import redact, strip_personal_tokens
from tactful.privacy.vault import ContactCard, seal_card
from tactful.records import Post, StoredPost

log = structlog.get_logger(__name__)

NOINDEX_FLAGS = frozenset({"noindex", "nobot", "no-unauthenticated", "indexable=false", "indexable:false"})


@dataclass(frozen=True)
class PrivacyGate:
    """``gate(batch) -> (stored posts, withheld posts)``; a plain picklable callable."""

    keyring: Keyring
    brand_handles: frozenset[str]
    honour_noindex: bool = True
    opted_out: frozenset[str] = field(default_factory=frozenset)

    def __call__(self, batch: list[Post]) -> tuple[list[StoredPost], list[Post]]:
        stored: list[StoredPost] = []
        withheld: list[Post] = []
        for post in batch:
            result = self._admit(post)
            if result is None:
                withheld.append(post)
            else:
                stored.append(result)
        return stored, withheld

    def _admit(self, post: Post) -> StoredPost | None:
        if self.is_opted_out(post) or (self.honour_noindex and asks_not_to_be_indexed(post)):
            return None
        try:
            return self.to_stored(post)
        except Exception as exc:  # fail closed: never store what could not be redacted
            log.error("privacy.gate_error", platform=post.platform, error=type(exc).__name__)
            return None

    def is_opted_out(self, post: Post) -> bool:
        return bool(self.opted_out) and not self.opted_out.isdisjoint(identity_hashes(post, self.keyring))

    def stored_key(self, key: Key) -> Key:
        """A (platform, raw id) key as the store holds it (deletes and edits from live sources)."""
        return _stored_key(self.keyring, key)

    def to_stored(self, post: Post) -> StoredPost:
        spans = merge_spans(detect_pii(post.text, self.brand_handles) + self.author_spans(post))
        placeholder = partial(self.keyring.handle_placeholder, post.platform)
        stored = partial(optional_stored_id, self.keyring, post.platform)
        return StoredPost(
            platform=post.platform,
            platform_id=stored_id(self.keyring, post.platform, post.platform_id),
            author_pseudonym=self.keyring.pseudonym(
                post.platform, author_identity(post.author_id, post.author_handle)
            ),
            text=redact(post.text, spans, pseudonymise_handle=placeholder),
            created_at=post.created_at,
            source=post.source,
            lang=post.lang,
            reply_to_id=stored(post.reply_to_id),
            thread_id=stored(post.thread_id),
            replies_to_brand=bool(post.reply_to_author)
            and is_brand(post.reply_to_author or "", self.brand_handles),
            is_direct_message=post.is_direct_message,
            mentions=[self._mention(m, placeholder) for m in post.mentions],
            hashtags=list(post.hashtags),
            links=[
                strip_account(self.keyring, post.platform, strip_personal_tokens(link)) for link in post.links
            ],
            engagement=dict(post.engagement),
            author_flags=list(post.author_flags),
            matches=list(post.matches),
            pii_types=dict(Counter(span.type for span in spans)),
            sealed_contact=self.sealed_contact(post),
        )

    def sealed_contact(self, post: Post) -> str | None:
        """What answering the post needs, sealed; the store keeps it only for answerable posts."""
        handle = post.author_handle or post.author_id
        if not handle:
            return None
        card = ContactCard(
            handle=handle,
            display_name=post.author_name,
            platform_id=post.platform_id,
            cid=_str(post.extra.get("cid")),
            root_id=post.thread_id,
            root_cid=_str(post.extra.get("root_cid")),
        )
        return seal_card(card, self.keyring)

    def author_spans(self, post: Post) -> list[PiiSpan]:
        """The author's own display name and bare handle where the text repeats them ("Jane Doe here",
        "add me: janedoe"): known identity, found without guessing. The brand's own posts keep theirs."""
        spans: list[PiiSpan] = []
        handle = normalise_handle(post.author_handle or "")
        if len(handle) >= 4 and not is_brand(handle, self.brand_handles):
            spans += _occurrences(post.text, handle, "HANDLE", re.IGNORECASE)
        name = (post.author_name or "").strip()
        if len(name) >= 4 and any(ch.isalpha() for ch in name) and not is_brand(handle, self.brand_handles):
            spans += _occurrences(post.text, name, "PERSON", 0)
        return spans

    def _mention(self, handle: str, placeholder: partial[str]) -> str:
        return normalise_handle(handle) if is_brand(handle, self.brand_handles) else placeholder(handle)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _occurrences(text: str, value: str, pii_type: str, flags: int) -> list[PiiSpan]:
    if value.lower() not in text.lower():  # most posts never repeat their author: no pattern to compile
        return []
    pattern = re.compile(rf"(?<![\w@]){re.escape(value)}(?!\w)", flags)
    return [PiiSpan(pii_type, m.start(), m.end(), 0.99, "author_identity") for m in pattern.finditer(text)]


def identity_hashes(post: Post, keyring: Keyring) -> frozenset[str]:
    """Every keyed hash an opt-out registry may hold for this post's author (id and handle, every key)."""
    hashes: set[str] = set()
    if post.author_id:
        hashes |= keyring.all_pseudonyms(post.platform, author_identity(post.author_id, None))
    if post.author_handle:
        hashes |= keyring.all_pseudonyms(post.platform, author_identity(None, post.author_handle))
    return frozenset(hashes)


def asks_not_to_be_indexed(post: Post) -> bool:
    return any(flag.lower().lstrip("!#").replace(" ", "") in NOINDEX_FLAGS for flag in post.author_flags)


def build_privacy_gate(
    config: Config,
    *,
    opted_out: frozenset[str] = frozenset(),
    keyring: Keyring | None = None,
    dev: bool = False,
) -> PrivacyGate:
    """The gate for one installation; the keyring comes from the environment unless given."""
    keyring = keyring or load_keyring(config.privacy.secret_env, dev=dev)
    return PrivacyGate(
        keyring=keyring,
        brand_handles=frozenset(config.brand.all_handles()),
        honour_noindex=config.privacy.honour_noindex,
        opted_out=opted_out,
    )
