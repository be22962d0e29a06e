"""redact_file: one JSON line in, one JSON line out (the core of ``tactful redact``)."""

from __future__ import annotations

import io
import json

import pytest

from tactful.privacy.pseudonyms import Keyring
from tactful.privacy.redact_file import redact_jsonl, redact_line


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("{oops", "invalid_json"),
        ('"just a string"', "not_an_object"),
        ('{"id": 7}', "missing_text"),
        ('{"text": 42}', "missing_text"),
    ],
)
def test_bad_lines_get_an_error_object_without_their_content(keyring: Keyring, line: str, code: str):
    out = redact_line(line, 5, keyring=keyring, brand_handles=frozenset())
    assert out["error"]["code"] == code and out["line"] == 5
    assert line not in json.dumps(out)


def test_fields_are_kept_and_spans_point_into_the_original_text(keyring: Keyring):
    line = json.dumps({"id": "x", "text": "😭 mail jane.doe@gmail.com", "lang": "en"})
    out = redact_line(line, 1, keyring=keyring, brand_handles=frozenset())
    assert (out["id"], out["lang"], out["redacted"]) == ("x", "en", "😭 mail [EMAIL]")
    (span,) = out["pii"]
    assert out["text"][span["start"] : span["end"]] == "jane.doe@gmail.com"


def test_the_platform_field_scopes_handle_placeholders(keyring: Keyring):
    def placeholder(platform: str | None) -> str:
        record = {"text": "@jane hi"} | ({"platform": platform} if platform else {})
        return redact_line(json.dumps(record), 1, keyring=keyring, brand_handles=frozenset())["redacted"]

    assert placeholder("bluesky") != placeholder("mastodon")
    assert placeholder(None) == placeholder("any")


def test_blank_lines_are_skipped_and_counts_add_up(keyring: Keyring):
    out = io.StringIO()
    counts = redact_jsonl(
        ['{"text": "a"}\n', "\n", "nope\n"], out, keyring=keyring, brand_handles=frozenset()
    )
    assert (counts.ok, counts.bad) == (1, 1)
    assert len(out.getvalue().splitlines()) == 2
