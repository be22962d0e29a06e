"""Records to table rows and back: pure functions, no database in sight."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tactful.records import (
    Analysis,
    AspectHit,
    BinaryScore,
    Decision,
    Quarantined,
    QueryMatch,
    StoredPost,
    analysis_from_dict,
)

Row = dict[str, Any]


# The posts columns, named as the StoredPost fields they hold.
POST_COLUMNS = ("platform", "platform_id", "author_pseudonym", "text", "created_at", "ingested_at", "source",
                "lang", "reply_to_id", "thread_id", "replies_to_brand", "is_direct_message", "mentions",
                "hashtags", "links", "engagement", "author_flags", "pii_types")


def post_row(post: StoredPost) -> Row:
    return {column: getattr(post, column) for column in POST_COLUMNS}


def match_rows(post_id: int, matches: list[QueryMatch]) -> list[Row]:
    by_name = {m.name: m for m in matches}  # a query matches a post once
    return [{"post_id": post_id, "query_name": m.name, "query_group": m.group} for m in by_name.values()]


def analysis_row(post_id: int, analysis: Analysis) -> Row:
    sentiment = analysis.sentiment
    return {
        "post_id": post_id,
        "tier": analysis.tier,
        "lang": analysis.lang,
        "sentiment": sentiment.label if sentiment else None,
        "sentiment_score": sentiment.scores.get(sentiment.label) if sentiment else None,
        "emotion": analysis.emotion.label if analysis.emotion else None,
        "intent": analysis.intent.label if analysis.intent else None,
        "complaint": _probability(analysis.complaint),
        "irony": _probability(analysis.irony),
        "offensive": _probability(analysis.offensive),
        "hate": _probability(analysis.hate),
        "needs_response": _probability(analysis.needs_response),
        "addressed": analysis.addressed.label if analysis.addressed else None,
        # The record itself: the engine's JSON serializer (orjson) encodes dataclasses natively,
        # several times faster than records.to_dict; same JSON.
        "analysis": analysis,
    }


def _probability(score: BinaryScore | None) -> float | None:
    return score.score if score is not None else None


def aspect_rows(post_id: int, aspects: list[AspectHit]) -> list[Row]:
    strongest: dict[str, AspectHit] = {}
    for hit in aspects:  # one row per aspect: keep the strongest hit
        if hit.name not in strongest or hit.score > strongest[hit.name].score:
            strongest[hit.name] = hit
    return [{"post_id": post_id, "aspect": h.name, "score": h.score, "sentiment": h.sentiment}
            for h in strongest.values()]


def decision_row(post_id: int, decision: Decision) -> Row:
    return {"post_id": post_id, **decision_columns(decision)}


def decision_columns(decision: Decision) -> Row:
    return {
        "action": decision.action,
        "priority": decision.priority,
        "team": decision.team,
        "reasons": decision.reasons,
        "explanation": decision.explanation,
        "policy_version": decision.policy_version,
    }


# Decisions that may lead to answering the author: only these keep the sealed contact.
ANSWERABLE_ACTIONS = frozenset({"respond", "route"})


def vault_row(post_id: int, post: StoredPost, now: datetime) -> Row | None:
    """The sealed contact to keep, or None: without a decision to answer, it is dropped."""
    if post.sealed_contact is None or post.decision is None or post.decision.action not in ANSWERABLE_ACTIONS:
        return None
    return {"post_id": post_id, "sealed_contact": post.sealed_contact, "created_at": now}


def quarantine_row(item: Quarantined, now: datetime) -> Row:
    return {"source": item.source, "location": item.location, "reason": item.reason, "code": item.code,
            "created_at": now}


def stored_post(row: Any, matches: list[QueryMatch], analysis: dict[str, Any] | None,
                decision: Any | None) -> StoredPost:
    """A ``StoredPost`` from a ``posts`` row and its children (``sealed_contact`` is never stored here)."""
    values = {key: row._mapping[key] for key in POST_COLUMNS}
    return StoredPost(
        **values,
        matches=matches,
        analysis=analysis_from_dict(analysis) if analysis is not None else None,
        decision=_decision(decision) if decision is not None else None,
    )


def _decision(row: Any) -> Decision:
    return Decision(action=row.action, priority=row.priority, team=row.team, reasons=list(row.reasons),
                    explanation=row.explanation, policy_version=row.policy_version)
