"""Everything held about a person, by kind: found, exported and erased through one registry.

Each kind of data about authors registers a ``SubjectData`` in ``subject_data``:
``export`` lists what it holds for a ``Subject`` (JSON-ready dicts), ``erase``
deletes it and returns counts per table. Built-ins: ``posts`` (posts with their
matches, analyses, aspects, decisions and vault entries) and ``aliases``. The
inbox registers its own kind (conversations, replies) with
``@subject_data.register("inbox")`` or the ``tactful.subject_data`` entry point,
and every erasure, opt-out, deletion sync and export then covers it too.

All functions take a connection inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa

from tactful.registry import Registry
from tactful.store.schema import (
    analyses,
    author_aliases,
    contact_vault,
    decisions,
    post_aspects,
    post_matches,
    posts,
)

Counts = dict[str, int]
_CHUNK = 400  # bound parameters per IN list, under every dialect's limit


@dataclass(frozen=True)
class Subject:
    """Whom (pseudonyms) or what (post ids) an operation covers."""

    pseudonyms: frozenset[str] = frozenset()
    post_ids: tuple[int, ...] = ()


class SubjectData(Protocol):
    def export(self, conn: sa.Connection, subject: Subject) -> list[dict[str, Any]]: ...

    def erase(self, conn: sa.Connection, subject: Subject) -> Counts: ...


subject_data: Registry[SubjectData] = Registry("subject data", entry_point_group="tactful.subject_data")

POST_CHILDREN = (post_matches, analyses, post_aspects, decisions, contact_vault)


@dataclass
class PostsData:
    """Posts and what hangs off them. Children are deleted explicitly: no reliance on FK cascades."""

    def export(self, conn: sa.Connection, subject: Subject) -> list[dict[str, Any]]:
        ids = post_ids_of(conn, subject)
        return [
            _export_post(conn, row)
            for chunk in _chunks(ids)
            for row in conn.execute(sa.select(posts).where(posts.c.id.in_(chunk)).order_by(posts.c.id))
        ]

    def erase(self, conn: sa.Connection, subject: Subject) -> Counts:
        counts: Counts = {}
        for chunk in _chunks(post_ids_of(conn, subject)):
            for table in (*POST_CHILDREN, posts):
                column = table.c.id if table is posts else table.c.post_id
                deleted = conn.execute(sa.delete(table).where(column.in_(chunk))).rowcount or 0
                counts[str(table.name)] = counts.get(str(table.name), 0) + deleted
        return counts


@dataclass
class AliasData:
    def export(self, conn: sa.Connection, subject: Subject) -> list[dict[str, Any]]:
        return []  # keyed hashes only: nothing a person could read

    def erase(self, conn: sa.Connection, subject: Subject) -> Counts:
        deleted = 0
        for chunk in _chunks(sorted(subject.pseudonyms)):
            deleted += (
                conn.execute(
                    sa.delete(author_aliases).where(
                        sa.or_(
                            author_aliases.c.alias.in_(chunk), author_aliases.c.author_pseudonym.in_(chunk)
                        )
                    )
                ).rowcount
                or 0
            )
        return {str(author_aliases.name): deleted}


subject_data.add("posts", PostsData())
subject_data.add("aliases", AliasData())


def erase(conn: sa.Connection, subject: Subject) -> Counts:
    """Delete everything every registered kind holds; the posts themselves go last."""
    counts: Counts = {}
    for name in _posts_last(subject_data.names()):
        for table, n in subject_data.get(name).erase(conn, subject).items():
            counts[table] = counts.get(table, 0) + n
    return counts


def export(conn: sa.Connection, subject: Subject) -> dict[str, list[dict[str, Any]]]:
    return {name: subject_data.get(name).export(conn, subject) for name in subject_data.names()}


def post_ids_of(conn: sa.Connection, subject: Subject) -> list[int]:
    ids = set(subject.post_ids)
    for chunk in _chunks(sorted(subject.pseudonyms)):
        ids.update(conn.execute(sa.select(posts.c.id).where(posts.c.author_pseudonym.in_(chunk))).scalars())
    return sorted(ids)


def post_ids_for_keys(conn: sa.Connection, keys: Sequence[tuple[str, str]]) -> list[int]:
    ids: list[int] = []
    for chunk in _chunks(list(dict.fromkeys(keys))):
        wanted = sa.tuple_(posts.c.platform, posts.c.platform_id).in_(chunk)
        ids.extend(conn.execute(sa.select(posts.c.id).where(wanted)).scalars())
    return ids


def _posts_last(names: Iterable[str]) -> list[str]:
    return sorted(names, key=lambda name: (name == "posts", name))


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _export_post(conn: sa.Connection, row: sa.Row[Any]) -> dict[str, Any]:
    """One post: what we hold, when we got it, and why we kept it (the queries it matched, the decision)."""
    matched = conn.execute(
        sa.select(post_matches.c.query_name, post_matches.c.query_group).where(
            post_matches.c.post_id == row.id
        )
    ).all()
    decision = conn.execute(sa.select(decisions).where(decisions.c.post_id == row.id)).first()
    analysis = conn.execute(sa.select(analyses.c.analysis).where(analyses.c.post_id == row.id)).scalar()
    vault = conn.execute(
        sa.select(contact_vault.c.created_at).where(contact_vault.c.post_id == row.id)
    ).scalar()
    return {
        "platform": row.platform,
        "platform_id": row.platform_id,
        "text": row.text,
        "text_purged": row.text == "",
        "created_at": row.created_at.isoformat(),
        "ingested_at": row.ingested_at.isoformat(),
        "source": row.source,
        "lang": row.lang,
        "reply_to_id": row.reply_to_id,
        "thread_id": row.thread_id,
        "mentions": row.mentions,
        "hashtags": row.hashtags,
        "links": row.links,
        "pii_removed": row.pii_types,
        "why_kept": {
            "matched_queries": [{"name": n, "group": g} for n, g in matched],
            "decision": _decision(decision),
        },
        "analysis": analysis,
        "contact_handle_kept_sealed_since": vault.isoformat() if vault is not None else None,
    }


def _decision(row: sa.Row[Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "action": row.action,
        "priority": row.priority,
        "team": row.team,
        "reasons": row.reasons,
        "explanation": row.explanation,
        "policy_version": row.policy_version,
    }


# The inbox's conversations are a built-in kind too (engage/inbox_subject.py registers ``inbox``);
# imported last because it imports this module's registry.
import tactful.engage.inbox_subject  # noqa: E402, F401
