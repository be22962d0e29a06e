"""Insights at 1,000,000 posts: breakdowns by query group from a rollup, and a search index.

Revision ID: 0008_insights_perf
Revises: 0007_web_auth
Create Date: 2026-11-29

* ``rollup_group_authors_daily``: reportable posts (no sensitive category) per day,
  query group, platform, language and author. Breakdowns narrowed to one group
  read it instead of the posts table; it keeps one row per author, so distinct
  authors per cell stay exact (they cannot be summed). New posts are added by
  ``Store.write_batch``; the triggers below subtract and move contributions on
  deletes and re-analyses, like the rollups of 0006. On SQLite it is a WITHOUT
  ROWID table: a day range is one contiguous read.
* A covering index on ``rollup_authors_daily`` for the same reason.
* The post search index (``store/search_index.py``): each post's prepared text
  (what the query prefilter scans) in ``post_search``, an FTS5 trigram table on
  SQLite and a plain table with a pg_trgm GIN index on PostgreSQL (the index is
  skipped when pg_trgm cannot be installed: searches then scan). Rows are written
  by ``Store.write_batch``; deleting a post deletes its row; changing a post's text,
  hashtags or mentions (retention) drops its row and queues the post in
  ``post_search_stale``, which searches treat as candidates until it is indexed
  again. Every existing post starts out queued (``tactful rollups rebuild`` indexes
  them all at once).

Frozen: the SQL is spelled out here, not imported.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_insights_perf"
down_revision = "0007_web_auth"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TABLE = "rollup_group_authors_daily"
KEYS = ("day", "query_group", "platform", "lang", "author_pseudonym")
TEXT_COLUMNS = "text, hashtags, mentions"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        TABLE,
        sa.Column("day", sa.DateTime(timezone=True), nullable=False),
        sa.Column("query_group", sa.String(255), nullable=False),
        sa.Column("platform", sa.String(64), nullable=False),
        sa.Column("lang", sa.String(64), nullable=False),
        sa.Column("author_pseudonym", sa.String(128), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*KEYS, name=f"pk_{TABLE}"),
        sqlite_with_rowid=False,
    )
    op.execute(f"INSERT INTO {TABLE} ({', '.join(KEYS)}, posts) {_raw_counts(dialect)}")
    op.create_index(
        "ix_rollup_authors_daily_covering",
        "rollup_authors_daily",
        ["day", "platform", "lang", "author_pseudonym", "posts"],
    )
    op.create_table(
        "post_search_stale",
        sa.Column("post_id", ID, sa.ForeignKey("posts.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("post_id", name="pk_post_search_stale"),
    )
    _create_search_index(dialect)
    op.execute("INSERT INTO post_search_stale (post_id) SELECT id FROM posts")
    for name, event, table, body in _triggers(dialect):
        for sql in _trigger_sql(dialect, name, event, table, body):
            op.execute(sql)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, _event, table, _body in _triggers(dialect):
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}_fn()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS post_search")
    op.drop_table("post_search_stale")
    op.drop_index("ix_rollup_authors_daily_covering", table_name="rollup_authors_daily")
    op.drop_table(TABLE)


# --- the search index ---------------------------------------------------------------


def _create_search_index(dialect: str) -> None:
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE post_search USING fts5(terms, tokenize = 'trigram')")
        return
    op.execute(
        "CREATE TABLE post_search (post_id BIGINT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE, "
        "terms TEXT NOT NULL)"
    )
    schema = _trigram_schema()
    if schema is not None:
        op.execute(
            f"CREATE INDEX ix_post_search_terms ON post_search USING gin (terms {schema}.gin_trgm_ops)"
        )


def _trigram_schema() -> str | None:
    """The schema pg_trgm lives in, installing it if needed; None when it cannot be installed."""
    conn = op.get_bind()
    find = sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    )
    schema = conn.execute(find).scalar()
    if schema is not None:
        return str(schema)
    try:
        with conn.begin_nested():  # a refused CREATE EXTENSION must not abort the migration
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    except sa.exc.DBAPIError:
        return None
    found = conn.execute(find).scalar()
    return None if found is None else str(found)


# --- triggers -----------------------------------------------------------------------
# Each rollup statement is a SELECT of (day, group, platform, lang, author, delta); deltas are
# summed per key before the upsert (PostgreSQL refuses to update one row twice in a statement).

DAY = {
    "sqlite": "strftime('%Y-%m-%d 00:00:00.000000', {col})",
    "postgresql": "(date_trunc('day', {col} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')",
}
SENSITIVE = {
    "sqlite": "(COALESCE(json_array_length({ref}.analysis, '$.sensitive'), 0) > 0)",
    "postgresql": "(CASE WHEN jsonb_typeof({ref}.analysis -> 'sensitive') = 'array' "
    "THEN jsonb_array_length({ref}.analysis -> 'sensitive') > 0 ELSE false END)",
}


def _groups(post_id: str) -> str:
    return f"(SELECT DISTINCT query_group FROM post_matches WHERE post_id = {post_id})"


def _unflagged(dialect: str, post_id: str) -> str:
    sensitive = SENSITIVE[dialect].format(ref="a")
    return f"NOT EXISTS (SELECT 1 FROM analyses a WHERE a.post_id = {post_id} AND {sensitive})"


def _raw_counts(dialect: str) -> str:
    return (
        f"SELECT {DAY[dialect].format(col='p.created_at')}, m.query_group, p.platform, "
        f"COALESCE(p.lang, 'und'), p.author_pseudonym, count(*) "
        f"FROM (SELECT DISTINCT post_id, query_group FROM post_matches) m JOIN posts p ON p.id = m.post_id "
        f"WHERE {_unflagged(dialect, 'p.id')} GROUP BY 1, 2, 3, 4, 5"
    )


def _post_row(dialect: str, group: str, delta: int, where: str) -> str:
    day = DAY[dialect].format(col="p.created_at")
    return (
        f"SELECT {day} AS c0, {group} AS c1, p.platform AS c2, COALESCE(p.lang, 'und') AS c3, "
        f"p.author_pseudonym AS c4, {delta} AS d FROM posts p {where}"
    )


def _rollup_statements(dialect: str) -> dict[tuple[str, str], list[str]]:
    """(event, table) -> SELECTs of deltas."""
    flagged = {ref: SENSITIVE[dialect].format(ref=ref) for ref in ("OLD", "NEW")}
    unflagged = _unflagged(dialect, "p.id")
    of_old = f"JOIN {_groups('OLD.post_id')} g ON 1 = 1 WHERE p.id = OLD.post_id"
    of_new = f"JOIN {_groups('NEW.post_id')} g ON 1 = 1 WHERE p.id = NEW.post_id"
    old, new = flagged["OLD"], flagged["NEW"]
    return {
        # BEFORE DELETE: the post still has its matches and analysis; cascades find no post later.
        ("BEFORE DELETE", "posts"): [
            _post_row(dialect, "g.query_group", -1,
                      f"JOIN {_groups('OLD.id')} g ON 1 = 1 WHERE p.id = OLD.id AND {unflagged}")
        ],
        ("AFTER DELETE", "post_matches"): [
            _post_row(
                dialect, "OLD.query_group", -1,
                f"WHERE p.id = OLD.post_id AND {unflagged} AND NOT EXISTS (SELECT 1 FROM "
                f"post_matches m WHERE m.post_id = OLD.post_id AND m.query_group = OLD.query_group)",
            )
        ],
        ("AFTER DELETE", "analyses"): [
            _post_row(dialect, "g.query_group", 1, f"{of_old} AND {old}")
        ],
        ("AFTER UPDATE", "analyses"): [
            _post_row(dialect, "g.query_group", -1, f"{of_new} AND {new} AND NOT {old}"),
            _post_row(dialect, "g.query_group", 1, f"{of_new} AND {old} AND NOT {new}"),
        ],
    }


def _upsert(selects: list[str]) -> str:
    keys = ", ".join(KEYS)
    summed = (
        f"SELECT c0, c1, c2, c3, c4, SUM(d) AS d FROM ({' UNION ALL '.join(selects)}) s "
        f"GROUP BY c0, c1, c2, c3, c4"
    )
    return (
        f"INSERT INTO {TABLE} ({keys}, posts) SELECT * FROM ({summed}) t WHERE t.d <> 0 "
        f"ON CONFLICT ({keys}) DO UPDATE SET posts = {TABLE}.posts + excluded.posts"
    )


def _search_statements(dialect: str) -> list[tuple[str, str, str, list[str]]]:
    if dialect == "sqlite":
        gone = ["DELETE FROM post_search WHERE rowid = OLD.id"]
        changed = [
            "DELETE FROM post_search WHERE rowid = NEW.id",
            "INSERT INTO post_search_stale (post_id) VALUES (NEW.id) ON CONFLICT (post_id) DO NOTHING",
        ]
        return [
            ("trg_search_post_delete", "AFTER DELETE", "posts", gone),
            ("trg_search_post_update", f"AFTER UPDATE OF {TEXT_COLUMNS}", "posts", changed),
        ]
    changed = [  # the row goes with the post on delete (foreign key)
        "DELETE FROM post_search WHERE post_id = NEW.id",
        "INSERT INTO post_search_stale (post_id) VALUES (NEW.id) ON CONFLICT (post_id) DO NOTHING",
    ]
    return [("trg_search_post_update", f"AFTER UPDATE OF {TEXT_COLUMNS}", "posts", changed)]


def _triggers(dialect: str) -> list[tuple[str, str, str, list[str]]]:
    """(trigger name, event, table, statements)."""
    names = {
        ("BEFORE DELETE", "posts"): "trg_group_authors_post_delete",
        ("AFTER DELETE", "post_matches"): "trg_group_authors_match_delete",
        ("AFTER DELETE", "analyses"): "trg_group_authors_analysis_delete",
        ("AFTER UPDATE", "analyses"): "trg_group_authors_analysis_update",
    }
    rollup = [
        (names[key], key[0], key[1], [_upsert(selects)])
        for key, selects in _rollup_statements(dialect).items()
    ]
    return rollup + _search_statements(dialect)


def _trigger_sql(dialect: str, name: str, event: str, table: str, statements: list[str]) -> list[str]:
    body = ";\n".join(statements)
    if dialect == "sqlite":
        return [f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW BEGIN\n{body};\nEND"]
    returned = "OLD" if event.startswith("BEFORE") else "NULL"
    return [
        f"CREATE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body};\n"
        f"RETURN {returned};\nEND\n$$",
        f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}_fn()",
    ]
