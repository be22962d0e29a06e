"""The ``tactful analyze`` / ``tactful eval`` contract, run as users run it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

CONTRACT_KEYS = {
    "lang",
    "sentiment",
    "emotion",
    "intent",
    "complaint",
    "irony",
    "offensive",
    "hate",
    "addressed",
    "needs_response",
    "aspects",
}


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tactful", *args], capture_output=True, text=True, input=stdin
    )


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_output_keeps_order_and_keys_and_adds_the_contract(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": 1, "text": "@acme where is my luggage?", "extra": {"a": [1]}}),
            json.dumps({"text": "Merci beaucoup pour votre aide, le vol était parfait", "id": 2}),
            json.dumps({"id": 3, "text": "love the crew but my bag is lost 😡"}),
        ],
    )
    result = run_cli(
        "analyze",
        "--input",
        str(source),
        "--output",
        str(tmp_path / "out.jsonl"),
        "--brand-handle",
        "@acme",
        "--aspects",
        "airline",
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert list(rows[0]) == ["id", "text", "extra", "analysis"] and rows[0]["extra"] == {"a": [1]}
    assert all(set(r["analysis"]) == CONTRACT_KEYS for r in rows)
    first = rows[0]["analysis"]
    assert first["addressed"] == {"label": True, "reason": "mentions @acme"}
    assert first["intent"]["label"] == "complaint" and first["aspects"][0]["name"] == "baggage"
    assert set(first["complaint"]) == {"label", "score"}
    assert rows[1]["analysis"]["sentiment"] == {"label": "unscored", "scores": {}}
    assert rows[2]["text"].endswith("😡")


def test_bad_lines_get_error_objects_in_place_and_exit_2(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": 1, "text": "fine"}),
            "{not json",
            json.dumps({"id": 3}),
            json.dumps({"id": 4, "text": 5}),
            "[1, 2]",
            json.dumps({"id": 6, "text": "also fine"}),
        ],
    )
    result = run_cli("analyze", "--input", str(source), "--output", "-")
    assert result.returncode == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 6
    assert [r.get("error", {}).get("code") for r in rows] == [
        None,
        "invalid_json",
        "missing_text",
        "text_not_string",
        "not_an_object",
        None,
    ]
    assert rows[2]["id"] == 3 and "analysis" not in rows[2]
    assert "analysis" in rows[0] and "analysis" in rows[5]
    assert "not json" not in result.stderr  # no input text in messages


def test_stdin_to_stdout(tmp_path: Path) -> None:
    result = run_cli(
        "analyze", "--input", "-", "--output", "-", stdin=json.dumps({"text": "I love it"}) + "\n"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["analysis"]["sentiment"]["label"] == "positive"


def test_unreadable_input_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run_cli("analyze", "--input", str(tmp_path / "missing.jsonl"), "--output", "-")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error E103")


def test_accurate_tier_before_it_exists_is_a_clear_error(tmp_path: Path) -> None:
    from tactful.understand.artefacts import MODELS_DIR

    if (MODELS_DIR / "accurate" / "manifest.json").is_file():
        pytest.skip("the accurate tier is installed in this build")
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"text": "hi"})])
    result = run_cli("analyze", "--input", str(source), "--output", "-", "--tier", "accurate")
    assert result.returncode == 1
    assert "E300" in result.stderr and "accurate tier is not installed" in result.stderr


def test_eval_reports_the_official_metric(tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "gold.jsonl",
        [
            json.dumps({"text": "I love it so much", "label": "positive"}),
            json.dumps({"text": "this is the worst, I hate it", "label": "negative"}),
            json.dumps({"text": "The meeting is at 3pm", "label": "neutral"}),
        ],
    )
    result = run_cli("eval", "--task", "sentiment", "--input", str(source), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["metric"], report["n"]) == ("macro_recall", 3)
    assert 0.0 <= report["value"] <= 1.0
    assert {c["label"] for c in report["classes"]} >= {"positive", "negative", "neutral"}
