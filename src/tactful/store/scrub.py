"""After an erasure, leave no readable copy of the erased rows in SQLite's files.

Deleted rows are zeroed as they go (``PRAGMA secure_delete``, set in ``engine.py``);
what remains is the search index (FTS5 keeps a deleted post's trigrams in old index
segments until they are merged) and the write-ahead log (old frames hold pages as
they were until a checkpoint). ``scrub_erased`` merges the one and checkpoints the
other. PostgreSQL keeps dead tuples until VACUUM (autovacuum, or by hand: see
docs/storage.md).
"""

from __future__ import annotations

import sqlalchemy as sa


def scrub_erased(engine: sa.Engine) -> None:
    """Called after opt-outs, subject erasures and retention purges; a no-op outside SQLite."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        if sa.inspect(conn).has_table("post_search"):
            conn.exec_driver_sql("INSERT INTO post_search(post_search) VALUES ('optimize')")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
