"""Webhooks: any system that can push JSON sends posts to ``POST /ingest/webhook/{source}``.

Config: ``[sources.<name>]`` with ``type = "webhook"``, ``secret_env`` naming the
environment variable that holds the shared secret (``previous_secret_env`` for
rotation) and ``platform`` (what the posts' platform is called; the source's
name by default, so two webhooks never overwrite each other's posts).

A request body is one post object, a list of them, or ``{"posts": [...]}``; each
uses the generic field names of JSON-lines imports (``id``, ``text``,
``created_at``, ``author``, ``url``, ``lang``, ...). ``{"operation": "delete",
"id": ...}`` deletes a post sent earlier. Authentication: ``signatures.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from tactful.errors import ConfigError, UsageError
from tactful.records import Post
from tactful.sources.base import RawRecord, Source, sources
from tactful.sources.files.generic import map_generic
from tactful.sources.live import secret_from_env
from tactful.sources.signatures import SignatureVerifier

MAX_BODY_BYTES = 1 << 20


class WebhookSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str
    secret_env: str
    previous_secret_env: str | None = None
    platform: str | None = None
    tolerance_seconds: int = 300


@sources.register("webhook")
class WebhookSource(Source):
    name: ClassVar[str] = "webhook"

    def __init__(self, source_name: str, settings: WebhookSettings) -> None:
        self.source_name = source_name
        self.settings = settings
        self.platform = (settings.platform or source_name)[:32]

    @classmethod
    def from_config(cls, name: str, table: Mapping[str, Any]) -> WebhookSource:
        try:
            return cls(name, WebhookSettings.model_validate(dict(table)))
        except ValidationError as exc:
            key = ".".join(str(p) for p in exc.errors()[0]["loc"])
            raise ConfigError(f"sources.{name}: key '{key}': {exc.errors()[0]['msg']}") from None

    def verifier(self, environ: Mapping[str, str]) -> SignatureVerifier:
        what = f"sources.{self.source_name} webhook secret"
        secrets = [secret_from_env(environ, self.settings.secret_env, what)]
        if self.settings.previous_secret_env and environ.get(self.settings.previous_secret_env):
            secrets.append(environ[self.settings.previous_secret_env])
        return SignatureVerifier(
            tuple(s.encode() for s in secrets), tolerance=self.settings.tolerance_seconds
        )

    def records(self, body: bytes) -> list[RawRecord]:
        """The posts (and deletes) in one request body; UsageError when it is not JSON we can read."""
        try:
            data = json.loads(body)
        except ValueError:
            raise UsageError("the request body is not valid JSON") from None
        items = data.get("posts") if isinstance(data, dict) and "posts" in data else data
        items = items if isinstance(items, list) else [items]
        return [
            RawRecord(
                item,
                self.source_name,
                f"item {n}",
                meta={"operation": "delete" if _is_delete(item) else "create"},
            )
            for n, item in enumerate(items, 1)
        ]

    def read(self) -> Iterator[RawRecord]:
        return iter(())  # pushed, never pulled

    def record_key(self, raw: RawRecord) -> tuple[str, str] | None:
        item = raw.payload if isinstance(raw.payload, dict) else {}
        value = item.get("id")
        return (self.platform, str(value)) if isinstance(value, str | int) and str(value) else None

    def map_item(self, raw: RawRecord) -> Post:
        item = raw.payload if isinstance(raw.payload, dict) else None
        if item is None:
            from tactful.errors import MappingError

            raise MappingError("item is not a JSON object", code="wrong_type")
        post = map_generic(
            {k: v for k, v in item.items() if k != "platform"}, {"platform": self.platform}, self.source_name
        )
        post.source = f"webhook:{self.source_name}"
        return post


def _is_delete(item: Any) -> bool:
    return isinstance(item, dict) and item.get("operation") == "delete"
