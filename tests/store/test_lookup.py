"""``present``: which of many values a column holds, across more values than one query may bind."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tactful.store import open_store
from tactful.store.lookup import CHUNK, present
from tactful.store.schema import optouts


@pytest.mark.parametrize("asked", [0, 3, CHUNK + 1, 3 * CHUNK])
def test_present_finds_exactly_the_stored_values(tmp_path, asked):
    stored = [f"h{i}" for i in range(0, 4 * CHUNK, 2)]  # every other value
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as store, store.engine.begin() as conn:
        now = datetime(2026, 1, 1, tzinfo=UTC)
        conn.execute(optouts.insert(), [{"hash": h, "created_at": now, "via": "cli"} for h in stored])
        wanted = [f"h{i}" for i in range(asked)] + [f"h{i}" for i in range(asked)]  # repeats ask once
        assert present(conn, optouts.c.hash, wanted) == {f"h{i}" for i in range(0, asked, 2)}
