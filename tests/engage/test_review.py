from __future__ import annotations

import pytest

from tactful.engage.policy import build_policy
from tactful.engage.review import addresses_brand, mentions_in, post_from_line, review

BRANDS = frozenset({"acme"})


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("@Acme hi", ["acme"]),
        ("thanks @acme.", ["acme"]),
        ("mail a@acme.com", []),
        ("@a_b and @c.d", ["a_b", "c.d"]),
        ("no handles", []),
    ],
)
def test_mentions_in_text(text, mentions):
    assert mentions_in(text) == mentions


@pytest.mark.parametrize(
    ("line", "addressed"),
    [
        ({"text": "@acme help"}, True),
        ({"text": "acme is slow"}, False),
        ({"text": "thanks", "reply_to_author": "@ACME"}, True),
        ({"text": "thanks", "reply_to_author": "someone"}, False),
        ({"text": "hi", "is_direct_message": True}, True),
        ({"text": "hi", "mentions": ["acme"]}, True),
        ({"text": "RT @other: acme is slow"}, False),
    ],
)
def test_what_counts_as_addressing_the_brand(line, addressed):
    assert addresses_brand(post_from_line(line, 1, BRANDS), BRANDS) is addressed


def test_ids_come_from_the_line_or_its_number():
    assert post_from_line({"text": "x", "tweet_id": 7}, 3, BRANDS).platform_id == "7"
    assert post_from_line({"text": "x"}, 3, BRANDS).platform_id == "line-3"


def test_review_without_analysis_never_answers():
    reviewed = list(
        review(
            [{"text": "@acme my flight was cancelled"}, {"text": "acme is late"}],
            build_policy({}),
            brand_handles=["@acme"],
            batch_size=1,
        )
    )
    assert [r.line for r in reviewed] == [1, 2]
    assert {r.decision.action for r in reviewed} == {"observe"}
    assert all(r.decision.reasons and r.decision.explanation for r in reviewed)
