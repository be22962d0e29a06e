"""``tactful listen``'s core: build the configured live sources and run each until told to stop.

Each source runs in its own thread with its own ``LiveRunner``; all share one
stop flag. SIGINT/SIGTERM set it: every runner commits the batch it holds and
returns, and the command exits 0. A runner that crashes stops the others too
(exit 1) so a supervisor restarts the whole listener, which resumes from the
committed cursors.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import structlog
from sqlalchemy import Connection

from tactful.config import Config
from tactful.errors import ConfigError, TactfulError, UsageError
from tactful.pipeline import Pipeline
from tactful.records import utcnow
from tactful.sources.base import sources
from tactful.sources.live import Link, LiveSource
from tactful.sources.runner import Eraser, ListenReport, LiveRunner
from tactful.store import Store
from tactful.store.store import Admit

log = structlog.get_logger(__name__)

PUSH_ONLY_TYPES = {"webhook"}  # served by the web app, not listened to


def build_sources(config: Config, names: Iterable[str] = ()) -> list[LiveSource]:
    """The live sources named (all listenable ones when none are)."""
    wanted = list(names) or [n for n, t in config.sources.items() if t.get("type") not in PUSH_ONLY_TYPES]
    unknown = [n for n in wanted if n not in config.sources]
    if unknown:
        known = ", ".join(sorted(config.sources)) or "none configured"
        raise UsageError(f"no source named {unknown[0]!r} in the config (known: {known})")
    if not wanted:
        raise UsageError("no live sources configured: add a [sources.<name>] table (docs/sources.md)")
    return [build_source(name, config.sources[name]) for name in wanted]


def build_source(name: str, table: dict[str, Any]) -> LiveSource:
    kind = table.get("type")
    if not isinstance(kind, str):
        raise ConfigError(f"sources.{name}: key 'type' is missing (jetstream, mastodon, reddit or rss)")
    cls = sources.get(kind)
    if not isinstance(cls, type) or not issubclass(cls, LiveSource):
        raise ConfigError(f"sources.{name}: type {kind!r} is not a live source")
    return cls.from_config(name, table)


@dataclass
class Listener:
    """Runs runners in threads; ``stop`` ends them all after their current batch."""

    runners: list[LiveRunner]
    stop: threading.Event = field(default_factory=threading.Event)
    reports: dict[str, ListenReport] = field(default_factory=dict)
    crashed: dict[str, str] = field(default_factory=dict)  # source -> what stopped it (no PII, by design)

    def run(self, poll_seconds: float = 0.2) -> bool:
        """Run until stopped or a runner crashes; True when every runner ended cleanly."""
        threads = [
            threading.Thread(target=self._run_one, args=(r,), name=r.source.source_name, daemon=True)
            for r in self.runners
        ]
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            for thread in threads:
                thread.join(poll_seconds)  # short joins keep the main thread free to take signals
        return not self.crashed

    def _run_one(self, runner: LiveRunner) -> None:
        try:
            self.reports[runner.source.source_name] = runner.run()
        except Exception as exc:
            reason = (
                f"error {exc.code}: {exc.message}" if isinstance(exc, TactfulError) else type(exc).__name__
            )
            log.error("listen.crashed", source=runner.source.source_name, error=reason)
            self.crashed[runner.source.source_name] = reason
            self.stop.set()


def listener_for(
    config: Config,
    store: Store,
    names: Iterable[str],
    pipeline_for: Callable[[LiveSource], Pipeline],
    erase: Eraser | None = None,
    admit: Admit | None = None,
) -> Listener:
    stop = threading.Event()
    runners = [
        LiveRunner(source, pipeline_for(source), store, link=Link(stop=stop), erase=erase, admit=admit)
        for source in build_sources(config, names)
    ]
    return Listener(runners, stop)


def privacy_eraser(config: Config, store: Store) -> Eraser | None:
    """The privacy layer's deletion sync for upstream deletes, run inside each batch's transaction, when
    installed (else None: the store's plain delete still removes the posts)."""
    try:
        from tactful.privacy.audit import AuditLog
        from tactful.privacy.deletion import SYNC_ACTOR, delete_posts_in
        from tactful.privacy.pseudonyms import load_keyring
    except ModuleNotFoundError:
        return None
    keyring = load_keyring(config.privacy.secret_env)
    audit = AuditLog(store.engine)

    def erase(conn: Connection, keys: list[tuple[str, str]]) -> int:
        return delete_posts_in(conn, keyring, keys, actor=SYNC_ACTOR, audit=audit, now=utcnow())

    return erase


def stop_on_signals(stop: threading.Event) -> None:
    def handle(signum: int, _frame: FrameType | None) -> None:
        log.info("listen.signal", signal=signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)
