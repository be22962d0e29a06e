"""Storage: schema, migrations and the one storage interface (SQLite, PostgreSQL).

    with open_store("sqlite:///tactful.db") as store:
        new = store.write_batch(posts, quarantined)
"""

from tactful.store.store import STATS_KEYS, StatsKey, Store, open_store

__all__ = ["STATS_KEYS", "StatsKey", "Store", "open_store"]
