"""The Spark engine against the local engine on the same input: same rows, same accounting.

One Spark session for the module (starting the JVM and the Python workers is the slow
part); it enriches a JSON-lines and a Parquet copy of a few hundred public posts.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sys
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tactful.config import parse_config
from tactful.engines.batch import EnrichJob
from tactful.engines.enrich_local import enrich_local
from tactful.engines.inputs import read_records
from tactful.engines.parquet_sink import DayPartitionedWriter
from tactful.engines.spark import EngineUnavailable, require_pyspark, start_failure
from tactful.privacy.gate import identity_hashes
from tactful.records import Post

from .enrich_data import MIXED_LINES, OPTED_OUT_AUTHOR, write_lines

DETERMINISTIC = (
    "platform",
    "platform_id",
    "author_pseudonym",
    "text",
    "created_at",
    "day",
    "mentions",
    "hashtags",
    "links",
    "matched_queries",
    "matched_groups",
    "pii_types",
    "reply_to_id",
)
MODEL_LABELS = (
    "sentiment",
    "emotion",
    "intent",
    "complaint",
    "irony",
    "offensive",
    "hate",
    "needs_response",
    "addressed",
    "action",
    "priority",
)
AIRLINE_CONFIG = {
    "brand": {"name": "United", "handles": {"twitter": ["united"]}},
    "queries": [
        {"name": "united", "group": "brand", "query": "@united OR united"},
        {"name": "spotify", "group": "competitor:spotify", "query": "@spotifycares OR spotify"},
        # the mixed lines: a withheld author, a duplicate
        {"name": "acme", "group": "product", "query": "acme OR @acme.bsky.social"},
    ],
}


def test_without_pyspark_the_spark_engine_is_a_clear_usage_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(EngineUnavailable, match="pip install 'tactful\\[spark\\]'") as caught:
        require_pyspark()
    assert caught.value.code == "E700" and caught.value.exit_code == 2


PY4J_CONFIG_ERROR = (
    "An error occurred while calling None.org.apache.spark.api.java.JavaSparkContext.\n"
    ": org.apache.spark.SparkIllegalArgumentException: [INVALID_SPARK_CONFIG.NETWORK_AUTH_MUST_BE_ENABLED] "
    "Invalid Spark config: spark.authenticate must be enabled when enabling encryption. SQLSTATE: 42616\n"
    "\tat org.apache.spark.SparkException$.require(SparkException.scala:133)"
)


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (
            RuntimeError(PY4J_CONFIG_ERROR),
            "cannot start Spark: org.apache.spark.SparkIllegalArgumentException: "
            "[INVALID_SPARK_CONFIG.NETWORK_AUTH_MUST_BE_ENABLED] Invalid Spark config: spark.authenticate",
        ),
        (
            RuntimeError("[JAVA_GATEWAY_EXITED] Java gateway process exited before sending its port number."),
            "cannot start Spark (RuntimeError): is Java 17+ installed and JAVA_HOME set?",
        ),
    ],
    ids=["bad-setting", "no-java"],
)
def test_a_session_that_cannot_start_says_why_in_one_line(error, says):
    message = start_failure(error)
    assert message.startswith(says) and "\n" not in message and "SparkException.scala" not in message


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="the spark extra (pyspark) is not installed")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java 17+ (no java on PATH, no JAVA_HOME)")
    from tactful.engines.spark import spark_session

    with spark_session("local[2]", batch_rows=100) as session:
        yield session


@pytest.fixture(scope="module")
def inputs(shared_data, tmp_path_factory):
    """~450 public posts (airline and support tweets, some matching no query), plus the mixed bad lines."""
    folder = tmp_path_factory.mktemp("inputs")
    lines = [
        json.loads(line)
        for path, n in (("airline/dev.jsonl", 300), ("support/spotify_requests.jsonl", 150))
        for line in itertools.islice((shared_data / path).open(encoding="utf-8"), n)
    ]
    jsonl = write_lines(folder / "posts.jsonl", lines + MIXED_LINES)
    columns = {
        key: [str(row[key]) if row.get(key) is not None else None for row in lines]
        for key in ("id", "tweet_id", "text", "created", "created_at", "author_id")
    }
    pq.write_table(pa.table(columns), folder / "posts.parquet")
    return jsonl, folder / "posts.parquet"


def run_both(spark, job, source, tmp_path):
    from tactful.engines.spark import enrich_spark

    with DayPartitionedWriter(tmp_path / "local") as writer:
        local = enrich_local(read_records([source]), job, writer, chunk_size=100)
    remote = enrich_spark(
        spark, [str(source)], job, str(tmp_path / "spark"), parquet=source.suffix == ".parquet"
    )
    return (local, rows(tmp_path / "local")), (remote, rows(tmp_path / "spark"))


def opted_out_job(config):
    plain = EnrichJob.build(config)
    author = Post("bluesky", "0", "", datetime(2024, 1, 1, tzinfo=UTC), author_handle=OPTED_OUT_AUTHOR)
    return EnrichJob.build(config, opted_out=identity_hashes(author, plain.stages.privacy_gate.keyring))


def rows(out):
    table = ds.dataset(out, format="parquet", partitioning="hive", exclude_invalid_files=True).to_table()
    return {(r["platform"], r["platform_id"]): r for r in table.to_pylist()}


@pytest.mark.slow
@pytest.mark.parametrize("layout", [0, 1], ids=["jsonl", "parquet"])
def test_spark_writes_what_the_local_engine_writes(
    spark, inputs, tmp_path, monkeypatch, real_understand, layout
):
    job = opted_out_job(parse_config(AIRLINE_CONFIG))
    if job.stages.fallbacks:
        pytest.skip(f"needs the real stages ({', '.join(job.stages.fallbacks)})")
    (local, local_rows), (remote, spark_rows) = run_both(spark, job, inputs[layout], tmp_path)
    assert local == remote and remote.adds_up()
    assert remote.stored > 100 and remote.not_matched > 100
    assert (remote.withheld, remote.duplicate) == ((1, 1) if layout == 0 else (0, 0))
    assert local_rows.keys() == spark_rows.keys()
    for key, row in local_rows.items():
        assert {c: row[c] for c in DETERMINISTIC} == {c: spark_rows[key][c] for c in DETERMINISTIC}
    labels = [(row[c], spark_rows[key][c]) for key, row in local_rows.items() for c in MODEL_LABELS]
    agreement = sum(a == b for a, b in labels) / len(labels)
    assert agreement >= 0.999
    assert all(row["sentiment"] is not None for row in spark_rows.values())  # the models ran in the workers
