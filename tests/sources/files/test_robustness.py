"""Whatever a file holds, reading finishes and mapping fails only with MappingError."""

from __future__ import annotations

import copy
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful.errors import MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files import formats, open_file_source
from tactful.sources.files.reading import iter_lines, stream_array
from tactful.sources.normalise import normalise_post

# Keys the mappers look at, so generated records reach their branches.
KEYS = [
    "id",
    "id_str",
    "uri",
    "text",
    "full_text",
    "content",
    "created_at",
    "createdAt",
    "date",
    "author",
    "author_id",
    "user",
    "account",
    "acct",
    "username",
    "handle",
    "did",
    "record",
    "reply",
    "parent",
    "root",
    "facets",
    "index",
    "byteStart",
    "byteEnd",
    "features",
    "$type",
    "tag",
    "entities",
    "mentions",
    "hashtags",
    "urls",
    "user_mentions",
    "tweet",
    "public_metrics",
    "referenced_tweets",
    "type",
    "note_tweet",
    "langs",
    "lang",
    "language",
    "labels",
    "val",
    "tags",
    "name",
    "reblog",
    "note",
    "noindex",
    "indexable",
    "inbound",
    "tweet_id",
    "in_response_to_tweet_id",
    "response_tweet_id",
    "in_reply_to_id",
    "in_reply_to_account_id",
    "favorite_count",
    "likeCount",
    "visibility",
    "platform",
    "url",
]
CODES = {"bad_date", "empty_text", "wrong_type", "missing_id"}
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
)
dates = st.sampled_from(["2024-01-01T00:00:00Z", "Tue Oct 31 23:36:20 +0000 2017", "2/24/2015 11:35", "x"])
json_values = st.recursive(
    scalars | dates,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6),
    max_leaves=25,
)
records = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=10)


FIXTURES = Path(__file__).parents[1] / "fixtures"
FIXTURE_FILES = [
    "twitter_archive/tweets.js",
    "twitter_v2_page.json",
    "support.csv",
    "bluesky_search.json",
    "bluesky_records.jsonl",
    "mastodon_statuses.json",
    "generic.jsonl",
]


def _valid_records() -> list[tuple[str, RawRecord]]:
    out = []
    for name in FIXTURE_FILES:
        source = open_file_source(FIXTURES / name)
        out += [(source.format.name, raw) for raw in source.read()]
    return out


VALID = _valid_records()


def _mutate(value: Any, data: st.DataObject, depth: int = 0) -> Any:
    """The value with some parts deleted or replaced by arbitrary JSON, recursively."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            action = data.draw(st.sampled_from(["keep"] * 6 + ["drop", "replace", "recurse", "recurse"]))
            if action == "replace":
                out[key] = data.draw(json_values)
            elif action == "recurse" and depth < 4:
                out[key] = _mutate(item, data, depth + 1)
            elif action != "drop":
                out[key] = item
        return out
    if isinstance(value, list) and value and depth < 4:
        return [_mutate(item, data, depth + 1) for item in value]
    return value


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(VALID), data=st.data())
def test_damaged_real_records_map_or_fail_with_mapping_error(case, data):
    name, raw = case
    payload = _mutate(copy.deepcopy(raw.payload), data)
    file_format = formats.get(name)()
    try:
        post = file_format.map_item(RawRecord(payload=payload, source="f", location="item 1", meta=raw.meta))
    except MappingError as exc:
        assert exc.reason_code in CODES and exc.message
        return
    assert_well_typed(normalise_post(post))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    payload=records | json_values, meta=st.dictionaries(st.sampled_from(["author", "username"]), json_values)
)
def test_every_mapper_either_maps_or_raises_mapping_error(payload, meta):
    for name in formats.names():
        file_format = formats.get(name)()
        raw = RawRecord(payload=payload, source="f", location="line 1", meta=meta)
        try:
            post = file_format.map_item(raw)
        except MappingError as exc:
            assert exc.reason_code in CODES and exc.message
            continue
        assert_well_typed(normalise_post(post))


def assert_well_typed(post: Post) -> None:
    assert isinstance(post.platform, str) and isinstance(post.platform_id, str) and post.platform_id
    assert isinstance(post.text, str) and post.text.strip()
    assert post.created_at.utcoffset() == timedelta(0)
    for name in (
        "author_handle",
        "author_name",
        "author_id",
        "url",
        "lang",
        "reply_to_id",
        "reply_to_author",
        "thread_id",
    ):
        assert getattr(post, name) is None or isinstance(getattr(post, name), str), name
    for name in ("mentions", "hashtags", "links", "author_flags"):
        assert all(isinstance(v, str) and v for v in getattr(post, name)), name
    assert all(isinstance(k, str) and isinstance(v, int) for k, v in post.engagement.items())


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.binary(max_size=40), max_size=8), limit=st.integers(1, 50))
def test_bounded_lines_cover_every_byte(lines, limit):
    data = b"\n".join(lines)
    read = list(iter_lines(io.BytesIO(data), limit))
    assert sum(line.size for line in read) == len(data)
    assert all(line.data is None or len(line.data.rstrip(b"\n")) <= limit for line in read)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet='[]{},:"\\ 0123456789abcnulrtfe\n', max_size=60))
def test_stream_array_never_raises(text):
    records = list(stream_array(io.StringIO(text), "f", 30))
    assert all(r.error is None or r.error_code in ("invalid_json", "too_large") for r in records)
    assert all(
        r.error is not None for r in records[len(records) - 1 :] if records and records[-1].payload is None
    )
