from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tactful.store import migrate
from tactful.store.engine import create_store_engine
from tactful.store.schema import is_modelled, metadata

TABLES = {"posts", "post_matches", "analyses", "post_aspects", "decisions", "quarantine", "source_cursors",
          "contact_vault", "optouts", "author_aliases", "audit_log", "audit_head", "erased_posts",
          "inbox_conversations", "source_health", "users", "api_tokens", "rollup_sentiment_hourly",
          "rollup_intent_hourly", "rollup_sentiment_daily", "rollup_intent_daily", "rollup_aspects_daily",
          "rollup_authors_daily", "alerts", "rollup_group_authors_daily", "post_search_stale",
          "post_search"}


def test_migrating_an_empty_database_reaches_the_newest_revision(store_url):
    engine = create_store_engine(store_url)
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert set(sa.inspect(engine).get_table_names()) >= TABLES
    engine.dispose()


def test_the_migrated_schema_is_exactly_the_code_schema(store_url):
    engine = create_store_engine(store_url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        opts = {
            "compare_type": True,
            "include_name": is_modelled,  # the search index's dialect-specific tables
            "include_object": migrate.include_for(conn.dialect.name),  # PostgreSQL-only indexes, on SQLite
        }
        context = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def _brin_indexes(engine: sa.Engine) -> set[str]:
    if engine.dialect.name != "postgresql":
        return {ix["name"] for ix in sa.inspect(engine).get_indexes("posts") if "brin" in str(ix["name"])}
    query = sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                    "AND tablename = 'posts' AND indexdef LIKE '%USING brin%'")
    with engine.connect() as conn:
        return set(conn.execute(query).scalars())


def test_the_posts_time_columns_get_brin_indexes_on_postgresql_only(store_url):
    from alembic import command

    engine = create_store_engine(store_url)
    migrate.upgrade(engine)
    expected = {"ix_posts_created_at_brin", "ix_posts_ingested_at_brin"}
    assert _brin_indexes(engine) == (expected if engine.dialect.name == "postgresql" else set())
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0007_web_auth")
    assert _brin_indexes(engine) == set()
    engine.dispose()


def test_migrating_twice_is_harmless_and_downgrade_removes_everything(store_url):
    engine = create_store_engine(store_url)
    migrate.upgrade(engine)
    migrate.upgrade(engine)
    _downgrade_to_base(engine)
    assert not TABLES & set(sa.inspect(engine).get_table_names())
    engine.dispose()


def _downgrade_to_base(engine: sa.Engine) -> None:
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "base")


def test_the_migrations_ship_inside_the_package():
    assert (migrate.MIGRATIONS / "env.py").is_file()
    assert migrate.head_revision() == "0009_brin_time_indexes"


OLD_POST = """
INSERT INTO posts (platform, platform_id, author_pseudonym, text, created_at, ingested_at, source,
                   replies_to_brand, is_direct_message, mentions, hashtags, links, engagement, author_flags,
                   pii_types)
VALUES ('bluesky', '1', 'p', 't', '2026-03-01 00:00:00', '2026-03-01 00:00:00', '', false, false,
        '[]', '[]', '[]', '{}', '[]', '{}')
"""


def test_upgrading_a_database_from_an_older_revision_keeps_its_posts(store_url):
    engine = create_store_engine(store_url)
    migrate.upgrade(engine, "0001")
    assert "contact_vault" not in sa.inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.execute(sa.text(OLD_POST))
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert "contact_vault" in sa.inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM posts")).scalar() == 1
    engine.dispose()
