"""Web users and API tokens on the store: argon2id passwords, SHA-256-hashed tokens, roles and scopes.

    add_user(engine, "dana", "a long passphrase", role="agent")
    user = check_password(engine, "dana", "a long passphrase")      # None when wrong
    token = issue_token(engine, "dana", name="ci", days=30)         # shown once, kept as a hash
    user = user_for_token(engine, token, now=utcnow())              # None when unknown or expired

A role grants *areas* (``ROLE_AREAS``); a token's scopes narrow its user's areas.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tactful.errors import NotFound, UsageError
from tactful.records import utcnow
from tactful.store.schema import api_tokens, users

ROLES = ("viewer", "agent", "privacy_officer", "admin")
AREAS = ("insights", "inbox", "privacy", "admin")
ROLE_AREAS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"insights"}),
    "agent": frozenset({"insights", "inbox"}),
    "privacy_officer": frozenset({"insights", "privacy"}),
    "admin": frozenset(AREAS),
}
TOKEN_PREFIX = "tfl_"
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
# Verifying against a dummy hash when the user is unknown keeps the answer time the same.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    areas: frozenset[str]

    def can(self, area: str) -> bool:
        return area in self.areas

    def to_json(self) -> dict[str, Any]:
        return {"username": self.username, "role": self.role, "areas": sorted(self.areas)}


def add_user(engine: sa.Engine, username: str, password: str, *, role: str) -> User:
    _check_role(role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if not username.strip() or len(username) > 64:
        raise UsageError("a username needs 1 to 64 characters")
    with engine.begin() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.username == username)).first():
            raise UsageError("that username is taken")
        result = conn.execute(
            sa.insert(users).values(
                username=username, password_hash=_hasher.hash(password), role=role, created_at=utcnow()
            )
        )
    return User(int(result.inserted_primary_key[0]), username, role, ROLE_AREAS[role])  # type: ignore[index]


def list_users(engine: sa.Engine) -> list[dict[str, Any]]:
    query = sa.select(users.c.username, users.c.role, users.c.created_at, users.c.disabled).order_by(
        users.c.username
    )
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def check_password(engine: sa.Engine, username: str, password: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    return _user(row)


def get_user(engine: sa.Engine, username: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    return None if row is None or row.disabled else _user(row)


def issue_token(
    engine: sa.Engine,
    username: str,
    *,
    name: str = "api",
    days: int = 30,
    scopes: list[str] | None = None,
    now: datetime | None = None,
) -> str:
    """A new token for ``username``; only its hash is stored, so this is the one time it is seen."""
    user = get_user(engine, username)
    if user is None:
        raise NotFound("no such user")
    chosen = sorted(set(scopes) if scopes else user.areas)
    if not set(chosen) <= user.areas:
        raise UsageError(f"a {user.role}'s token can only have scopes: {', '.join(sorted(user.areas))}")
    if not 1 <= days <= 366:
        raise UsageError("a token lives 1 to 366 days")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created = now or utcnow()
    with engine.begin() as conn:
        conn.execute(
            sa.insert(api_tokens).values(
                user_id=user.id,
                token_hash=token_hash(token),
                name=name,
                scopes=chosen,
                created_at=created,
                expires_at=created + timedelta(days=days),
            )
        )
    return token


def user_for_token(engine: sa.Engine, token: str, *, now: datetime | None = None) -> User | None:
    query = (
        sa.select(users, api_tokens.c.scopes, api_tokens.c.expires_at)
        .join(api_tokens, api_tokens.c.user_id == users.c.id)
        .where(api_tokens.c.token_hash == token_hash(token))
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.disabled or row.expires_at <= (now or utcnow()):
        return None
    user = _user(row)
    return User(user.id, user.username, user.role, user.areas & frozenset(row.scopes))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user(row: Any) -> User:
    return User(int(row.id), row.username, row.role, ROLE_AREAS.get(row.role, frozenset()))


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r} (choose from: {', '.join(ROLES)})")
