"""The TOML config (``tactful.toml``): every setting with its default and help, validated.

Each section is a pydantic model; every field carries a ``description`` (the
help text, which ``docs/config.md`` is generated from and a test checks).
Unknown keys are errors. ``load_config`` raises ``ConfigError`` naming the
file, the key and the reason.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tactful.engage.replies import ReplyTemplate
from tactful.engage.sla import SlaPolicy
from tactful.errors import ConfigError

DEFAULT_CONFIG_NAME = "tactful.toml"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class BrandConfig(Section):
    name: str = Field(description="The brand's name, as people write it.")
    handles: dict[str, list[str]] = Field(
        default_factory=dict,
        description="The brand's own accounts per platform, e.g. {bluesky = [\"acme.bsky.social\"]}. "
        "Posts that mention or reply to them address the brand; they are never redacted.",
    )

    @field_validator("handles")
    @classmethod
    def _normalise_handles(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return {platform: [h.lstrip("@").lower() for h in hs] for platform, hs in value.items()}

    def all_handles(self) -> set[str]:
        return {h for hs in self.handles.values() for h in hs}


class QueryConfig(Section):
    name: str = Field(description="A unique name for the query.")
    group: str = Field(
        default="brand",
        description="What the query tracks: 'brand', 'product', or 'competitor:<name>'.",
    )
    query: str = Field(description="The query, in tactful's query language (docs/query.md).")

    @field_validator("group")
    @classmethod
    def _check_group(cls, value: str) -> str:
        if value in ("brand", "product") or (value.startswith("competitor:") and len(value) > 11):
            return value
        raise ValueError("must be 'brand', 'product' or 'competitor:<name>'")


class StoreConfig(Section):
    url: str = Field(
        default="sqlite:///tactful.db",
        description="SQLAlchemy database URL. SQLite (the default) or postgresql+psycopg://... "
        "The TACTFUL_DATABASE_URL environment variable overrides it.",
    )


class UnderstandConfig(Section):
    tier: str = Field(default="fast", description="Model tier for bulk work: 'fast' or 'accurate'.")
    live_tier: str = Field(default="accurate", description="Model tier for live listening.")
    aspects: str = Field(
        default="software",
        description="Aspect taxonomy: a preset name (airline, telecom, retail, software, banking) "
        "or a path to a TOML file of aspects.",
    )

    @field_validator("tier", "live_tier")
    @classmethod
    def _check_tier(cls, value: str) -> str:
        if value not in ("fast", "accurate"):
            raise ValueError("must be 'fast' or 'accurate'")
        return value


class PrivacyConfig(Section):
    secret_env: str = Field(
        default="TACTFUL_SECRET",
        description="Name of the environment variable holding the installation secret that keys "
        "author pseudonyms and the contact vault. Never put the secret itself in this file.",
    )
    optout_phrases: list[str] = Field(
        default_factory=lambda: ["stop listening", "#optout", "opt me out"],
        description="Phrases that, in a post addressing the brand, opt its author out.",
    )
    honour_noindex: bool = Field(
        default=True,
        description="Do not store posts from accounts that ask not to be indexed "
        "(Mastodon noindex/indexable=false/#nobot, Bluesky !no-unauthenticated).",
    )
    min_cell_size: int = Field(
        default=10, ge=2, description="Breakdowns by author attributes hide cells with fewer distinct authors."
    )


class RetentionConfig(Section):
    raw_text_days: int = Field(default=90, ge=1, description="Days post text is kept.")
    vault_days: int = Field(default=30, ge=1, description="Days a raw contact handle is kept in the vault.")
    inbox_days: int = Field(default=365, ge=1, description="Days inbox items are kept.")
    audit_days: int = Field(default=730, ge=1, description="Days audit log entries are kept.")


class InboxConfig(Section):
    sla: dict[str, SlaPolicy] = Field(
        default_factory=lambda: {"default": SlaPolicy()},
        description="SLA targets per team (support, product, pr, moderation, ...); 'default' covers "
        "the rest. Each: first_response_minutes, next_response_minutes, resolution_minutes, "
        "optional business_hours.",
    )
    replies_disabled: bool = Field(
        default=False,
        description="Kill switch: refuse every reply send. The TACTFUL_REPLIES_DISABLED environment variable "
        "(any value but 0/false/no/off) switches replies off too.",
    )
    sends_per_hour: int = Field(
        default=30, ge=1, description="At most this many replies sent per hour, by all agents together."
    )
    mastodon_instance: str | None = Field(
        default=None,
        description="Mastodon instance URL the brand replies from (e.g. https://mastodon.social); unset: "
        "Mastodon replies are recorded as sent by hand.",
    )
    mastodon_token_env: str = Field(
        default="TACTFUL_MASTODON_REPLY_TOKEN",
        description="Environment variable holding the brand account's token (write:statuses) for replies. "
        "Never put the token itself in this file.",
    )
    bluesky_identifier: str | None = Field(
        default=None,
        description="Handle of the Bluesky account the brand replies from (e.g. acme.bsky.social); unset: "
        "Bluesky replies are recorded as sent by hand.",
    )
    bluesky_password_env: str = Field(
        default="TACTFUL_BLUESKY_APP_PASSWORD",
        description="Environment variable holding that account's app password (Settings > App passwords). "
        "Never put the password itself in this file.",
    )
    bluesky_pds_url: str = Field(
        default="https://bsky.social", description="The brand account's PDS, for logging in and posting."
    )
    templates: list[ReplyTemplate] = Field(
        default_factory=list,
        description="Extra suggested-reply templates (id, intent, aspects, text), ranked with the "
        "shipped ones. Only the variables {brand}, {greeting}, {first_name}, {aspect}, {team}; no "
        "promises (docs/engagement.md).",
    )


class Config(Section):
    brand: BrandConfig
    queries: list[QueryConfig] = Field(default_factory=list, description="Tracked brand queries.")
    store: StoreConfig = Field(default_factory=StoreConfig)
    understand: UnderstandConfig = Field(default_factory=UnderstandConfig)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)
    retention: RetentionConfig = Field(default_factory=RetentionConfig)
    policy: dict[str, Any] = Field(
        default_factory=dict,
        description="Engagement policy: rules, use_default, i_understand_this_is_unsolicited "
        "(docs/engagement.md). Validated with the rules' own schema.",
    )
    inbox: InboxConfig = Field(default_factory=InboxConfig, description="The triage inbox: SLA, sending.")
    sources: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Live sources to listen to, by name (docs/sources.md)."
    )

    path: Path | None = Field(default=None, exclude=True, description="Where the config was read from.")

    @field_validator("queries")
    @classmethod
    def _unique_names(cls, value: list[QueryConfig]) -> list[QueryConfig]:
        seen: set[str] = set()
        for q in value:
            if q.name in seen:
                raise ValueError(f"query name {q.name!r} is used twice")
            seen.add(q.name)
        return value

    def database_url(self) -> str:
        return os.environ.get("TACTFUL_DATABASE_URL") or self.store.url


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file (create one with 'tactful init')") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_config(data, source=str(path))


def parse_config(data: dict[str, Any], *, source: str = "<config>") -> Config:
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ConfigError(
            f"{source}: key '{key}': {first['msg']}",
            detail={"file": source, "key": key, "errors": len(exc.errors())},
        ) from None
    config.path = Path(source) if source != "<config>" else None
    _check_policy(config, source)
    return config


def _check_policy(config: Config, source: str) -> None:
    """The [policy] section is the engage package's schema; build it once so a mistake fails at load."""
    from tactful.engage.policy import build_policy

    build_policy(config.policy, source=source)
