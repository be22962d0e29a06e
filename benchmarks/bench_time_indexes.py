"""BRIN against btree for the dashboard's time-range query on a large posts table (PostgreSQL only).

    python benchmarks/bench_time_indexes.py --url postgresql+psycopg://... [--rows 1000000] [--runs 5]

Fills a scratch schema (migrated to head, dropped afterwards) with ``--rows`` posts
spread over a year, made by ``generate_series`` in SQL, in two physical layouts:
``appended`` (rows arrive roughly in time order, as live ingest writes them) and
``shuffled`` (an archive imported out of order). For each layout it times the
hourly-volume query over the last 7 days and the last day with only the btree on
``created_at``, only the BRIN index, and neither (each variant drops the other
indexes inside a transaction that is rolled back), and prints the index sizes.
Reports the median execution time of ``--runs`` EXPLAIN ANALYZE runs, and the
plan and shared buffers of the last one.
"""

from __future__ import annotations

import argparse
import re
import statistics
import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from tactful.store import open_store

START = datetime(2025, 1, 1, tzinfo=UTC)
YEAR = timedelta(days=365)
QUERY = """
SELECT date_trunc('hour', created_at) AS hour, platform, count(*) FROM posts
WHERE created_at >= :since AND created_at < :until GROUP BY 1, 2 ORDER BY 1, 2
"""  # the dashboard's volume chart: reads the rows, not only the index
VARIANTS = {  # variant -> the indexes on created_at it drops
    "btree only": ["ix_posts_created_at_brin"],
    "brin only": ["ix_posts_created_at"],
    "no index": ["ix_posts_created_at", "ix_posts_created_at_brin"],
}


def fill(conn: sa.Connection, rows: int, *, shuffled: bool) -> None:
    """``rows`` posts over a year; ``created_at`` a few minutes before ``ingested_at`` (live ingest)."""
    conn.execute(sa.text("TRUNCATE posts CASCADE"))
    conn.execute(sa.text("ALTER TABLE posts DISABLE TRIGGER USER"))  # the rollups: not measured here
    order = "random()" if shuffled else "g"
    conn.execute(
        sa.text(f"""
        INSERT INTO posts (platform, platform_id, author_pseudonym, text, created_at, ingested_at, source,
                           mentions, hashtags, links, engagement, author_flags, pii_types)
        SELECT 'bluesky', 'p' || g, 'a' || (g % 50000),
               'acme app crashed again when I opened playlist ' || g || ', please help',
               :start + g * :step - random() * interval '10 minutes', :start + g * :step, 'bench',
               '[]', '[]', '[]', '{{"likes": 1}}', '[]', '{{}}'
        FROM generate_series(1, :rows) AS g ORDER BY {order}
        """),
        {"start": START, "step": YEAR / rows, "rows": rows},
    )
    conn.execute(sa.text("ALTER TABLE posts ENABLE TRIGGER USER"))


def sizes(conn: sa.Connection) -> dict[str, int]:
    query = sa.text("""
        SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relname IN
              ('posts', 'ix_posts_created_at', 'ix_posts_created_at_brin', 'ix_posts_ingested_at_brin')
    """)
    return {name: int(size) for name, size in conn.execute(query)}


def explain(conn: sa.Connection, since: datetime, until: datetime, runs: int) -> tuple[float, str]:
    times, plan = [], ""
    for _ in range(runs):
        lines = conn.execute(
            sa.text("EXPLAIN (ANALYZE, BUFFERS) " + QUERY), {"since": since, "until": until}
        ).scalars().all()
        plan = "\n".join(lines)
        times.append(float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1)))  # type: ignore[union-attr]
    return statistics.median(times), plan


def summary(plan: str) -> str:
    """The scan the planner chose, the heap blocks it visited and the query's shared buffers."""
    lines = plan.splitlines()
    scan = next((re.search(r"(\w[\w ]* Scan)", ln).group(1) for ln in lines if " Scan" in ln), "?")  # type: ignore[union-attr]
    heap = next((ln.strip() for ln in lines if "Heap Blocks" in ln), "")
    buffers = next((ln.strip() for ln in lines if "Buffers" in ln), "")
    return " | ".join(filter(None, [scan.strip(), heap, buffers]))


def measure(engine: sa.Engine, days: int, runs: int) -> None:
    until = START + YEAR
    since = until - timedelta(days=days)
    for variant, dropped in VARIANTS.items():
        with engine.connect() as conn, conn.begin() as transaction:
            conn.execute(sa.text("SET LOCAL jit = off"))  # compile time would hide the scan time
            for name in dropped:
                conn.execute(sa.text(f"DROP INDEX {name}"))
            median, plan = explain(conn, since, until, runs)
            print(f"  last {days} day(s), {variant:10}: median {median:8.1f} ms  | {summary(plan)}")
            transaction.rollback()


def run(url: str, rows: int, runs: int) -> None:
    schema = f"bench_brin_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    scoped = sa.engine.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        with open_store(scoped.render_as_string(hide_password=False)) as store:
            for shuffled in (False, True):
                with store.engine.begin() as conn:
                    fill(conn, rows, shuffled=shuffled)
                with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(sa.text("VACUUM ANALYZE posts"))
                    found = sizes(conn)
                print(f"{rows:,} posts, {'shuffled' if shuffled else 'appended'}: "
                      + ", ".join(f"{name} {size / 1024:,.0f} KiB" for name, size in sorted(found.items())))
                for days in (7, 1):
                    measure(store.engine, days, runs)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="A PostgreSQL URL (a scratch schema is made there).")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run(args.url, args.rows, args.runs)


if __name__ == "__main__":
    main()
