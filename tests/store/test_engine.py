from __future__ import annotations

import pytest
import sqlalchemy as sa

from tactful.errors import StoreError
from tactful.store.engine import create_store_engine, safe_url


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("synchronous", 1), ("foreign_keys", 1)],  # synchronous 1 = NORMAL
)
def test_sqlite_connections_are_tuned(tmp_path, pragma, expected):
    engine = create_store_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql(f"PRAGMA {pragma}").scalar() == expected
    engine.dispose()


def test_a_sqlite_file_in_a_missing_folder_is_created(tmp_path):
    engine = create_store_engine(f"sqlite:///{tmp_path / 'new' / 'folder' / 'x.db'}")
    with engine.connect() as conn:
        conn.exec_driver_sql("select 1")
    assert (tmp_path / "new" / "folder" / "x.db").exists()
    engine.dispose()


def test_postgres_sessions_use_utc(store_url):
    engine = create_store_engine(store_url)
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SHOW TIME ZONE")).scalar() == "UTC"
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u:p@h/db", "psycopg"),
        ("postgresql+psycopg://u:p@h/db", "psycopg"),
        ("sqlite://", "pysqlite"),
    ],
)
def test_postgres_urls_use_psycopg_3(url, driver):
    assert create_store_engine(url).dialect.driver == driver


@pytest.mark.parametrize(
    ("url", "shown"),
    [("postgresql+psycopg://u:secret@h/db", "postgresql+psycopg://u:***@h/db"), ("nonsense", "<unparseable")],
)
def test_safe_url_never_shows_the_password(url, shown):
    assert safe_url(url).startswith(shown)


def test_an_unsupported_database_is_refused():
    with pytest.raises(StoreError, match="unsupported"):
        create_store_engine("mysql://u:p@h/db")
