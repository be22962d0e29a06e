"""requests_optout: an opt-out phrase in a post that addresses the brand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tactful.config import parse_config
from tactful.privacy.optout_request import requests_optout
from tactful.records import Post

CONFIG = parse_config(
    {"brand": {"name": "Acme", "handles": {"twitter": ["AcmeHelp"], "mastodon": ["acme@mastodon.social"]}},
     "privacy": {"optout_phrases": ["stop listening", "#optout", "opt out"]}}
)


def test_the_default_phrases_do_not_catch_support_questions_about_opting_out_of_emails():
    default = parse_config({"brand": {"name": "Acme", "handles": {"twitter": ["AcmeHelp"]}}})
    assert not requests_optout(post("@AcmeHelp how do I opt out of your emails?", mentions=["acmehelp"]), default)
    assert requests_optout(post("@AcmeHelp please opt me out", mentions=["acmehelp"]), default)


def post(text: str, *, mentions=(), reply_to_author=None, dm=False) -> Post:
    return Post(
        "twitter",
        "1",
        text,
        datetime(2026, 1, 1, tzinfo=UTC),
        author_handle="jane",
        mentions=list(mentions),
        reply_to_author=reply_to_author,
        is_direct_message=dm,
    )


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (post("@AcmeHelp stop listening to me", mentions=["acmehelp"]), True),
        (post("@AcmeHelp STOP LISTENING", mentions=["acmehelp"]), True),
        (post("#optout", reply_to_author="AcmeHelp"), True),
        (post("please opt-out my account", dm=True), True),
        (post("I want to optout", mentions=["acme"]), True),  # the Mastodon local form of the brand
        (post("stop listening", mentions=["someone"]), False),  # not addressed to the brand
        (post("stop listening to podcasts on your app", reply_to_author="friend"), False),
        (post("@AcmeHelp why did my playlist stop", mentions=["acmehelp"]), False),
        (post("@AcmeHelp #optoutnow is a band", mentions=["acmehelp"]), False),
        (post("@AcmeHelp the opt outside event was fun", mentions=["acmehelp"]), False),
    ],
)
def test_requests_optout(p: Post, expected: bool):
    assert requests_optout(p, CONFIG) is expected


def test_phrases_come_from_the_config():
    config = CONFIG.model_copy(
        update={"privacy": CONFIG.privacy.model_copy(update={"optout_phrases": ["leave me be"]})}
    )
    assert requests_optout(post("leave me be", dm=True), config)
    assert not requests_optout(post("stop listening", dm=True), config)
