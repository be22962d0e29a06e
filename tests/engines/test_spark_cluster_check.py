"""scripts/spark-cluster-check: the command it verifies is the one docs/spark.md shows, and its
comparisons catch what they are for. (The check itself starts a cluster: minutes, not a test.)"""

from __future__ import annotations

import importlib.util
import re
import shlex
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_check():
    loader = SourceFileLoader("spark_cluster_check", str(REPO / "scripts" / "spark-cluster-check"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


check = load_check()


def documented_submit() -> list[str]:
    """The spark-submit command in docs/spark.md's "Running on a cluster", as words."""
    section = (REPO / "docs" / "spark.md").read_text().split("## Running on a cluster")[1]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1)
    command = block[block.index("spark-submit") :].replace("\\\n", " ")
    return shlex.split(command)


def options(words: list[str]) -> set[tuple[str, str]]:
    """(option, value) pairs; for --conf the value is the key=value setting."""
    return {(w, v) for w, v in zip(words, words[1:], strict=False) if w.startswith("--")}


def test_the_check_submits_what_the_docs_tell_users_to_submit():
    verified = check.spark_submit_argv(
        "spark://127.0.0.1:7077", Path("/opt/env/bin/python"), Path("main.py"), Path("out"), packed=True
    )
    documented = options(documented_submit())
    machine_specific = {"--master", "--output", "--input"}
    settings = {
        (o, v.replace("/opt/env/bin/python", "python"))
        for o, v in options(verified)
        if o not in machine_specific and v != "spark.executor.memory=512m"
    }
    assert settings <= documented, settings - documented


@pytest.mark.parametrize(
    ("stdout", "report"),
    [
        ('{\n  "read": 3\n}\n', {"read": 3}),
        ('note: no --optouts-db: the opt-out registry is not read\n{\n  "read": 3\n}\n', {"read": 3}),
    ],
    ids=["alone", "after-notes"],
)
def test_the_report_is_found_after_the_drivers_notes(stdout, report):
    assert check.report_json(stdout) == report


def test_no_report_fails_the_check():
    with pytest.raises(check.CheckFailed, match="no JSON report"):
        check.report_json("note: something\n")


def row(**changes):
    base = {c: f"{c}-value" for c in (*check.EXACT, *check.LABELS)} | {"enriched_at": 1}
    return base | changes


@pytest.mark.parametrize(
    ("cluster", "failure"),
    [
        ({("t", "1"): row(), ("t", "2"): row()}, None),
        ({("t", "1"): row(), ("t", "2"): row(enriched_at=2)}, None),
        ({("t", "1"): row()}, "different posts"),
        ({("t", "1"): row(), ("t", "2"): row(text="other")}, "columns that differ: text"),
        ({("t", "1"): row(), ("t", "2"): row(sentiment="other")}, "model labels agree on 95.45%"),
        ({("t", "1"): row(), ("t", "2"): row(sentiment=None)}, "model labels agree"),
    ],
    ids=["identical", "made-later", "missing-post", "text", "a-label", "no-model"],
)
def test_rows_compare_exactly_but_for_model_labels(cluster, failure):
    local = {("t", "1"): row(), ("t", "2"): row()}
    if failure is None:
        assert check.compare_rows(local, cluster)["rows"] == 2
    else:
        with pytest.raises(check.CheckFailed, match=re.escape(failure)):
            check.compare_rows(local, cluster)
