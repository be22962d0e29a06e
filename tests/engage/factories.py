from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tactful.records import Addressed, Analysis, AspectHit, BinaryScore, ClassScores, QueryMatch, StoredPost

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def make_post(
    text: str = "my flight was cancelled",
    *,
    addressed: bool = True,
    intent: str = "complaint",
    negative: float = 0.7,
    complaint: float = 0.9,
    offensive: bool = False,
    hate: bool = False,
    sensitive: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
    age_hours: float = 0.0,
    group: str = "brand",
    platform_id: str | None = None,
    thread_id: str | None = None,
    author: str = "u-1",
    at: datetime | None = None,
    aspects: tuple[str, ...] = (),
    sealed_contact: str | None = None,
) -> StoredPost:
    rest = (1 - negative) / 2
    analysis = Analysis(
        lang="en" if intent != "unscored" else "de",
        sentiment=ClassScores("negative" if negative >= 0.5 else "neutral",
                              {"negative": negative, "neutral": rest, "positive": rest}),
        intent=ClassScores(intent, {intent: 1.0}),
        complaint=BinaryScore(complaint >= 0.5, complaint),
        offensive=BinaryScore(offensive, 0.9 if offensive else 0.1),
        hate=BinaryScore(hate, 0.9 if hate else 0.1),
        addressed=Addressed(addressed, "mentions @acme" if addressed else "does not mention the brand"),
        sensitive=list(sensitive),
        aspects=[AspectHit(a, 0.8, "negative") for a in aspects],
    )
    return StoredPost(
        "bluesky", platform_id or f"id-{abs(hash((text, intent, addressed)))}", author, text,
        at or NOW - timedelta(hours=age_hours), thread_id=thread_id, sealed_contact=sealed_contact,
        author_flags=list(flags), matches=[QueryMatch("q", group)], analysis=analysis,
    )

