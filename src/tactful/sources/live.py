"""The base class for live sources: a network stream that can be stopped, resumed and watched.

A ``LiveSource`` is a ``Source`` whose ``events(resume_from, link)`` never ends
on its own: it yields ``RawRecord``s, each with the ``cursor`` to resume after
it and ``meta["operation"]`` (``create``, ``update`` or ``delete``), and an
``IDLE`` marker whenever nothing arrived for a moment, so the runner can commit
what it holds. Events that matter only for their position (Jetstream identity
events) come as records with operation ``skip``, so the cursor moves past them.
It reconnects by itself with jittered exponential backoff,
reporting each failure through ``link.failed`` (which feeds the health record),
and returns promptly once ``link.stop`` is set.

Settings come from the config table ``[sources.<name>]``; each source declares
them as a pydantic model, so unknown or wrong keys fail with a clear message.
Credentials are never in the file: settings ending in ``_env`` name the
environment variables that hold them.
"""

from __future__ import annotations

import os
import random
import threading
from abc import abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from tactful.errors import ConfigError
from tactful.records import Post
from tactful.sources.backoff import Backoff
from tactful.sources.base import RawRecord, Source

Operation = Literal["create", "update", "delete", "skip"]  # skip: moves the cursor, nothing else


class BatchInterrupted(Exception):
    """Raised by ``enrich_matched`` when the listener stops mid-lookup: the batch stays uncommitted."""


class Idle:
    """Nothing arrived for a moment: a good time to commit a partial batch."""

    def __repr__(self) -> str:
        return "IDLE"


IDLE = Idle()


@dataclass
class Link:
    """What a running source gets from its runner: the stop flag, the error reporter, a clock to sleep on."""

    stop: threading.Event = field(default_factory=threading.Event)
    failed: Callable[[str], None] = lambda reason: None
    backoff: Backoff = field(default_factory=Backoff)
    rng: random.Random = field(default_factory=random.Random)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    # (platform, after row id, limit) -> [(row id, platform_id)] of stored posts, for deletion sync
    stored_ids: Callable[[str, int, int], list[tuple[int, str]]] = lambda platform, after, limit: []

    def sleep(self, seconds: float) -> bool:
        """Sleep unless stopped first; True when the full time passed."""
        return not self.stop.wait(max(0.0, seconds))

    def retry_delay(self, attempt: int) -> float:
        return self.backoff.delay(attempt, self.rng)


class LiveSettings(BaseModel):
    """Settings every live source has; each source adds its own."""

    model_config = ConfigDict(extra="forbid")

    type: str
    idle_seconds: float = 1.0  # emit IDLE after this long without an event
    batch_size: int = 200
    flush_seconds: float = 2.0  # commit a partial batch at least this often
    quiet_after_seconds: float = 900.0  # health: a source silent this long is "quiet"


class LiveSource(Source):
    """A live network source; subclasses set ``platform`` and ``Settings`` and implement ``events``."""

    platform: ClassVar[str]
    Settings: ClassVar[type[LiveSettings]] = LiveSettings

    def __init__(self, name: str, settings: LiveSettings) -> None:
        self.source_name = name
        self.settings = settings

    @classmethod
    def from_config(cls, name: str, table: Mapping[str, Any]) -> LiveSource:
        try:
            settings = cls.Settings.model_validate(dict(table))
        except ValidationError as exc:
            first = exc.errors()[0]
            key = ".".join(str(p) for p in first["loc"]) or "(table)"
            raise ConfigError(
                f"sources.{name}: key '{key}': {first['msg']}", detail={"source": name, "key": key}
            ) from None
        return cls(name, settings)

    @abstractmethod
    def events(self, resume_from: str | None, link: Link) -> Iterator[RawRecord | Idle]:
        """Records (each with ``cursor`` and ``meta['operation']``) and IDLE markers, until stopped."""

    @abstractmethod
    def map_item(self, raw: RawRecord) -> Post:
        """A create/update record to a Post, or MappingError."""

    @abstractmethod
    def record_key(self, raw: RawRecord) -> tuple[str, str] | None:
        """The (platform, platform_id) a record creates, edits or deletes; None when unreadable.

        Cheap and without mapping: it is how deletes and edits find the stored post.
        """

    def enrich_matched(self, posts: list[Post], link: Link) -> list[Post]:
        """Add what the stream lacks to the posts that matched a query, before the privacy gate.

        The one place a live source may do I/O inside the pipeline (e.g. Bluesky account labels),
        and only for matched posts. Raise ``BatchInterrupted`` if ``link.stop`` cuts it short.
        """
        return posts

    def read(self) -> Iterator[RawRecord]:
        """The records alone, from the start, until the source is exhausted or fails for good."""
        for item in self.events(None, Link()):
            if isinstance(item, RawRecord):
                yield item


def operation(raw: RawRecord) -> Operation:
    value = raw.meta.get("operation", "create")
    return value if value in ("create", "update", "delete", "skip") else "create"


def secret_from_env(environ: Mapping[str, str], variable: str | None, what: str) -> str:
    """A credential from the environment variable the config names; ConfigError when unset."""
    if not variable:
        raise ConfigError(f"{what}: the config must name the environment variable that holds it")
    value = environ.get(variable, "").strip()
    if not value:
        raise ConfigError(f"{what}: the environment variable {variable} is not set")
    return value
