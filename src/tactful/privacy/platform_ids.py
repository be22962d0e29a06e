"""Post ids without the person in them: the account part of an id is stored keyed-hashed.

Some platforms name a post by its author: a Bluesky post is
``at://did:plc:.../app.bsky.feed.post/<rkey>``, a Mastodon status URL is
``https://host/@user/<id>``, a Reddit profile post lives under ``/user/<name>/``.
Stored as received, these would keep the author's DID or handle in the clear
in ``posts.platform_id``, ``reply_to_id`` and ``thread_id``, in inbox thread keys
and in audit details. So every id is stored with its account part replaced by
the keyed pseudonym of that account (same installation secret as author
pseudonyms):

    at://did:plc:abc.../app.bsky.feed.post/3k2   ->  at://k3f9a1c.<32 hex>/app.bsky.feed.post/3k2
    https://host/@jane/1109                      ->  https://host/@k3f9a1c.<32 hex>/1109

A Bluesky DID becomes exactly its author's pseudonym (``author_identity(did)``);
a handle in a URL becomes the keyed hash of that handle (what ``author_aliases``
already holds). The mapping depends only on the id, so a reply's parent id and
the parent's own id hash alike: dedupe, threads and deletion sync still meet.
Ids without an account part (Mastodon status numbers, Reddit ``t3_`` names,
tweet ids) are unchanged. The raw id is kept only sealed in the contact vault,
for posts the policy may answer (needed to reply).

Links and text get the short handle placeholder instead (``strip_account`` here,
the ``account_url`` recognizer): the same stand-in as an @mention of that handle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from tactful.privacy.pseudonyms import Keyring, author_identity

Key = tuple[str, str]

_AT_URI = re.compile(r"^at://(?P<authority>[^/?#]+)(?P<rest>.*)$", re.DOTALL)
_DID = re.compile(r"^did:[a-z]+:[A-Za-z0-9._:%-]+$")
# Path shapes that name an account: /@jane (Mastodon, and @jane@other.host), /users/jane (Mastodon
# ActivityPub ids), /u/jane and /user/jane (Reddit), /r/u_jane (a Reddit profile's own subreddit),
# /profile/jane (bsky.app), /jane/status/1 (X/Twitter).
_ACCOUNT_PATHS = (
    re.compile(r"(?P<head>/)@(?P<account>[^/@?#]+(?:@[A-Za-z0-9.-]+)?)(?=/|$)"),
    re.compile(r"(?i)(?P<head>/(?:users|user|u|profile)/)(?P<account>[^/?#]+)(?=/|$)"),
    re.compile(r"(?i)(?P<head>/r/u_)(?P<account>[^/?#]+)(?=/|$)"),
)
_STATUS_PATH = re.compile(r"^(?P<head>/)(?P<account>[A-Za-z0-9_]{1,15})(?=/status(?:es)?/\d)")
_X_HOSTS = frozenset({"twitter.com", "www.twitter.com", "x.com", "www.x.com", "mobile.twitter.com"})


def stored_id(keyring: Keyring, platform: str, raw_id: str) -> str:
    """The id as stored: its account part (DID, handle in a URL) replaced by a keyed pseudonym."""
    return replace_accounts(
        raw_id, lambda account, host: keyring.pseudonym(platform, _identity(account, host))
    )


def stored_ids(keyring: Keyring, platform: str, raw_id: str) -> frozenset[str]:
    """The id as stored under every secret of the keyring (lookups across a rotation)."""
    return frozenset(stored_id(Keyring((secret,)), platform, raw_id) for secret in keyring.secrets)


def stored_key(keyring: Keyring, key: Key) -> Key:
    return (key[0], stored_id(keyring, key[0], key[1]))


def stored_keys(keyring: Keyring, keys: Iterable[Key]) -> list[Key]:
    """Every stored form of each raw key, under every secret, plus the raw key itself for rows
    stored before ids were hashed (``tactful rehash-ids`` rewrites those)."""
    found: list[Key] = []
    for platform, raw in keys:
        found += [(platform, raw), *((platform, s) for s in sorted(stored_ids(keyring, platform, raw)))]
    return list(dict.fromkeys(found))


def optional_stored_id(keyring: Keyring, platform: str, raw_id: str | None) -> str | None:
    return stored_id(keyring, platform, raw_id) if raw_id else raw_id


def strip_account(keyring: Keyring, platform: str, url: str) -> str:
    """A link with its account part replaced by the short handle placeholder (``user-3f9a1c``)."""
    return replace_accounts(url, lambda account, _host: keyring.handle_placeholder(platform, account))


def replace_accounts(value: str, token: Callable[[str, str], str]) -> str:
    """``value`` with each account part replaced by ``token(account, host)``."""
    host = _host(value)
    pieces: list[str] = []
    cursor = 0
    for start, end in account_parts(value):
        account = value[start:end]
        pieces += [value[cursor:start], account if _looks_hashed(account) else token(account, host)]
        cursor = end
    return "".join(pieces) + value[cursor:]


def account_parts(value: str) -> list[tuple[int, int]]:
    """Where the account parts of an id or URL are: ``(start, end)`` offsets into ``value``,
    without the '@' of ``/@jane``."""
    at = _AT_URI.match(value)
    if at is not None:
        return [at.span("authority")]
    if not value.lower().startswith(("http://", "https://")):
        return []
    parts = urlsplit(value)
    offset = value.index(parts.netloc) + len(parts.netloc) if parts.netloc else 0
    found = [
        (offset + m.start("account"), offset + m.end("account"))
        for pattern in _ACCOUNT_PATHS
        for m in pattern.finditer(parts.path)
    ]
    if _host(value) in _X_HOSTS:
        found += [
            (offset + m.start("account"), offset + m.end("account"))
            for m in _STATUS_PATH.finditer(parts.path)
        ]
    return sorted(set(found))


def _host(value: str) -> str:
    try:
        return (urlsplit(value).hostname or "").lower() if "://" in value else ""
    except ValueError:
        return ""


def _looks_hashed(account: str) -> bool:
    return re.fullmatch(r"k[0-9a-f]{6}\.[0-9a-f]{32}", account) is not None


def _identity(account: str, host: str) -> str:
    if _DID.match(account):
        return author_identity(account, None)
    return author_identity(None, _handle(account, host))


def _handle(account: str, host: str) -> str:
    """``jane@host`` for a Mastodon-style ``/@jane`` on ``host``; others as they are, lowercased."""
    account = account.lower()
    plain = "@" not in account and "." not in account and not _DID.match(account)
    if host and plain and host not in _X_HOSTS and _is_fediverse_host(host):
        return f"{account}@{host}"
    return account


def _is_fediverse_host(host: str) -> bool:
    return not any(host == h or host.endswith("." + h) for h in ("reddit.com", "bsky.app", "redd.it"))
