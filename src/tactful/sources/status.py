"""Connector status and alerts, for ``tactful sources status`` and the dashboard.

``source_status`` joins the configured sources with their persisted health
records, re-judging quietness against ``now`` (a listener that died cannot
mark itself quiet). ``source_alerts`` is the list the dashboard shows: every
source that is quiet, failing, or configured but never run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tactful.config import Config
from tactful.records import utcnow
from tactful.sources.health import SourceHealth, check_quiet
from tactful.store import Store
from tactful.store.source_health import load_health

DEFAULT_QUIET_AFTER = 900.0
ALERT_STATES = ("quiet", "failing", "never_run")


@dataclass(frozen=True)
class SourceStatus:
    name: str
    type: str
    state: str  # a health state, or "never_run"
    health: SourceHealth | None
    cursor: str | None

    @property
    def alert(self) -> bool:
        return self.state in ALERT_STATES


def source_status(config: Config, store: Store, now: datetime | None = None) -> list[SourceStatus]:
    now = now or utcnow()
    found = {h.source: h for h in load_health(store)}
    out: list[SourceStatus] = []
    for name, table in sorted(config.sources.items()):
        kind = str(table.get("type", "?"))
        if kind == "webhook":
            continue  # pushed to us: there is no connection to watch
        quiet_after = float(table.get("quiet_after_seconds", DEFAULT_QUIET_AFTER))
        health = found.get(name)
        if health is not None:
            health = check_quiet(health, now, quiet_after_seconds=quiet_after)
        state = health.state if health is not None else "never_run"
        out.append(SourceStatus(name, kind, state, health, store.get_cursor(name)))
    return out


def source_alerts(config: Config, store: Store, now: datetime | None = None) -> list[SourceStatus]:
    """The sources that need a person's attention (quiet, failing or never run)."""
    return [status for status in source_status(config, store, now) if status.alert]
