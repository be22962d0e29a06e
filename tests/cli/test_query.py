"""``tactful query check``."""

from __future__ import annotations

import subprocess
import sys


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tactful", *args], capture_output=True, text=True)


def test_check_prints_the_structure_of_a_valid_query() -> None:
    result = run_cli("query", "check", "acme NEAR/2 (late OR delay*) NOT lang:fr")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "ok: ((acme NEAR/2 (late OR delay*)) AND NOT lang:fr)",
        "AND",
        "  NEAR/2 (within 2 words, any order)",
        "    word acme",
        "    OR",
        "      word late",
        "      word delay* (wildcard)",
        "  NOT",
        "    field lang:fr",
    ]


def test_check_points_at_a_syntax_error_and_exits_2() -> None:
    result = run_cli("query", "check", "acme AND")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "acme AND",
        "        ^",
        "error E102: column 9: expected a term or '(' after AND, found end of query",
    ]


def test_check_tries_the_query_on_sample_texts() -> None:
    samples = ["--text", "Acme's app", "-t", "acme rentals", "-t", "x"]
    result = run_cli("query", "check", "acme NOT rentals", *samples)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-3:] == ["match: Acme's app", "no match: acme rentals", "no match: x"]
