"""Opening a database: one SQLAlchemy engine, tuned per dialect on every new connection.

SQLite: WAL journal (readers never block the writer), ``synchronous=NORMAL``
(durable at checkpoints, much faster than FULL in WAL mode) and foreign keys on
(off by default in SQLite). PostgreSQL: the session time zone is UTC so that
``date(created_at)`` means the UTC day, as it does on SQLite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from tactful.errors import StoreError

SUPPORTED_DIALECTS = ("sqlite", "postgresql")


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


# orjson: JSON columns are a large part of every posts row, and the stdlib encoder is the slow part.
JSON_OPTIONS: dict[str, Any] = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}


def create_store_engine(url: str | URL) -> sa.Engine:
    parsed = _parse(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return _postgres_engine(parsed)


def safe_url(url: str | URL) -> str:
    """The URL without its password: safe for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<unparseable database URL>"


def _parse(url: str | URL) -> URL:
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError("the database URL does not parse (expected sqlite:///file.db or "
                         "postgresql+psycopg://user:password@host/db)") from None
    if parsed.get_backend_name() not in SUPPORTED_DIALECTS:
        raise StoreError(f"unsupported database {parsed.get_backend_name()!r} (use SQLite or PostgreSQL)")
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the one we depend on
    return parsed


def _sqlite_engine(url: URL) -> sa.Engine:
    in_memory = url.database in (None, "", ":memory:")
    if not in_memory:
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)  # type: ignore[arg-type]
    options: dict[str, Any] = {"poolclass": StaticPool} if in_memory else {}
    engine = sa.create_engine(url, **options, **JSON_OPTIONS)
    sa.event.listen(engine, "connect", _tune_sqlite)
    return engine


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")  # erased rows are zeroed on disk, not left in free pages
    cursor.execute("PRAGMA busy_timeout=10000")  # wait for another writer instead of failing at once
    cursor.close()


def _postgres_engine(url: URL) -> sa.Engine:
    engine = sa.create_engine(url, pool_pre_ping=True, **JSON_OPTIONS)
    sa.event.listen(engine, "connect", _tune_postgres)
    return engine


def _tune_postgres(dbapi_connection: Any, _record: Any) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'UTC'")
    dbapi_connection.commit()
