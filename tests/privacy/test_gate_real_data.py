"""The gate over real customer tweets (../shared/data): no third-party handle survives."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from tactful.config import parse_config
from tactful.privacy.gate import build_privacy_gate
from tactful.privacy.pseudonyms import Keyring
from tactful.records import Post, to_dict

HANDLE = re.compile(r"(?<![\w@+-])@([A-Za-z0-9_]+)")


def spotify_posts(shared_data: Path, n: int) -> list[Post]:
    with (shared_data / "support" / "spotify_requests.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in islice(f, n)]
    return [
        Post(
            "twitter",
            r["tweet_id"],
            r["text"],
            datetime(2017, 11, 1, tzinfo=UTC),
            author_id=r["author_id"],
            author_handle=f"user{r['author_id']}",
        )
        for r in rows
    ]


def test_only_brand_handles_and_placeholders_remain_in_stored_text(shared_data: Path, keyring: Keyring):
    config = parse_config({"brand": {"name": "Spotify", "handles": {"twitter": ["SpotifyCares", "Spotify"]}}})
    gate = build_privacy_gate(config, keyring=keyring)
    posts = spotify_posts(shared_data, 3000)
    stored, withheld = gate(posts)
    assert len(stored) == len(posts) and withheld == []
    raw_handles = {h.lower() for p in posts for h in HANDLE.findall(p.text)} - {
        "spotifycares",
        "spotify",
        "user",
    }
    assert raw_handles, "the sample should contain third-party handles"
    for post in stored:
        left = {h.lower() for h in HANDLE.findall(post.text)}
        kept = {"spotifycares", "spotify", "user"}  # '@user': the dataset's own anonymised placeholder
        assert left <= kept | {h for h in left if re.fullmatch(r"user-[0-9a-f]{6}", h)}
        dumped = json.dumps(to_dict(post)).lower()
        assert not {h for h in raw_handles if f"@{h}" in dumped}
