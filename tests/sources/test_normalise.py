from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tactful.records import Post
from tactful.sources.normalise import normalise_posts


def _post(text: str = "hello", **fields) -> Post:
    fields.setdefault("created_at", datetime(2024, 1, 1, tzinfo=UTC))
    return Post(platform="generic", platform_id="1", text=text, **fields)


def _one(post: Post) -> Post:
    (out,) = normalise_posts([post])
    return out


@pytest.mark.parametrize(
    "text,clean",
    [
        ("cafe\u0301", "café"),  # decomposed -> NFC
        ("nul\x00 bell\x07 esc\x1b[0m del\x7f c1\x85", "nul bell esc[0m del c1"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("windows\r\nold mac\r", "windows\nold mac\n"),
        ("🏳️‍🌈 👩🏽‍💻 𝕏", "🏳️‍🌈 👩🏽‍💻 𝕏"),  # joiners and astral characters stay
        ("\u200fbidi mark kept", "\u200fbidi mark kept"),
    ],
)
def test_text_is_nfc_without_control_characters(text, clean):
    assert _one(_post(text)).text == clean


@pytest.mark.parametrize(
    "created_at,utc",
    [
        (datetime(2024, 1, 1, 12), datetime(2024, 1, 1, 12, tzinfo=UTC)),
        (datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=2))), datetime(2024, 1, 1, 10, tzinfo=UTC)),
        (datetime(2024, 1, 1, 23, tzinfo=timezone(timedelta(hours=-5))), datetime(2024, 1, 2, 4, tzinfo=UTC)),
    ],
)
def test_created_at_becomes_utc(created_at, utc):
    out = _one(_post(created_at=created_at))
    assert out.created_at == utc
    assert out.created_at.tzinfo is UTC


@pytest.mark.parametrize(
    "text,mentions",
    [
        ("@VirginAmerica What @dhepburn said.", ["virginamerica", "dhepburn"]),
        ("hi @alice.bsky.social!", ["alice.bsky.social"]),
        ("cc @Bob@Mastodon.Social and @carol@chaos.social.", ["bob@mastodon.social", "carol@chaos.social"]),
        (".@Acme_Help please", ["acme_help"]),
        ("@a @A @a", ["a"]),
        ("mail me at bob@example.com", []),
        ("see https://medium.com/@writer/post", []),
        ("sentence ends with @alice.", ["alice"]),
        ("@115890  send us", ["115890"]),
    ],
)
def test_mentions_are_extracted_lowercased_and_deduplicated(text, mentions):
    assert _one(_post(text)).mentions == mentions


@pytest.mark.parametrize(
    "text,hashtags",
    [
        ("#Spotify is down #SpotifyDown #spotify", ["spotify", "spotifydown"]),
        ("#1 fan, #2024 and #a1", ["a1"]),
        ("Grüße #Köln #café", ["köln", "café"]),
        ("it&#39;s fine", []),
        ("https://example.com/page#section only", []),
        ("full-width ＃タグ works", ["タグ"]),
    ],
)
def test_hashtags_are_extracted(text, hashtags):
    assert _one(_post(text)).hashtags == hashtags


@pytest.mark.parametrize(
    "text,links",
    [
        ("see https://t.co/RlWuqllt8S.", ["https://t.co/RlWuqllt8S"]),
        (
            "(https://example.com/a) and http://x.example/b?c=d,",
            ["https://example.com/a", "http://x.example/b?c=d"],
        ),
        ("https://en.wikipedia.org/wiki/Foo_(bar)!", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("twice https://a.example https://a.example", ["https://a.example"]),
        ("no links, www.not-a-scheme.com", []),
    ],
)
def test_links_are_extracted(text, links):
    assert _one(_post(text)).links == links


def test_what_the_mapper_provided_is_kept_but_cleaned():
    post = _post(
        "text mentions @other #other https://other.example",
        mentions=["@AcmeCares", "acmecares"],
        hashtags=["#AcmeDown"],
        links=["https://given.example"],
    )
    out = _one(post)
    assert (out.mentions, out.hashtags, out.links) == (["acmecares"], ["acmedown"], ["https://given.example"])


def test_normalising_is_pure():
    post = _post("@Bob cafe\u0301 #Tag", created_at=datetime(2024, 1, 1, 12), extra={"k": [1]})
    before = copy.deepcopy(post)
    out = _one(post)
    assert post == before
    assert out is not post and out.mentions == ["bob"]
    assert normalise_posts([]) == []


def test_normalising_twice_changes_nothing():
    once = _one(
        _post("@Alice.bsky.social cafe\u0301 #Tag https://x.example.", created_at=datetime(2024, 1, 1))
    )
    assert _one(once) == once
