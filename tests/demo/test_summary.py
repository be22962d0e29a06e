"""The demo summary's sections, over posts and reports built by hand."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from rich.console import Console

from tactful.demo.summary import (
    SECTIONS,
    FileReport,
    SummaryInput,
    daily_volume,
    needs_response,
    posts_per_group,
    render_summary,
)
from tactful.pipeline import IngestReport
from tactful.records import Analysis, BinaryScore, Decision, QueryMatch, StoredPost

BRAND = {"skylarkhelp", "skylarkair.bsky.social"}


def stored(
    text: str = "hello",
    *,
    mentions=(),
    groups=("brand",),
    decision=None,
    needs=None,
    day=2,
    replies_to_brand=False,
) -> StoredPost:
    analysis = Analysis(needs_response=BinaryScore(*needs)) if needs is not None else None
    return StoredPost(
        platform="twitter",
        platform_id=text,
        author_pseudonym="p",
        text=text,
        created_at=datetime(2026, 3, day, 12, tzinfo=UTC),
        mentions=list(mentions),
        matches=[QueryMatch(g, g) for g in groups],
        decision=decision,
        analysis=analysis,
        replies_to_brand=replies_to_brand,
    )


def respond(priority: int, action: str = "respond") -> Decision:
    return Decision(
        action=action,
        priority=priority,
        team="support",
        reasons=["addressed"],  # type: ignore[arg-type]
        explanation=f"policy says {action}",
    )


def summary_of(posts, report: IngestReport | None = None) -> SummaryInput:
    report = report or IngestReport(read=len(posts), stored=len(posts))
    return SummaryInput([FileReport("f.json", "twitter-api-v2", report)], posts, BRAND)


@pytest.mark.parametrize(
    "post, reason",
    [
        (stored(decision=respond(80)), "policy says respond"),
        (stored(decision=respond(60, "route")), "policy says route"),
        (stored(decision=respond(10, "observe")), None),
        (stored(mentions=["SkylarkHelp"]), "mentions @skylarkhelp (no policy decision yet)"),
        (stored(replies_to_brand=True), "replies to the brand (no policy decision yet)"),
        (stored(mentions=["someone"]), None),
        (stored(mentions=["skylarkhelp"], needs=(False, 0.1)), None),
    ],
)
def test_a_post_needs_a_response_when_the_policy_or_addressing_says_so(post, reason):
    items = needs_response(summary_of([post]))
    assert [i.reason for i in items] == ([reason] if reason else [])


def test_items_needing_a_response_come_by_priority():
    posts = [
        stored("low", decision=respond(20)),
        stored("high", decision=respond(90)),
        stored("model", mentions=["skylarkhelp"], needs=(True, 0.7)),
    ]
    assert [(i.post.text, i.priority) for i in needs_response(summary_of(posts))] == [
        ("high", 90),
        ("model", 70),
        ("low", 20),
    ]


def test_a_comparison_counts_once_in_each_group():
    posts = [
        stored(groups=("brand", "competitor:northwind")),
        stored(groups=("brand",)),
        stored(groups=("brand",)),
    ]
    posts[2].matches.append(QueryMatch("brand-2", "brand"))  # two brand queries: still one brand post
    assert posts_per_group(posts) == {"brand": 3, "competitor:northwind": 1}


def test_the_daily_sparkline_names_the_busiest_day():
    posts = [stored(day=2), stored(day=3), stored(day=3), stored(day=3)]
    assert "busiest: 2026-03-03 (3 posts)" in daily_volume(posts).plain


def render(data: SummaryInput, sections=SECTIONS) -> str:
    console = Console(record=True, width=160)
    render_summary(console, data, sections)
    return console.export_text()


def test_the_summary_has_each_section_and_shows_the_accounting():
    report = IngestReport(
        read=10,
        stored=4,
        not_matched=3,
        withheld=1,
        duplicate=1,
        rejected=1,
        rejected_reasons={"bad_date": 1},
    )
    text = render(summary_of([stored(mentions=["skylarkhelp"])] * 4, report))
    for title in ("What was heard", "What needs a response", "What was filtered, and why"):
        assert title in text
    assert "read 10 = stored 4 + not matched 3 + withheld 1 + duplicate 1 + rejected 1  (adds up)" in text
    assert "rejected: bad_date" in text


def test_a_later_feature_adds_a_section_by_appending_a_function():
    text = render(summary_of([stored()]), [*SECTIONS, lambda data: f"inbox: {len(data.posts)} posts"])
    assert "inbox: 1 posts" in text


def test_the_policy_decisions_are_tallied_with_their_usual_reason():
    posts = [
        stored(decision=respond(80)),
        stored(decision=respond(70)),
        stored(decision=respond(5, "observe")),
    ]
    text = render(summary_of(posts))
    assert re.search(r"respond\s+│\s+2\s+│ policy says respond", text)
    assert re.search(r"observe\s+│\s+1\s+│ policy says observe", text)
