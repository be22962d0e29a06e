"""A small, real SQLite store for the web tests: posts with analyses and decisions, and one user per role.

Posts are built the way the privacy gate stores them (pseudonymous author made
with the installation keyring), so an opt-out through the web finds them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tactful.config import Config, parse_config
from tactful.privacy.pseudonyms import Keyring, author_identity, load_keyring
from tactful.privacy.vault import ContactCard, seal_card
from tactful.records import Analysis, AspectHit, ClassScores, Decision, QueryMatch, StoredPost
from tactful.store import Store, open_store
from tactful.web.users import add_user

SECRET = "web-tests-installation-secret-0123456789abcdef"
WEB_SECRET = "web-tests-session-secret-0123456789abcdefghij"
ENV = {
    "TACTFUL_SECRET": SECRET,
    "TACTFUL_WEB_SECRET": WEB_SECRET,
    "TACTFUL_TEST_WEBHOOK_SECRET": "webhook-secret-for-tests-0123456789",
}
ROLES = ("viewer", "agent", "privacy_officer", "admin")
OPTED_OUT_HANDLE = "grumpy.flyer.example"  # the e2e test opts this author out
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

CONFIG = {
    "brand": {"name": "Skylark Airways", "handles": {"bluesky": ["skylarkair.bsky.social"]}},
    "queries": [
        {"name": "skylark", "group": "brand", "query": "skylark"},
        {"name": "northwind", "group": "competitor:northwind", "query": "northwind"},
    ],
    "sources": {"hooks": {"type": "webhook", "secret_env": "TACTFUL_TEST_WEBHOOK_SECRET"}},
}


def password(role: str) -> str:
    return f"password-for-{role}"


def config() -> Config:
    return parse_config(CONFIG)


def build_store(path: Path) -> Store:
    store = open_store(f"sqlite:///{path}")
    store.write_batch(seed_posts(), [])
    for role in ROLES:
        add_user(store.engine, role, password(role), role=role)
    return store


def seed_posts() -> list[StoredPost]:
    keyring = load_keyring("TACTFUL_SECRET", environ=ENV)
    posts = []
    for i in range(48):
        handle = OPTED_OUT_HANDLE if i % 8 == 0 else f"person{i % 5}.example"
        brand = i % 4 != 3
        negative = i % 3 == 0
        addressed = brand and negative
        text = (
            f"@skylarkair.bsky.social skylark lost my bag again, flight {i}"
            if addressed
            else f"{'skylark' if brand else 'northwind'} flight {i} was {'late' if negative else 'lovely'}"
        )
        posts.append(
            StoredPost(
                platform="bluesky",
                platform_id=f"post-{i}",
                author_pseudonym=keyring.pseudonym("bluesky", author_identity(None, handle)),
                text=text,
                created_at=START + timedelta(hours=5 * i),
                mentions=["skylarkair.bsky.social"] if addressed else [],
                replies_to_brand=False,
                matches=[
                    QueryMatch(
                        "skylark" if brand else "northwind", "brand" if brand else "competitor:northwind"
                    )
                ],
                sealed_contact=_card(i, handle, keyring) if addressed else None,
                analysis=_analysis(negative, addressed),
                decision=_decision(addressed),
            )
        )
    return posts


def raw_uri(i: int) -> str:
    """The raw at:// uri the vault keeps for seeded post ``i`` (what a reply is posted to)."""
    return f"at://did:plc:person{i}/app.bsky.feed.post/3kpost{i}"


def _card(i: int, handle: str, keyring: Keyring) -> str:
    return seal_card(ContactCard(handle, platform_id=raw_uri(i), cid=f"bafypost{i}"), keyring)


def _analysis(negative: bool, addressed: bool) -> Analysis:
    sentiment = "negative" if negative else "positive"
    intent = "complaint" if negative else "praise"
    return Analysis(
        lang="en",
        sentiment=ClassScores(sentiment, {sentiment: 0.9}),
        intent=ClassScores(intent, {intent: 0.8}),
        aspects=[AspectHit("baggage" if addressed else "crew", 0.8, sentiment)],
    )


def _decision(addressed: bool) -> Decision:
    if addressed:
        return Decision(
            "respond",
            80,
            "support",
            ["addressed", "intent.complaint"],
            "A complaint addressed to the brand: customers expect a response.",
            "default",
        )
    return Decision(
        "observe", 0, None, ["not_addressed"], "It talks about the brand without addressing it.", "default"
    )


@contextmanager
def environment() -> Iterator[None]:
    """The test secrets in os.environ for a moment (collection time), then as they were."""
    before = {name: os.environ.get(name) for name in ENV}
    os.environ.update(ENV)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


TOPIC = "wifi outage"  # grows in the newest days of topic_posts(), absent before


def topic_posts(count: int = 8, history: int = 80) -> list[StoredPost]:
    """A new problem in the seed's last days (one post leaks an email the gate should have caught),
    over ``history`` ordinary posts in the four weeks before, so it stands out against a real baseline."""
    newest = START + timedelta(hours=5 * 47)
    posts = [
        _post(
            f"topic-{i}",
            f"traveller{i}.example",
            f"skylark {TOPIC} on board again, flight {100 + i}"
            + (" write to jane.doe@example.com" if i == 0 else ""),
            newest - timedelta(hours=7 * i),
            "negative" if i % 4 != 3 else "positive",
        )
        for i in range(count)
    ]
    for i in range(history):
        negative = i % 3 == 0
        name = "skylark" if i % 4 != 3 else "northwind"
        text = f"{name} flight {200 + i} was {'late' if negative else 'lovely'}"
        when = newest - timedelta(days=8) - timedelta(hours=7 * i)
        posts.append(
            _post(
                f"history-{i}", f"person{i % 5}.example", text, when, "negative" if negative else "positive"
            )
        )
    return posts


def _post(platform_id: str, handle: str, text: str, when: datetime, sentiment: str) -> StoredPost:
    keyring = load_keyring("TACTFUL_SECRET", environ=ENV)
    group = "competitor:northwind" if text.startswith("northwind") else "brand"
    return StoredPost(
        platform="bluesky",
        platform_id=platform_id,
        author_pseudonym=keyring.pseudonym("bluesky", author_identity(None, handle)),
        text=text,
        created_at=when,
        matches=[QueryMatch(text.split()[0], group)],
        analysis=Analysis(
            lang="en",
            sentiment=ClassScores(sentiment, {sentiment: 0.9}),
            intent=ClassScores("complaint" if sentiment == "negative" else "praise", {"x": 0.8}),
            aspects=[],
        ),
        decision=_decision(False),
    )
