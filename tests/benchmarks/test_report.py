"""docs/benchmarks.md is rendered from the results dict: the tables, not the timings."""

from __future__ import annotations

import pytest
from benchmarks.report import fmt, ratio, render

MACHINE = {
    "cpu": "Test CPU 9000",
    "cores": 2,
    "cores_usable": 2,
    "ram_gib": 23.5,
    "os": "Linux 6",
    "python": "3.11.7",
    "sqlite": "3.40.1",
    "postgresql_client": "15.18",
    "commit": "abc1234",
}


def suite(name: str, rows: list[dict], detail: dict | None = None, load: float = 4.0) -> dict:
    return {
        "suite": name,
        "quick": False,
        "measured_at": "2026-11-29T12:00:00+00:00",
        "seconds": 61.0,
        "load_average_1min": {"min": load, "mean": load + 1, "max": load + 2},
        "machine": MACHINE,
        "rows": rows,
        "detail": detail or {},
    }


INGEST_RUN = {
    "posts": 1_000_000,
    "processes": 1,
    "dialect": "sqlite",
    "stored": 667_000,
    "not_matched": 333_000,
    "rejected": 0,
    "withheld": 0,
    "wall_s": 900.0,
    "posts_per_s": 1111.1,
    "posts_per_cpu_s": 1250.0,
    "peak_rss_mb": 420.0,
    "db_mb": 1500.0,
    "db_bytes_per_stored_post": 2358,
    "load_average_1min": [3.1, 4.2],
}
RESULTS = {
    "query": suite(
        "query",
        [
            {
                "figure": "query matching, 10,000 queries vs 100,000 posts",
                "value": 20_000.0,
                "unit": "posts/CPU-s",
                "command": "python -m benchmarks.run --only query",
                "peer": "naive",
                "peer_value": 500.0,
            },
        ],
        {"runs": []},
    ),
    "pii": suite(
        "pii",
        [
            {
                "figure": "PII detection, real tweets",
                "value": 9000.0,
                "unit": "posts/s",
                "command": "python -m benchmarks.run --only pii",
                "peer": "Presidio",
                "peer_value": "not installed",
            },
        ],
        {"tactful": {}, "presidio": "not installed", "labelled_texts": 10, "tweets": 5},
    ),
    "ingest": suite(
        "ingest",
        [
            {
                "figure": "ingest 1,000,000 posts into sqlite, end to end",
                "value": 1111.1,
                "unit": "posts/s",
                "command": "python -m benchmarks.bench_ingest --posts 1000000",
                "note": "peak RSS 420 MB",
            },
        ],
        {"runs": [INGEST_RUN]},
        load=7.5,
    ),
    "ingest-postgres": suite(
        "ingest-postgres", [], {"runs": [{**INGEST_RUN, "dialect": "postgresql", "server_version": "15.99"}]}
    ),
}
RESULTS["growth"] = suite(
    "growth", [], {"runs": [{**INGEST_RUN, "posts": 10_000, "posts_per_cpu_s": 1000.0}]}
)
SUITES = ["understand", "pii", "query", "ingest", "growth", "ingest-postgres", "scaling"]


@pytest.fixture(scope="module")
def doc() -> str:
    return render(RESULTS, SUITES)


def table_row(doc: str, starts: str) -> list[str]:
    line = next(line for line in doc.splitlines() if line.startswith(starts))
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


@pytest.mark.parametrize(
    ("first_cells", "expected"),
    [
        (
            "| 3 | query matching, 10,000 queries",
            [
                "3",
                "query matching, 10,000 queries vs 100,000 posts",
                "20,000",
                "posts/CPU-s",
                "naive",
                "500",
                "40.00x",
                "",
                "`python -m benchmarks.run --only query`",
            ],
        ),
        (
            "| 2 | PII detection",
            [
                "2",
                "PII detection, real tweets",
                "9,000",
                "posts/s",
                "Presidio",
                "not installed",
                "-",
                "",
                "`python -m benchmarks.run --only pii`",
            ],
        ),
        (
            "| 4 | ingest 1,000,000",
            [
                "4",
                "ingest 1,000,000 posts into sqlite, end to end",
                "1,111",
                "posts/s",
                "",
                "",
                "-",
                "peak RSS 420 MB",
                "`python -m benchmarks.bench_ingest --posts 1000000`",
            ],
        ),
        (
            "| 1 | Understanding, fast tier",
            [
                "1",
                "Understanding, fast tier (one core)",
                "not measured",
                "",
                "",
                "",
                "",
                "",
                "`python -m benchmarks.run --only understand`",
            ],
        ),
        (
            "| 6 | Scaling",
            [
                "6",
                "Scaling: 1 vs 2 local processes",
                "not measured",
                "",
                "",
                "",
                "",
                "",
                "`python -m benchmarks.run --only scaling`",
            ],
        ),
    ],
)
def test_summary_rows(doc, first_cells, expected):
    assert table_row(doc, first_cells) == expected


@pytest.mark.parametrize(
    ("first_cells", "expected"),
    [
        ("| CPU |", ["CPU", "Test CPU 9000"]),
        ("| cores |", ["cores", "2 (usable by the run: 2)"]),
        ("| RAM |", ["RAM", "23.5 GiB"]),
        ("| Python |", ["Python", "3.11.7"]),
        ("| SQLite |", ["SQLite", "3.40.1"]),
        ("| PostgreSQL |", ["PostgreSQL", "15.99 (server)"]),  # the server's version beats the client's
        ("| ingest |", ["ingest", "2026-11-29T12:00:00+00:00", "abc1234", "61.0 s", "7.5", "8.5", "9.5"]),
    ],
)
def test_machine_and_load_tables(doc, first_cells, expected):
    assert table_row(doc, first_cells) == expected


def test_ingest_detail_has_one_row_per_run_and_database(doc):
    rows = [line for line in doc.splitlines() if line.startswith("| 1,000,000 | 1 |")]
    # the ingest section, the growth table (which repeats the 1M run), the PostgreSQL section
    assert [row.split("|")[4].strip() for row in rows] == ["sqlite", "sqlite", "postgresql"]
    assert table_row(doc, "| 1,000,000 | 1 | 0 | sqlite")[7:11] == ["0.80", "420", "1,500", "2,358"]


def test_growth_table_joins_the_growth_runs_and_the_1m_run_smallest_first(doc):
    growth = doc.split("## 7. How ingest cost grows")[1].split("## ")[0]
    sizes = [line.split("|")[1].strip() for line in growth.splitlines() if line.startswith("| 1")]
    assert sizes == ["10,000", "1,000,000"]
    assert table_row(growth, "| 10,000 |")[7] == "1.00"  # CPU ms per post


def test_doc_says_the_machine_was_shared_and_is_generated(doc):
    assert "shared with other work" in doc
    assert "do not edit by\nhand" in doc


def test_no_results_says_how_to_get_them():
    assert "No results yet: run `python -m benchmarks.run`" in render({}, SUITES)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "-"),
        ("not installed", "not installed"),
        (1234.5, "1,234"),
        (12.34, "12.3"),
        (0.123, "0.12"),
    ],
)
def test_fmt(value, expected):
    assert fmt(value) == expected


@pytest.mark.parametrize(
    ("value", "peer", "expected"),
    [
        (300.0, 100.0, "3.00x"),
        (1.0, 2_000.0, "0.0005x"),
        (50.0, 200.0, "0.25x"),
        (10.0, "not installed", "-"),
        (10.0, None, "-"),
        ("not measured", 5.0, "-"),
        (10.0, 0.0, "-"),
    ],
)
def test_ratio(value, peer, expected):
    assert ratio(value, peer) == expected


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ({}, ["Time: **NOT met**: 15.0 minutes", "Peak RSS: **met**: 420 MB"]),
        ({"wall_s": 600.0, "peak_rss_mb": 1500.0}, ["Time: **met**", "Peak RSS: **NOT met**: 1,500 MB"]),
        (  # with understand workers, memory is every process's together
            {"understand_workers": 1, "peak_rss_mb": 300.0, "peak_rss_all_mb": 1100.0},
            ["its 1 understand worker used", "Peak RSS: **NOT met**: 1,100 MB", "largest single process 300 MB"],
        ),
        (
            {"posts": 250_000, "planned_posts": 1_000_000, "finished": False, "posts_per_cpu_s": 1000.0},
            [
                "Time: **not measured to the end.**",
                "after 15 minutes and 250,000 posts",
                "need 16.7 CPU minutes",
                "(a projection, not a measurement)",
                "(**met** so far)",
            ],
        ),
    ],
)
def test_targets_say_whether_1m_posts_fit_15_minutes_and_1_gb(run, expected):
    results = {"ingest": suite("ingest", [], {"runs": [{**INGEST_RUN, **run}]})}
    targets = render(results, ["ingest"]).split("## Targets")[1].split("## ")[0]
    for text in expected:
        assert text in targets


def test_no_targets_section_without_a_1m_run():
    results = {"ingest": suite("ingest", [], {"runs": [{**INGEST_RUN, "posts": 5_000}]})}
    assert "## Targets" not in render(results, ["ingest"])


def test_profile_table_gives_ms_per_post_and_shares_without_set_up():
    seconds = {
        "set-up: load the fast-tier models": 1.0,
        "understand, fast tier": 3.0,
        "store.write_batch": 1.0,
    }
    detail = {"posts": 1_000, "stored": 600, "seconds": seconds, "top_functions": []}
    doc = render({"profile": suite("profile", [], detail)}, ["profile"])
    assert table_row(doc, "| set-up: load") == ["set-up: load the fast-tier models", "1.00", "1.000", ""]
    assert table_row(doc, "| understand") == ["understand, fast tier", "3.00", "3.000", "75%"]
    assert table_row(doc, "| store.write_batch") == ["store.write_batch", "1.00", "1.000", "25%"]


@pytest.mark.parametrize(
    ("spark", "expected"),
    [
        (
            {"local_workers_1": {"posts_per_s": 100.0, "seconds": 50.0}},
            ["local_workers_1", "100", "50.0", ""],
        ),
        (
            {"spark_local_2": {"skipped": "pyspark or Java missing"}},
            ["spark_local_2", "-", "-", "pyspark or Java missing"],
        ),
    ],
)
def test_spark_table_rows(spark, expected):
    doc = render({"spark": suite("spark", [], {"n_posts": 5_000, **spark})}, ["spark"])
    assert table_row(doc, f"| {expected[0]} |") == expected


def test_targets_say_how_the_inbox_sync_memory_grows_with_what_is_pending():
    sync_runs = [
        {"pending": 50_000, "peak_rss_mb": 83.0},
        {"pending": 10_000, "peak_rss_mb": 81.2},
    ]
    results = {
        "ingest": suite("ingest", [], {"runs": [INGEST_RUN]}),
        "inbox-sync": suite("inbox-sync", [], {"runs": sync_runs}),
    }
    targets = render(results, ["ingest"]).split("## Targets")[1].split("## ")[0]
    assert "peak RSS 81 MB with 10,000 posts pending and 83 MB with 50,000" in targets
    assert "(+2 MB for 40,000 more" in targets
