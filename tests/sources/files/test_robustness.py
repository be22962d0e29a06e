"""Whatever a file holds, reading finishes and mapping fails only with MappingError."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful.errors import MappingError
from tactful.records import Post
from tactful.sources.base import RawRecord
from tactful.sources.files import formats
from tactful.sources.files.reading import iter_lines, stream_array

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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    payload=records | json_values, meta=st.dictionaries(st.sampled_from(["author", "username"]), json_values)
)
def test_every_mapper_either_maps_or_raises_mapping_error(payload, meta):
    for name in formats.names():
        file_format = formats.get(name)()
        raw = RawRecord(payload=payload, source="f", location="line 1", meta=meta)
        try:
            assert isinstance(file_format.map_item(raw), Post)
        except MappingError as exc:
            assert exc.reason_code and exc.message


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
