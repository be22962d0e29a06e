"""The demo data: fictional, deterministic, in the platforms' shapes, with PII only where intended."""

from __future__ import annotations

import json
import re
from collections import Counter
from statistics import median

import pytest

from tactful.demo import DATA_DIR, demo_files
from tactful.demo.corpus import STORM_DAY
from tactful.demo.generate import render_answer_key, render_files
from tactful.demo.plan import plan_posts

# The posts written to carry PII (platform id -> what they reveal). Privacy tests assert these get redacted.
PII_PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "phone": re.compile(r"\+?\(?\d[\d ()-]{7,}\d"),
    "booking_reference": re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6}\b"),
    "person_name": re.compile(r"\bmy name is\b", re.IGNORECASE),
}


def pii_in(text: str) -> set[str]:
    return {kind for kind, pattern in PII_PATTERNS.items() if pattern.search(text)}


def test_the_files_are_exactly_what_the_generator_renders(demo_dir):
    posts = plan_posts()
    for name, content in render_files(posts).items():
        assert (DATA_DIR / name).read_text(encoding="utf-8") == content, name
    assert (demo_dir / "answer_key.jsonl").read_text(encoding="utf-8") == render_answer_key(posts)


def test_the_data_set_is_small_enough_to_ship():
    assert sum(p.stat().st_size for p in DATA_DIR.iterdir()) < 1_000_000


def test_the_data_set_has_the_size_and_spread_asked_for(answer_key):
    assert 400 <= len(answer_key) <= 500
    assert len({row["text"] for row in answer_key}) >= 300
    assert len({row["day"] for row in answer_key}) == 14
    assert {row["platform"] for row in answer_key} == {"bluesky", "mastodon", "twitter", "reddit"}


def test_every_row_in_the_files_is_a_post_of_the_answer_key(answer_key, demo_rows):
    rows = demo_rows
    ids = Counter(post_id for _, post_id, _ in rows)
    assert set(ids) == {row["platform_id"] for row in answer_key}
    assert sorted(n for n in ids.values() if n > 1) == [2] * 5  # the two Twitter pages overlap by five


def test_the_storm_day_is_a_spike_of_delay_complaints(answer_key):
    per_day = Counter(r["day"] for r in answer_key if r["aspect"] == "delay" and r["intent"] == "complaint")
    other_days = [per_day.get(day, 0) for day in {r["day"] for r in answer_key} if day != STORM_DAY]
    assert per_day[STORM_DAY] >= 10 * max(1, median(other_days))


@pytest.mark.parametrize(
    "kind, at_least",
    [
        ("complaint", 100),
        ("question", 30),
        ("praise", 20),
        ("suggestion", 10),
        ("about_complaint", 20),
        ("about_praise", 10),
        ("competitor", 30),
        ("offtopic", 40),
        ("thread", 30),
        ("optout", 2),
        ("offensive", 1),
        ("sensitive", 1),
        ("nobot", 1),
        ("noindex", 1),
        ("pii", 4),
    ],
)
def test_every_kind_of_post_is_there(answer_key, kind, at_least):
    assert sum(row["kind"] == kind for row in answer_key) >= at_least


def test_pii_appears_only_in_the_posts_written_to_carry_it(answer_key, demo_rows):
    found = {post_id: pii_in(text) for _, post_id, text in demo_rows if pii_in(text)}
    intended = {row["platform_id"]: set(row["pii"]) for row in answer_key if row["pii"]}
    assert found == intended
    assert sorted(t for kinds in intended.values() for t in kinds) == [
        "booking_reference",
        "booking_reference",
        "email",
        "person_name",
        "phone",
        "phone",
    ]


def test_emails_and_domains_are_reserved_for_fiction(demo_rows):
    for _, _, text in demo_rows:
        for domain in re.findall(r"(?:https?://|@)([\w.-]+\.[a-z]{2,})", text):
            assert domain == "t.co" or domain.endswith((".example", "example.com", ".bsky.social")), domain


def test_bluesky_facets_point_at_the_bytes_they_annotate():
    checked = after_multibyte = 0
    for line in (DATA_DIR / "bluesky_posts.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)["record"]
        raw = record["text"].encode()
        for facet in record.get("facets", []):
            span = raw[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode()
            feature = facet["features"][0]
            expected = {
                "app.bsky.richtext.facet#tag": lambda f: "#" + f["tag"],
                "app.bsky.richtext.facet#link": lambda f: f["uri"],
            }.get(feature["$type"])
            assert span == expected(feature) if expected else span.startswith("@")
            checked += 1
            after_multibyte += len(raw[: facet["index"]["byteStart"]].decode()) != facet["index"]["byteStart"]
    assert checked > 50
    assert after_multibyte >= 5  # emoji or accents before the facet: bytes and characters differ


def test_twitter_entities_point_at_the_characters_they_annotate():
    for name in ("twitter_search_page1.json", "twitter_search_page2.json"):
        page = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
        users = {u["id"] for u in page["includes"]["users"]}
        for tweet in page["data"]:
            assert tweet["author_id"] in users
            for mention in tweet.get("entities", {}).get("mentions", []):
                assert tweet["text"][mention["start"] : mention["end"]] == "@" + mention["username"]
            for tag in tweet.get("entities", {}).get("hashtags", []):
                assert tweet["text"][tag["start"] : tag["end"]] == "#" + tag["tag"]


def test_demo_files_lists_every_data_file_but_the_readme():
    assert [p.name for p in demo_files()] == sorted(set(render_files(plan_posts())))


def test_the_spike_detector_finds_the_storm_and_nothing_else():
    from datetime import timedelta

    from tactful.demo.plan import DAYS, FIRST_DAY
    from tactful.insights.spikes import Bucket, detect_spikes

    hour = timedelta(hours=1)
    brand = [p for p in plan_posts() if p.section.group == "brand"]
    volume = Counter(p.created_at.replace(minute=0, second=0, microsecond=0) for p in brand)
    negative = Counter(
        p.created_at.replace(minute=0, second=0, microsecond=0) for p in brand if p.intent == "complaint"
    )
    starts = [FIRST_DAY + i * hour for i in range(DAYS * 24)]
    spikes = detect_spikes([Bucket(t, volume[t], negative[t]) for t in starts])
    assert spikes
    assert {s.start.date().isoformat() for s in spikes} == {STORM_DAY}


def test_the_readme_table_gives_each_files_row_count(demo_rows):
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    rows = Counter(name for name, _, _ in demo_rows)
    for name, n in rows.items():
        line = next(line for line in readme.splitlines() if line.startswith("|") and f"`{name}`" in line)
        assert f"| {n} |" in line or f" {n} " in line.split("|")[-2], name
