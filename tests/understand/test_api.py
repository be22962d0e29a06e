from datetime import UTC, datetime

import pytest

import tactful
from tactful.errors import ModelError, UsageError
from tactful.records import StoredPost
from tactful.understand.api import Understander
from tactful.understand.batch import Request
from tactful.understand.stage import understand_posts

CONTRACT_KEYS = {
    "lang",
    "sentiment",
    "emotion",
    "intent",
    "complaint",
    "irony",
    "offensive",
    "hate",
    "addressed",
    "needs_response",
    "aspects",
}


def test_analyze_accepts_strings_dicts_and_requests_in_order() -> None:
    analyses = tactful.analyze(
        ["I love it", {"text": "I hate it"}, Request("It is Tuesday")], brand_handles=["acme"]
    )
    assert [a.sentiment.label for a in analyses] == ["positive", "negative", "neutral"]
    assert all(set(a.to_contract()) == CONTRACT_KEYS for a in analyses)
    assert all(a.tier == "fast" for a in analyses)


def test_an_empty_batch_is_an_empty_answer() -> None:
    assert Understander().analyze([]) == []


@pytest.mark.parametrize("bad", [{"no": "text"}, {"text": 3}, 42])
def test_a_request_without_a_string_text_is_a_usage_error(bad: object) -> None:
    with pytest.raises(UsageError):
        Understander().analyze([bad])  # type: ignore[list-item]


def test_the_accurate_tier_is_refused_clearly_until_it_ships() -> None:
    from tactful.understand.artefacts import MODELS_DIR

    if (MODELS_DIR / "accurate" / "manifest.json").is_file():
        pytest.skip("the accurate tier is installed in this build")
    with pytest.raises(ModelError, match="accurate tier is not installed"):
        Understander(tier="accurate").analyze(["hello"])


def test_unknown_tier_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        Understander(tier="medium")


def test_understand_posts_sets_analysis_from_the_stored_context() -> None:
    posts = [
        StoredPost(
            "bluesky",
            str(i),
            "pseudo",
            text,
            datetime(2026, 1, 1, tzinfo=UTC),
            mentions=mentions,
            replies_to_brand=reply,
        )
        for i, (text, mentions, reply) in enumerate(
            [
                ("@acme my parcel never arrived", ["acme"], False),
                ("what do I do now?", [], True),
                ("nice weather", [], False),
            ]
        )
    ]
    out = understand_posts(posts, Understander(brand_handles=["acme"]))
    assert out is posts
    assert [p.analysis.addressed.label for p in out] == [True, True, False]
    assert [p.analysis.needs_response.label for p in out] == [True, True, False]
