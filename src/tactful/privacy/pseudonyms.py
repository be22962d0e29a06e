"""Keyed pseudonyms: who wrote a post, without storing who they are.

Authors are stored as HMAC-SHA256 of (platform, author id or handle) under the
installation secret, so the same person maps to the same pseudonym in one
installation and to unrelated ones anywhere else, and nobody without the secret
can test a guess.

The secret comes from the environment variable named by ``privacy.secret_env``
(default ``TACTFUL_SECRET``). Rules:

* No secret: tactful refuses to run (``ConfigError``), except in explicit dev mode
  (``TACTFUL_DEV=1`` or a command's ``--dev`` flag), which uses a throwaway secret
  generated once into ``.tactful-dev-secret`` in the working folder, with a warning.
* Rotation: every pseudonym starts with the 6-hex key id of the secret that made it
  (``k3f9a1c.<32 hex>``). To rotate, move the old secret to ``TACTFUL_SECRET_PREVIOUS``
  (several, comma-separated, newest first) and set a new ``TACTFUL_SECRET``. New posts get
  new-key pseudonyms; lookups (opt-out, subject requests) match an author under every
  key in ``Keyring.all_pseudonyms``; old-key rows age out with retention, after which
  the previous secret can be dropped.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import structlog

from tactful.errors import ConfigError

log = structlog.get_logger(__name__)

DEV_SECRET_FILE = ".tactful-dev-secret"
MIN_SECRET_LENGTH = 32
_AUTHOR_DOMAIN = b"tactful/author/v1"
_HANDLE_DOMAIN = b"tactful/handle/v1"


@dataclass(frozen=True, slots=True)
class Keyring:
    """The installation secrets, current first. Picklable, so stages can carry it into Spark."""

    secrets: tuple[bytes, ...]

    @property
    def current(self) -> bytes:
        return self.secrets[0]

    def pseudonym(self, platform: str, author: str) -> str:
        """The stored form of an author: ``k<key id>.<hmac>`` under the current secret."""
        return _pseudonym(self.current, platform, author)

    def all_pseudonyms(self, platform: str, author: str) -> frozenset[str]:
        """The author's pseudonym under every secret still held (for lookups across a rotation)."""
        return frozenset(_pseudonym(secret, platform, author) for secret in self.secrets)

    def handle_placeholder(self, platform: str, handle: str) -> str:
        """A short stable stand-in for a third-party @handle in stored text: ``user-3f9a1c``."""
        digest = _hmac(self.current, _HANDLE_DOMAIN, platform, handle.lstrip("@").lower())
        return f"user-{digest[:6]}"


def key_id(secret: bytes) -> str:
    return hmac.new(secret, b"tactful/key-id", hashlib.sha256).hexdigest()[:6]


def _pseudonym(secret: bytes, platform: str, author: str) -> str:
    return f"k{key_id(secret)}.{_hmac(secret, _AUTHOR_DOMAIN, platform, author)[:32]}"


def _hmac(secret: bytes, domain: bytes, platform: str, value: str) -> str:
    message = domain + b"\x00" + platform.lower().encode() + b"\x00" + value.encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def author_identity(author_id: str | None, author_handle: str | None) -> str:
    """What a pseudonym is computed from: the stable account id when known, else the handle."""
    if author_id:
        return f"id:{author_id}"
    if author_handle:
        return f"handle:{author_handle.lstrip('@').lower()}"
    return "unknown"


def load_keyring(
    secret_env: str = "TACTFUL_SECRET",
    *,
    dev: bool = False,
    environ: Mapping[str, str] | None = None,
    workdir: Path | None = None,
) -> Keyring:
    """The keyring from the environment; see the module docstring for the rules."""
    environ = os.environ if environ is None else environ
    current = environ.get(secret_env, "").strip()
    previous = [s.strip() for s in environ.get(f"{secret_env}_PREVIOUS", "").split(",") if s.strip()]
    if not current:
        if not (dev or environ.get("TACTFUL_DEV") == "1"):
            raise ConfigError(
                f"no installation secret: set the {secret_env} environment variable to a random string of "
                f"at least {MIN_SECRET_LENGTH} characters (python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))'), or pass --dev / set TACTFUL_DEV=1 to use a throwaway "
                f"development secret stored in ./{DEV_SECRET_FILE}"
            )
        current = _dev_secret(workdir or Path.cwd())
    for value in [current, *previous]:
        if len(value) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"the installation secret in {secret_env} is too short "
                f"(need at least {MIN_SECRET_LENGTH} characters)"
            )
    return Keyring(tuple(v.encode() for v in [current, *previous]))


def _dev_secret(workdir: Path) -> str:
    path = workdir / DEV_SECRET_FILE
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        path.chmod(0o600)
    log.warning(
        "privacy.dev_secret",
        path=str(path),
        hint="development mode: pseudonyms and sealed contacts use a throwaway secret",
    )
    return path.read_text(encoding="utf-8").strip()
