"""The one output schema of ``tactful enrich``, whichever engine ran it, and the row <-> record mapping.

Each row is one ``StoredPost``: redacted text and a pseudonymous author (never a raw
handle, never the sealed contact), the matched queries, the main labels flattened
for SQL and dataframe use, the full analysis as JSON, and the decision. Files are
partitioned by ``day`` (UTC date of ``created_at``, a Hive partition column: it is
the folder name, ``day=2024-05-01``, not a column inside the files).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import pyarrow as pa

from tactful.records import (
    Analysis,
    BinaryScore,
    ClassScores,
    Decision,
    Quarantined,
    QueryMatch,
    StoredPost,
    analysis_from_dict,
    to_dict,
)
from tactful.store.rows import decision_columns

PARTITION = "day"
_TIME = pa.timestamp("us", tz="UTC")
_TEXTS = pa.list_(pa.string())
CLASS_LABELS = ("sentiment", "emotion", "intent")
BINARY_LABELS = ("complaint", "irony", "offensive", "hate", "needs_response")

POST_FIELDS = [
    pa.field("platform", pa.string(), nullable=False),
    pa.field("platform_id", pa.string(), nullable=False),
    pa.field("author_pseudonym", pa.string(), nullable=False),
    pa.field("text", pa.string(), nullable=False),  # redacted
    pa.field("created_at", _TIME, nullable=False),
    pa.field("source", pa.string()),
    pa.field("lang", pa.string()),  # as declared by the platform
    pa.field("reply_to_id", pa.string()),
    pa.field("thread_id", pa.string()),
    pa.field("replies_to_brand", pa.bool_()),
    pa.field("is_direct_message", pa.bool_()),
    pa.field("mentions", _TEXTS),
    pa.field("hashtags", _TEXTS),
    pa.field("links", _TEXTS),
    pa.field("engagement", pa.string()),  # JSON object: likes, reposts, replies, quotes
    pa.field("author_flags", _TEXTS),
    pa.field("matched_queries", _TEXTS),  # query names, in config order
    pa.field("matched_groups", _TEXTS),  # their groups, aligned with matched_queries
    pa.field("pii_types", pa.string()),  # JSON object: PII type -> how many were redacted
]
ANALYSIS_FIELDS = [
    pa.field("analysis_lang", pa.string()),
    *[pa.field(name, pa.string()) for name in CLASS_LABELS],
    *[pa.field(f"{name}_score", pa.float64()) for name in CLASS_LABELS],
    *[pa.field(name, pa.bool_()) for name in BINARY_LABELS],
    *[pa.field(f"{name}_score", pa.float64()) for name in BINARY_LABELS],
    pa.field("addressed", pa.bool_()),
    pa.field("aspects", _TEXTS),
    pa.field("analysis", pa.string()),  # the whole Analysis as JSON (scores per class, versions)
]
DECISION_FIELDS = [
    pa.field("action", pa.string()),
    pa.field("priority", pa.int32()),
    pa.field("team", pa.string()),
    pa.field("reasons", _TEXTS),
    pa.field("explanation", pa.string()),
    pa.field("policy_version", pa.string()),
    pa.field("enriched_at", _TIME),
]
OUTPUT_SCHEMA = pa.schema([*POST_FIELDS, *ANALYSIS_FIELDS, *DECISION_FIELDS])
"""One row per post written; plus the ``day`` partition."""

QUARANTINE_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("location", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("code", pa.string()),
    ]
)


def day_of(created_at: datetime) -> str:
    return created_at.date().isoformat()  # created_at is UTC (the parse stage guarantees it)


def to_table(posts: Iterable[StoredPost]) -> pa.Table:
    """Posts as rows of ``OUTPUT_SCHEMA``, with the ``day`` partition column last."""
    rows = [to_row(post) for post in posts]
    table = pa.Table.from_pylist(rows, schema=OUTPUT_SCHEMA)
    return table.append_column(PARTITION, pa.array([day_of(r["created_at"]) for r in rows], pa.string()))


def quarantine_table(quarantined: Iterable[Quarantined]) -> pa.Table:
    return pa.Table.from_pylist([to_dict(q) for q in quarantined], schema=QUARANTINE_SCHEMA)


def to_row(post: StoredPost) -> dict[str, Any]:
    return {
        **_post_columns(post),
        **_analysis_columns(post.analysis),
        **_decision_columns(post.decision),
        "enriched_at": post.ingested_at,
    }


def _post_columns(post: StoredPost) -> dict[str, Any]:
    return {
        "platform": post.platform,
        "platform_id": post.platform_id,
        "author_pseudonym": post.author_pseudonym,
        "text": post.text,
        "created_at": post.created_at,
        "source": post.source,
        "lang": post.lang,
        "reply_to_id": post.reply_to_id,
        "thread_id": post.thread_id,
        "replies_to_brand": post.replies_to_brand,
        "is_direct_message": post.is_direct_message,
        "mentions": post.mentions,
        "hashtags": post.hashtags,
        "links": post.links,
        "engagement": _json(post.engagement),
        "author_flags": post.author_flags,
        "matched_queries": [m.name for m in post.matches],
        "matched_groups": [m.group for m in post.matches],
        "pii_types": _json(post.pii_types),
    }


def _analysis_columns(analysis: Analysis | None) -> dict[str, Any]:
    if analysis is None:
        return {}
    out: dict[str, Any] = {
        "analysis_lang": analysis.lang,
        "analysis": _json(to_dict(analysis)),
        "aspects": [hit.name for hit in analysis.aspects],
        "addressed": analysis.addressed.label if analysis.addressed else None,
    }
    for name in CLASS_LABELS:
        scores: ClassScores | None = getattr(analysis, name)
        if scores is not None:
            out[name], out[f"{name}_score"] = scores.label, scores.scores.get(scores.label)
    for name in BINARY_LABELS:
        binary: BinaryScore | None = getattr(analysis, name)
        if binary is not None:
            out[name], out[f"{name}_score"] = binary.label, binary.score
    return out


def _decision_columns(decision: Decision | None) -> dict[str, Any]:
    return decision_columns(decision) if decision is not None else {}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- back to records (tactful load-enriched) --------------------------------------------------


def stored_posts(table: pa.Table | pa.RecordBatch) -> Iterator[StoredPost]:
    """The ``StoredPost`` of each row (``sealed_contact`` is never in the files: it stays None)."""
    for row in table.to_pylist():
        yield from_row(row)


def from_row(row: dict[str, Any]) -> StoredPost:
    post = StoredPost(
        platform=row["platform"],
        platform_id=row["platform_id"],
        author_pseudonym=row["author_pseudonym"],
        text=row["text"],
        created_at=row["created_at"],
        source=row.get("source") or "",
        lang=row.get("lang"),
        reply_to_id=row.get("reply_to_id"),
        thread_id=row.get("thread_id"),
        replies_to_brand=bool(row.get("replies_to_brand")),
        is_direct_message=bool(row.get("is_direct_message")),
        mentions=list(row.get("mentions") or []),
        hashtags=list(row.get("hashtags") or []),
        links=list(row.get("links") or []),
        engagement=json.loads(row.get("engagement") or "{}"),
        author_flags=list(row.get("author_flags") or []),
        matches=[
            QueryMatch(n, g)
            for n, g in zip(row.get("matched_queries") or [], row.get("matched_groups") or [], strict=True)
        ],
        pii_types=json.loads(row.get("pii_types") or "{}"),
        analysis=analysis_from_dict(json.loads(row["analysis"])) if row.get("analysis") else None,
        decision=_decision(row),
    )
    if row.get("enriched_at") is not None:
        post.ingested_at = row["enriched_at"]
    return post


def _decision(row: dict[str, Any]) -> Decision | None:
    if row.get("action") is None:
        return None
    return Decision(
        action=row["action"],
        priority=int(row["priority"] or 0),
        team=row.get("team"),
        reasons=list(row.get("reasons") or []),
        explanation=row.get("explanation") or "",
        policy_version=row.get("policy_version") or "",
    )
