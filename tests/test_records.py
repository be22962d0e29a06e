from datetime import UTC, datetime

from tactful.records import (
    Analysis,
    BinaryScore,
    ClassScores,
    Decision,
    Post,
    QueryMatch,
    StoredPost,
    post_from_dict,
    stored_post_from_dict,
    to_dict,
)

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_post_round_trips_through_a_dict():
    post = Post("bluesky", "at://x/1", "hello 👋", WHEN, mentions=["acme"], matches=[QueryMatch("b", "brand")])
    assert post_from_dict(to_dict(post)) == post


def test_stored_post_round_trips_with_analysis_and_decision():
    analysis = Analysis(
        lang="en",
        sentiment=ClassScores("negative", {"negative": 0.8, "neutral": 0.1, "positive": 0.1}),
        complaint=BinaryScore(True, 0.9),
    )
    stored = StoredPost(
        "bluesky", "1", "u-abc", "text", WHEN, analysis=analysis,
        decision=Decision("respond", 70, "support", ["addressed"], "It addresses the brand."),
    )
    assert stored_post_from_dict(to_dict(stored)) == stored


def test_analysis_contract_has_lang_and_aspects_and_omits_unset_fields():
    contract = Analysis(lang="en", complaint=BinaryScore(False, 0.1)).to_contract()
    assert contract == {"lang": "en", "complaint": {"label": False, "score": 0.1}, "aspects": []}
