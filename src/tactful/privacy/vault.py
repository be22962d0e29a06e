"""Sealing raw contact details for the contact vault.

What answering a post needs is the one piece of identity tactful may keep, and
only sealed: a ``ContactCard`` with the author's raw handle, their public display
name (for a first-name greeting), and the post's raw platform id with what a
reply must quote (Bluesky: the post's CID and its thread root's ``{uri, cid}``).
Sealed with Fernet (AES-128-CBC + HMAC-SHA256, timestamped) under a key derived
with HKDF-SHA256 from the installation secret. With a rotated keyring, tokens
sealed under a previous secret still open, and ``reseal_contact`` moves them to
the current one. The vault table and its deletion rules live with the store.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass, fields
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tactful.errors import UsageError
from tactful.privacy.pseudonyms import Keyring

_SALT = b"tactful/contact-vault/v1"


def _fernet_key(secret: bytes) -> bytes:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=b"fernet").derive(secret)
    return base64.urlsafe_b64encode(derived)


def _vault(keyring: Keyring) -> MultiFernet:
    return _vault_for(keyring.secrets)


@lru_cache(maxsize=8)
def _vault_for(secrets: tuple[bytes, ...]) -> MultiFernet:
    """Derived once per keyring (HKDF and the Fernet set-up cost more than sealing one card)."""
    return MultiFernet([Fernet(_fernet_key(secret)) for secret in secrets])


@dataclass(frozen=True, slots=True)
class ContactCard:
    """What the vault holds for one answerable post."""

    handle: str  # the author's handle as received (a DID when the source gives no handle)
    display_name: str | None = None  # public display name, as the author set it
    platform_id: str | None = None  # the post's raw id (Bluesky: at://did/.../rkey), to reply to
    cid: str | None = None  # Bluesky: the post's CID (a reply's parent strong ref)
    root_id: str | None = None  # Bluesky: the raw at:// uri of the thread root, when the post is a reply
    root_cid: str | None = None


def seal_contact(handle: str, keyring: Keyring) -> str:
    """The handle, encrypted for the vault (ASCII token, different every time)."""
    return _vault(keyring).encrypt(handle.encode("utf-8")).decode("ascii")


def seal_card(card: ContactCard, keyring: Keyring) -> str:
    """A contact card, encrypted for the vault (empty fields left out)."""
    data = {k: v for k, v in asdict(card).items() if v}
    return _vault(keyring).encrypt(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode("ascii")


def open_card(token: str, keyring: Keyring) -> ContactCard:
    """The card back (a token sealed by ``seal_contact`` holds a bare handle: a card with only that)."""
    plain = _decrypt(token, keyring)
    if not plain.startswith("{"):  # a handle never starts with "{"
        return ContactCard(handle=plain)
    data = json.loads(plain)
    known = {f.name for f in fields(ContactCard)}
    return ContactCard(**{k: v for k, v in data.items() if k in known})


def open_contact(token: str, keyring: Keyring) -> str:
    """The raw handle back; only the engagement path that answers a post should call this."""
    return open_card(token, keyring).handle


def _decrypt(token: str, keyring: Keyring) -> str:
    try:
        return _vault(keyring).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError):
        raise UsageError("sealed contact cannot be opened with this installation's secrets") from None


def reseal_contact(token: str, keyring: Keyring) -> str:
    """Re-encrypt a token under the current secret (after a rotation)."""
    try:
        return _vault(keyring).rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, ValueError):
        raise UsageError("sealed contact cannot be opened with this installation's secrets") from None
