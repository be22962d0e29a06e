"""``tactful redact`` end to end, through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.privacy.keys import TEST_SECRET


def run_redact(tmp_path: Path, lines: list[str], *args: str, secret: str | None = TEST_SECRET):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("TACTFUL_SECRET", "TACTFUL_DEV")}
    if secret:
        env["TACTFUL_SECRET"] = secret
    result = subprocess.run(
        [sys.executable, "-m", "tactful", "redact", "--input", str(src), "--output", str(dst), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()] if dst.exists() else []
    return result, out


def test_each_line_gets_redacted_text_and_spans_into_the_input(tmp_path: Path):
    text = "👩‍👩‍👧 @acme call 415-555-2671 or ask @jane_doe"
    result, (line,) = run_redact(
        tmp_path, [json.dumps({"id": "a1", "text": text})], "--brand-handle", "@Acme"
    )
    assert result.returncode == 0, result.stderr
    assert line["id"] == "a1" and line["text"] == text
    assert line["redacted"].startswith("👩‍👩‍👧 @acme call [PHONE] or ask @user-")
    assert [(p["type"], text[p["start"] : p["end"]]) for p in line["pii"]] == [
        ("PHONE", "415-555-2671"),
        ("HANDLE", "@jane_doe"),
    ]
    assert set(line["pii"][0]) == {"type", "start", "end", "score", "recognizer"}


def test_bad_lines_become_error_objects_and_exit_2(tmp_path: Path):
    lines = ['{"id": 1, "text": "fine"}', "not json at all 415-555-2671", '{"id": 3}', "[1, 2]"]
    result, out = run_redact(tmp_path, lines)
    assert result.returncode == 2
    assert [o.get("error", {}).get("code") for o in out] == [
        None,
        "invalid_json",
        "missing_text",
        "not_an_object",
    ]
    assert out[2]["id"] == 3
    assert "415-555-2671" not in result.stdout + result.stderr


def test_without_a_secret_it_refuses_unless_dev(tmp_path: Path):
    line = json.dumps({"text": "@jane hi"})
    refused, _ = run_redact(tmp_path, [line], secret=None)
    message = " ".join(refused.stderr.split())  # rich wraps long lines
    assert refused.returncode == 2 and "E101" in message and "TACTFUL_SECRET environment variable" in message
    allowed, (out,) = run_redact(tmp_path, [line], "--dev", secret=None)
    assert allowed.returncode == 0 and out["redacted"].startswith("@user-")
    assert (tmp_path / ".tactful-dev-secret").exists()


def test_a_missing_input_file_is_a_usage_error(tmp_path: Path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tactful",
            "redact",
            "--input",
            str(tmp_path / "nope.jsonl"),
            "--output",
            str(tmp_path / "o.jsonl"),
            "--dev",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and "no such input file" in " ".join(result.stderr.split())
