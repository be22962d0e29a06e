"""Sealing raw contact handles for the contact vault.

The raw handle of an author is the one piece of identity tactful may keep, and
only sealed: Fernet (AES-128-CBC + HMAC-SHA256, timestamped) under a key derived
with HKDF-SHA256 from the installation secret. With a rotated keyring, tokens
sealed under a previous secret still open, and ``reseal_contact`` moves them to
the current one. The vault table and its deletion rules live with the store.
"""

from __future__ import annotations

import base64

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
    return MultiFernet([Fernet(_fernet_key(secret)) for secret in keyring.secrets])


def seal_contact(handle: str, keyring: Keyring) -> str:
    """The handle, encrypted for the vault (ASCII token, different every time)."""
    return _vault(keyring).encrypt(handle.encode("utf-8")).decode("ascii")


def open_contact(token: str, keyring: Keyring) -> str:
    """The raw handle back; only the engagement path that answers a post should call this."""
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
