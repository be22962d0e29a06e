"""Insights: rollup tables kept current by triggers, and the alerts table.

Revision ID: 0006_insights_rollups
Revises: 0005_source_health
Create Date: 2026-11-29

Rollups count posts per query group (a post matched by two queries of one group
counts once there) by hour x platform x sentiment, hour x platform x intent and
day x aspect x aspect sentiment. New posts are added by ``Store.write_batch``
(``insights.rollups.add_posts``, in the same transaction: one upsert per rollup
per batch). Triggers on ``post_matches``, ``analyses``, ``post_aspects`` and
``posts`` subtract (and move) contributions on delete and update, so every
erasure path (any order, cascades) and re-labelling keeps them equal to the raw
tables without knowing they exist. Retention blanks text but keeps rows,
so the figures survive it. ``tactful rollups rebuild`` recomputes them.

Frozen: the trigger SQL is spelled out here, not imported.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006_insights_rollups"
down_revision = "0005_source_health"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)

# rollup table -> (bucket column, label columns)
ROLLUPS = {
    "rollup_sentiment_hourly": ("hour", ("query_group", "platform", "sentiment")),
    "rollup_intent_hourly": ("hour", ("query_group", "platform", "intent")),
    "rollup_sentiment_daily": ("day", ("query_group", "platform", "sentiment")),
    "rollup_intent_daily": ("day", ("query_group", "platform", "intent")),
    "rollup_aspects_daily": ("day", ("query_group", "aspect", "sentiment")),
    # breakdowns by author attributes: reportable posts (no sensitive category) per author and day
    "rollup_authors_daily": ("day", ("platform", "lang", "author_pseudonym")),
}
LENGTHS = {"query_group": 255, "author_pseudonym": 128}


def upgrade() -> None:
    for table, (bucket, keys) in ROLLUPS.items():
        op.create_table(
            table,
            sa.Column(bucket, TIMESTAMP, nullable=False),
            *[sa.Column(key, sa.String(LENGTHS.get(key, 64)), nullable=False) for key in keys],
            sa.Column("posts", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint(bucket, *keys, name=f"pk_{table}"),
        )
    op.create_table(
        "alerts",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("dedupe_key", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("query_group", sa.String(255), nullable=False),
        sa.Column("bucket_start", TIMESTAMP, nullable=False),
        sa.Column("observed", sa.Float(), nullable=False),
        sa.Column("expected", sa.Float(), nullable=False),
        sa.Column("zscore", sa.Float(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("acknowledged", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("dedupe_key", name="uq_alerts_dedupe_key"),
    )
    op.create_index("ix_alerts_bucket_start", "alerts", ["bucket_start"])
    dialect = op.get_bind().dialect.name
    for name, event, table, statements in _triggers():
        for sql in _trigger_sql(dialect, name, event, table, statements):
            op.execute(sql)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, _event, table, _statements in _triggers():
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}_fn()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("alerts")
    for table in ROLLUPS:
        op.drop_table(table)


# --- triggers ---------------------------------------------------------------------
# Each statement is (rollup table, SELECT bucket, group, label..., delta); {hour}/{day}
# are replaced by the dialect's truncation. Deltas of one statement are summed per key
# before the upsert (PostgreSQL refuses to update one row twice in a statement).


def _groups_of(ref: str) -> str:
    return f"(SELECT DISTINCT query_group FROM post_matches WHERE post_id = {ref})"


def _no_other_match(row: str, *, exclude_self: bool) -> str:
    self_clause = f" AND m.query_name <> {row}.query_name" if exclude_self else ""
    return (
        f"NOT EXISTS (SELECT 1 FROM post_matches m WHERE m.post_id = {row}.post_id "
        f"AND m.query_group = {row}.query_group{self_clause})"
    )


def _grain(table: str) -> str:
    return "{hour}" if table.endswith("_hourly") else "{day}"


def _label_for_match(table: str, label: str, row: str, delta: int, exclude_self: bool) -> tuple[str, str]:
    return table, (
        f"SELECT {_grain(table)}(p.created_at), {row}.query_group, p.platform, "
        f"COALESCE(a.{label}, 'unanalysed'), {delta} "
        f"FROM posts p LEFT JOIN analyses a ON a.post_id = p.id "
        f"WHERE p.id = {row}.post_id AND {_no_other_match(row, exclude_self=exclude_self)}"
    )


def _aspects_for_match(row: str, delta: int, exclude_self: bool) -> tuple[str, str]:
    return "rollup_aspects_daily", (
        f"SELECT {{day}}(p.created_at), {row}.query_group, x.aspect, x.sentiment, {delta} "
        f"FROM posts p JOIN post_aspects x ON x.post_id = p.id "
        f"WHERE p.id = {row}.post_id AND {_no_other_match(row, exclude_self=exclude_self)}"
    )


def _label_moves(table: str, label: str, removed: str, added: str) -> tuple[str, str]:
    """An analysis arriving/leaving/changing moves the post's count from one label to another."""
    select = (
        f"SELECT {_grain(table)}(p.created_at), g.query_group, p.platform, "
        f"COALESCE({{value}}, 'unanalysed'), "
        f"{{delta}} FROM posts p JOIN {_groups_of('{row}.post_id')} g ON 1 = 1 WHERE p.id = {{row}}.post_id"
    )
    row = "NEW" if "NEW" in added + removed else "OLD"
    return table, " UNION ALL ".join(
        [
            select.replace("{value}", removed).replace("{delta}", "-1").replace("{row}", row),
            select.replace("{value}", added).replace("{delta}", "1").replace("{row}", row),
        ]
    )


def _aspect_row(row: str, delta: int) -> tuple[str, str]:
    return "rollup_aspects_daily", (
        f"SELECT {{day}}(p.created_at), g.query_group, {row}.aspect, {row}.sentiment, {delta} "
        f"FROM posts p JOIN {_groups_of(f'{row}.post_id')} g ON 1 = 1 WHERE p.id = {row}.post_id"
    )


def _post_gone(table: str, label: str) -> tuple[str, str]:
    return table, (
        f"SELECT {_grain(table)}(OLD.created_at), g.query_group, OLD.platform, "
        f"COALESCE(a.{label}, 'unanalysed'), -1 "
        f"FROM {_groups_of('OLD.id')} g LEFT JOIN analyses a ON a.post_id = OLD.id"
    )


def _post_aspects_gone() -> tuple[str, str]:
    return "rollup_aspects_daily", (
        f"SELECT {{day}}(OLD.created_at), g.query_group, x.aspect, x.sentiment, -1 "
        f"FROM {_groups_of('OLD.id')} g JOIN post_aspects x ON x.post_id = OLD.id"
    )


LABELS = (
    ("rollup_sentiment_hourly", "sentiment"),
    ("rollup_intent_hourly", "intent"),
    ("rollup_sentiment_daily", "sentiment"),
    ("rollup_intent_daily", "intent"),
)


def _triggers() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(trigger name, event, table, statements)."""

    def per_label(build):  # type: ignore[no-untyped-def]
        return [build(table, label) for table, label in LABELS]

    return [
        (
            "trg_rollup_match_delete",
            "AFTER DELETE",
            "post_matches",
            per_label(lambda t, lb: _label_for_match(t, lb, "OLD", -1, False))
            + [_aspects_for_match("OLD", -1, False)],
        ),
        (
            "trg_rollup_analysis_delete",
            "AFTER DELETE",
            "analyses",
            per_label(lambda t, lb: _label_moves(t, lb, f"OLD.{lb}", "NULL")),
        ),
        (
            "trg_rollup_analysis_update",
            "AFTER UPDATE",
            "analyses",
            per_label(lambda t, lb: _label_moves(t, lb, f"OLD.{lb}", f"NEW.{lb}")),
        ),
        ("trg_rollup_aspect_delete", "AFTER DELETE", "post_aspects", [_aspect_row("OLD", -1)]),
        (
            "trg_rollup_aspect_update",
            "AFTER UPDATE",
            "post_aspects",
            [_aspect_row("OLD", -1), _aspect_row("NEW", 1)],
        ),
        ("trg_rollup_post_delete", "BEFORE DELETE", "posts", per_label(_post_gone) + [_post_aspects_gone()]),
        *_author_triggers(),
    ]


# Author rollup: +1 when a post arrives, -1 when a reportable post leaves; an analysis revealing a
# sensitive category takes its post out (and gives it back if the analysis goes while the post stays).
def _author_row(delta: int, where: str) -> tuple[str, str]:
    return "rollup_authors_daily", (
        f"SELECT {{day}}(p.created_at), p.platform, COALESCE(p.lang, 'und'), p.author_pseudonym, {delta} "
        f"FROM posts p WHERE {where}"
    )


def _author_triggers() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    unflagged = "NOT EXISTS (SELECT 1 FROM analyses a WHERE a.post_id = p.id AND {sensitive:a})"
    return [
        (
            "trg_authors_post_delete",
            "BEFORE DELETE",
            "posts",
            [_author_row(-1, f"p.id = OLD.id AND {unflagged}")],
        ),
        (
            "trg_authors_analysis_delete",
            "AFTER DELETE",
            "analyses",
            [_author_row(1, "p.id = OLD.post_id AND {sensitive:OLD}")],
        ),
        (
            "trg_authors_analysis_update",
            "AFTER UPDATE",
            "analyses",
            [
                _author_row(-1, "p.id = NEW.post_id AND {sensitive:NEW} AND NOT {sensitive:OLD}"),
                _author_row(1, "p.id = NEW.post_id AND {sensitive:OLD} AND NOT {sensitive:NEW}"),
            ],
        ),
    ]


SENSITIVE = {
    "sqlite": "(COALESCE(json_array_length({ref}.analysis, '$.sensitive'), 0) > 0)",
    "postgresql": "(CASE WHEN jsonb_typeof({ref}.analysis -> 'sensitive') = 'array' "
    "THEN jsonb_array_length({ref}.analysis -> 'sensitive') > 0 ELSE false END)",
}


KEYS = {table: ", ".join((bucket, *keys)) for table, (bucket, keys) in ROLLUPS.items()}

TRUNCATE = {
    "sqlite": {
        "{hour}": "strftime('%Y-%m-%d %H:00:00.000000', ",
        "{day}": "strftime('%Y-%m-%d 00:00:00.000000', ",
    },
    "postgresql": {"{hour}": "date_trunc('hour', ", "{day}": "date_trunc('day', "},
}


def _truncate(dialect: str, select: str) -> str:
    for marker, call in TRUNCATE[dialect].items():
        select = select.replace(marker + "(", call)
    for ref in ("a", "NEW", "OLD"):
        select = select.replace(f"{{sensitive:{ref}}}", SENSITIVE[dialect].format(ref=ref))
    if dialect == "postgresql":  # the UTC hour/day whatever the session's time zone
        for column in ("p.created_at", "OLD.created_at"):
            select = select.replace(f"', {column})", f"', {column} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'")
    return select


def _upsert(dialect: str, table: str, select: str) -> str:
    keys = KEYS[table]
    n = len(keys.split(","))
    columns = ", ".join(f"c{i}" for i in range(n))
    summed = (
        f"SELECT {columns}, SUM(d) AS d FROM ({_truncate(dialect, _alias(select, n))}) s GROUP BY {columns}"
    )
    return (
        f"INSERT INTO {table} ({keys}, posts) SELECT * FROM ({summed}) t WHERE t.d <> 0 "
        f"ON CONFLICT ({keys}) DO UPDATE SET posts = {table}.posts + excluded.posts"
    )


def _alias(select: str, n: int) -> str:
    """Name the SELECT's columns c0..cN-1, d (every branch of a UNION ALL)."""
    parts = []
    for branch in select.split(" UNION ALL "):
        head, _, rest = branch.partition(" FROM ")
        values = _split_top_level(head.removeprefix("SELECT "))
        named = [f"{v} AS c{i}" for i, v in enumerate(values[:n])] + [f"{values[n]} AS d"]
        parts.append(f"SELECT {', '.join(named)} FROM {rest}")
    return " UNION ALL ".join(parts)


def _split_top_level(expressions: str) -> list[str]:
    out, depth, current = [], 0, ""
    for char in expressions:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += char
    return [*out, current.strip()]


def _trigger_sql(
    dialect: str, name: str, event: str, table: str, statements: list[tuple[str, str]]
) -> list[str]:
    body = ";\n".join(_upsert(dialect, target, select) for target, select in statements)
    if dialect == "sqlite":
        return [f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW BEGIN\n{body};\nEND"]
    returned = "OLD" if event.startswith("BEFORE") else "NULL"
    return [
        f"CREATE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body};\n"
        f"RETURN {returned};\nEND\n$$",
        f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}_fn()",
    ]
