"""Persisting connector health: one row per live source, upserted after every batch or error."""

from __future__ import annotations

from dataclasses import asdict, fields

import sqlalchemy as sa

from tactful.sources.health import SourceHealth
from tactful.store.schema import source_health
from tactful.store.store import Store

_COLUMNS = tuple(f.name for f in fields(SourceHealth))


def save_health(store: Store, health: SourceHealth) -> None:
    row = asdict(health)
    with store.engine.begin() as conn:
        updated = conn.execute(
            sa.update(source_health).where(source_health.c.source == health.source).values(row)
        ).rowcount
        if not updated:
            conn.execute(sa.insert(source_health).values(row))


def load_health(store: Store) -> list[SourceHealth]:
    with store.engine.connect() as conn:
        result = conn.execute(sa.select(source_health).order_by(source_health.c.source))
        return [SourceHealth(**{name: getattr(row, name) for name in _COLUMNS}) for row in result]
