from __future__ import annotations

import shutil

import pytest

from tactful.errors import InputFormatError, UsageError
from tactful.sources.base import Source
from tactful.sources.files import detect_format, formats, iter_files, open_file_source, parse_mapping


@pytest.mark.parametrize(
    "name,format_name",
    [
        ("twitter_archive/tweets.js", "twitter-archive"),
        ("twitter_v2_page.json", "twitter-api-v2"),
        ("twitter_v2_pages.jsonl", "twitter-api-v2"),
        ("support.csv", "support-csv"),
        ("bluesky_search.json", "bluesky-json"),
        ("bluesky_records.jsonl", "bluesky-json"),
        ("mastodon_statuses.json", "mastodon-json"),
        ("mastodon_search.json", "mastodon-json"),
        ("generic.jsonl", "jsonl"),
        ("forum_posts.csv", "csv"),
    ],
)
def test_formats_are_detected_from_content(fixtures, name, format_name):
    assert detect_format(fixtures / name).name == format_name


@pytest.mark.parametrize(
    "name,format_name",
    [
        ("twitter_archive/tweets.js", "twitter-archive"),
        ("bluesky_search.json", "bluesky-json"),
        ("mastodon_statuses.json", "mastodon-json"),
        ("twitter_v2_pages.jsonl", "twitter-api-v2"),
        ("generic.jsonl", "jsonl"),
    ],
)
def test_content_wins_over_a_misleading_name(fixtures, tmp_path, name, format_name):
    renamed = tmp_path / "download.txt"
    shutil.copy(fixtures / name, renamed)
    assert detect_format(renamed).name == format_name


@pytest.mark.parametrize(
    "name,content",
    [
        ("direct-messages.js", 'window.YTD.direct_messages.part0 = [{"dmConversation": {}}]'),
        ("deleted-tweets.js", 'window.YTD.deleted_tweets.part0 = [{"tweet": {}}]'),
        ("like.js", 'window.YTD.like.part0 = [{"like": {"tweetId": "1"}}]'),
    ],
)
def test_other_archive_files_are_not_taken_for_tweets(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFormatError):
        open_file_source(path)


def test_a_csv_saved_under_another_name_is_detected_by_its_header(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("post_id,body,date\n1,hello,2024-01-01\n", encoding="utf-8")
    assert detect_format(path).name == "csv"


def test_support_jsonl_is_detected_ahead_of_generic_jsonl(tmp_path):
    path = tmp_path / "requests.jsonl"
    path.write_text(
        '{"tweet_id": "1", "author_id": "2", "inbound": true, "created_at": "Tue Oct 31 23:36:20 +0000 2017",'
        ' "text": "hi", "response_tweet_id": null, "in_response_to_tweet_id": null}\n',
        encoding="utf-8",
    )
    assert detect_format(path).name == "support-csv"


def test_an_explicit_format_overrides_detection(fixtures):
    source = open_file_source(fixtures / "twitter_v2_pages.jsonl", "jsonl")
    assert source.format.name == "jsonl"


@pytest.mark.parametrize(
    "content",
    [
        b"hello, this is just prose\nwith two lines\n",
        b"\x89PNG\r\n\x1a\n\x00\x00binary",
        b"<html><body>x</body></html>",
    ],
)
def test_an_undetectable_file_is_an_input_format_error(tmp_path, content):
    path = tmp_path / "mystery.dat"
    path.write_bytes(content)
    with pytest.raises(InputFormatError, match="mystery.dat: cannot tell its format.*--format"):
        open_file_source(path)


def test_an_empty_file_reads_as_nothing(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert list(open_file_source(path).read()) == []


@pytest.mark.parametrize(
    "call,error",
    [
        (lambda p: open_file_source(p / "missing.jsonl"), InputFormatError),
        (lambda p: open_file_source(p), InputFormatError),  # a directory
        (lambda p: open_file_source(p / "x.jsonl", "no-such-format"), InputFormatError),
        (lambda p: open_file_source(p / "x.jsonl", "bluesky-json", {"text": "body"}), UsageError),
    ],
)
def test_bad_arguments_raise_clear_errors(tmp_path, call, error):
    (tmp_path / "x.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(error):
        call(tmp_path)


def test_a_file_source_is_a_source(fixtures):
    source = open_file_source(fixtures / "generic.jsonl")
    assert isinstance(source, Source)
    posts = [source.map_item(raw) for raw in source.read()]
    assert [p.platform_id for p in posts] == ["g-1", "42", "g-3"]


def test_every_builtin_format_is_registered():
    assert formats.names() == sorted(
        ["bluesky-json", "csv", "jsonl", "mastodon-json", "support-csv", "twitter-api-v2", "twitter-archive"]
    )


@pytest.mark.parametrize(
    "given,expected",
    [
        (None, {}),
        ({"text": "body"}, {"text": "body"}),
        (["text=body", "id = post_id"], {"text": "body", "id": "post_id"}),
        (("platform=twitter",), {"platform": "twitter"}),
    ],
)
def test_parse_mapping(given, expected):
    assert parse_mapping(given) == expected


@pytest.mark.parametrize("bad", [["text"], ["=body"], ["text="]])
def test_parse_mapping_rejects_malformed_flags(bad):
    with pytest.raises(UsageError, match="FIELD=COLUMN"):
        parse_mapping(bad)


def test_iter_files_expands_directories_and_globs(tmp_path):
    for name in ("b.jsonl", "a.jsonl", "sub/c.csv", ".hidden/d.jsonl", "sub/.e.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    names = lambda paths: [p.relative_to(tmp_path).as_posix() for p in paths]  # noqa: E731
    assert names(iter_files([tmp_path])) == ["a.jsonl", "b.jsonl", "sub/c.csv"]
    assert names(iter_files([f"{tmp_path}/*.jsonl"])) == ["a.jsonl", "b.jsonl"]
    assert names(iter_files([f"{tmp_path}/**/*.csv", tmp_path / "a.jsonl"])) == ["sub/c.csv", "a.jsonl"]


@pytest.mark.parametrize("given", ["nope.jsonl", "*.nothing"])
def test_iter_files_reports_what_is_missing(tmp_path, given):
    with pytest.raises(InputFormatError):
        list(iter_files([str(tmp_path / given)]))
