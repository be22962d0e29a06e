"""What the pages and the API show, as plain data: each function calls the core modules.

Handlers in ``api.py`` (JSON) and ``pages.py`` (HTML) are a few lines around
these, so the two never disagree. Nothing here returns an author's handle: posts
are stored redacted and pseudonymous.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import asdict
from typing import Any

import sqlalchemy as sa

from tactful.engage.facts import facts_for
from tactful.engage.policy import build_policy
from tactful.engage.replies import suggest
from tactful.engage.sending import find_connector, posting_configured, send_reply
from tactful.errors import QuerySyntaxError, UsageError
from tactful.privacy.audit import AuditLog
from tactful.privacy.identity import identity_hashes
from tactful.privacy.optouts import opt_out
from tactful.privacy.retention import Kind, cutoffs
from tactful.privacy.subject import erase_subject, export_subject
from tactful.query.parser import parse_query
from tactful.records import StoredPost, utcnow
from tactful.store import post_search
from tactful.store.post_search import Cursor
from tactful.store.schema import audit_log, contact_vault, inbox_conversations, posts
from tactful.web import insight_data, query_settings
from tactful.web.context import WebContext
from tactful.web.paging import Page
from tactful.web.query_settings import QueryChange

# --- insights -------------------------------------------------------------------------------------


def dashboard(ctx: WebContext) -> dict[str, Any]:
    engine = ctx.store.engine
    return {
        "total_posts": ctx.store.count_posts(),
        "volume": insight_data.volume(engine),
        "intent": insight_data.intent_mix(engine),
        "share_of_voice": insight_data.share_of_voice(engine),
        "alerts": insight_data.alerts(engine)[:5],
        "policy_warnings": policy_warnings(ctx),
    }


def post_json(post: StoredPost) -> dict[str, Any]:
    analysis = post.analysis
    return {
        "platform": post.platform,
        "platform_id": post.platform_id,
        "created_at": post.created_at.isoformat(),
        "text": post.text,
        "author": post.author_pseudonym[:12],
        "lang": post.lang,
        "groups": sorted({m.group for m in post.matches}),
        "sentiment": analysis.sentiment.label if analysis and analysis.sentiment else None,
        "intent": analysis.intent.label if analysis and analysis.intent else None,
        "aspects": [a.name for a in analysis.aspects] if analysis else [],
        "decision": asdict(post.decision) if post.decision else None,
    }


def search_posts(ctx: WebContext, query: str, page: Page, cursor: str | None = None) -> dict[str, Any]:
    """Newest posts first, filtered by a query in the query language, over every stored post.

    ``cursor`` (from ``next_cursor``) continues after a page; ``offset`` is kept for links made
    before cursors. ``total`` is given when this request saw every match, else None.
    """
    after = Cursor.decode(cursor) if cursor else None
    found = post_search.search_posts(ctx.store, query, limit=page.limit, after=after,
                                     skip=0 if after else page.offset)
    return {
        "items": [post_json(p) for p in found.posts],
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.offset + page.limit if found.more and after is None else None,
        "next_cursor": found.next_cursor.encode() if found.next_cursor else None,
        "total": found.total,
    }


def check_query(query: str) -> dict[str, Any]:
    """Parse a query: ok, or the parser's message and the 1-based column it points at."""
    if not query.strip():
        return {"ok": False, "message": "type a query, e.g. skylark AND (delay* OR cancel*)", "column": None}
    try:
        parse_query(query)
    except QuerySyntaxError as exc:
        return {"ok": False, "message": exc.message, "column": exc.column, "expected": exc.expected}
    return {"ok": True, "message": "the query is valid", "column": None}


# --- inbox -----------------------------------------------------------------------------------------


def inbox_list(
    ctx: WebContext,
    page: Page,
    *,
    status: str | None = None,
    team: str | None = None,
    assignee: str | None = None,
) -> dict[str, Any]:
    ctx.inbox.sync()
    now = utcnow()
    items = ctx.inbox.items(
        status=status,
        team=team,
        assignee=assignee,
        include_resolved=status == "resolved",
        limit=page.offset + page.limit + 1,
    )
    return page.cut([c.to_json(ctx.inbox.sla(c, now)) for c in items])


def inbox_item(ctx: WebContext, item_id: int) -> dict[str, Any]:
    inbox = ctx.inbox
    conversation = inbox.get(item_id)
    thread = inbox.posts(item_id)
    suggestions = (
        suggest(thread[-1], ctx.reply_templates, brand=ctx.config.brand.name, team=conversation.team)
        if thread
        else []
    )
    return {
        "item": conversation.to_json(inbox.sla(conversation, utcnow())),
        "posts": [post_json(p) for p in thread],
        "suggestions": [asdict(s) for s in suggestions],
        "history": [asdict(e) for e in inbox.history(item_id)],
        "notes": [asdict(n) for n in inbox.notes(item_id)],
        "replies": [asdict(r) for r in inbox.replies(item_id)],
        "posting": posting_platform(ctx, conversation.platform),
    }


def inbox_assign(
    ctx: WebContext, item_id: int, actor: str, person: str | None, team: str | None
) -> dict[str, Any]:
    return ctx.inbox.assign(item_id, actor=actor, person=person or None, team=team or None).to_json()


def inbox_claim(ctx: WebContext, actor: str, person: str, team: str | None) -> dict[str, Any]:
    ctx.inbox.sync()
    claimed = ctx.inbox.claim_next(actor=actor, person=person, team=team or None)
    return {"item": claimed.to_json() if claimed is not None else None}


def inbox_reply(
    ctx: WebContext, item_id: int, actor: str, text: str, *, confirm: bool = False
) -> dict[str, Any]:
    """Posted through the platform when a connector is configured and the agent confirmed (else
    E100 asks for it); recorded as sent by hand where no connector can post."""
    connector = find_connector(ctx.inbox.get(item_id).platform, ctx.send_settings)
    reply = send_reply(
        ctx.inbox, item_id, text, actor=actor, settings=ctx.send_settings, connector=connector,
        confirmed=confirm, keyring=ctx.keyring() if connector is not None else None,
    )
    return asdict(reply)


def posting_platform(ctx: WebContext, platform: str) -> str | None:
    """The platform a reply to this item would be posted on, or None when it is recorded by hand."""
    return platform if posting_configured(platform, ctx.send_settings) else None


def inbox_resolve(ctx: WebContext, item_id: int, actor: str) -> dict[str, Any]:
    return ctx.inbox.resolve(item_id, actor=actor).to_json()


def inbox_counts(ctx: WebContext) -> dict[str, int]:
    query = sa.select(inbox_conversations.c.status, sa.func.count()).group_by(inbox_conversations.c.status)
    with ctx.store.engine.connect() as conn:
        return {str(s): int(n) for s, n in conn.execute(query)}


# --- privacy ---------------------------------------------------------------------------------------


def opt_out_person(ctx: WebContext, platform: str, handle: str, actor: str) -> dict[str, Any]:
    hashes = identity_hashes(ctx.keyring(), platform, handle=_handle(handle))
    return {"opted_out": True, "erased": opt_out(ctx.store.engine, hashes, via="api", actor=actor)}


def subject_request(ctx: WebContext, kind: str, platform: str, handle: str, actor: str) -> dict[str, Any]:
    if kind == "export":
        return export_subject(
            ctx.store.engine, ctx.keyring(), platform=platform, handle=_handle(handle), actor=actor
        )
    if kind == "erase":
        counts = erase_subject(
            ctx.store.engine, ctx.keyring(), platform=platform, handle=_handle(handle), actor=actor
        )
        return {"erased": counts}
    raise UsageError("a subject request is 'export' or 'erase'")


def audit_entries(ctx: WebContext, page: Page) -> dict[str, Any]:
    query = sa.select(audit_log).order_by(audit_log.c.seq.desc()).offset(page.offset).limit(page.limit + 1)
    with ctx.store.engine.connect() as conn:
        rows = [
            {k: v for k, v in row._mapping.items() if k not in ("prev_hash",)} for row in conn.execute(query)
        ]
    return page.window(rows)


def audit_verify(ctx: WebContext) -> dict[str, Any]:
    log = AuditLog(ctx.store.engine)
    check = log.verify()
    return {"ok": check.ok, "checked": check.checked, "problem": check.problem, "head": log.head().hash[:16]}


def retention_status(ctx: WebContext) -> list[dict[str, Any]]:
    limits = cutoffs(ctx.config.retention, utcnow())
    due: dict[Kind, sa.Select[Any]] = {
        "raw_text": sa.select(sa.func.count()).where(
            posts.c.created_at < limits["raw_text"], posts.c.text != ""
        ),
        "vault": sa.select(sa.func.count()).where(contact_vault.c.created_at < limits["vault"]),
        "inbox": sa.select(sa.func.count()).where(inbox_conversations.c.updated_at < limits["inbox"]),
        "audit": sa.select(sa.func.count()).where(audit_log.c.at < limits["audit"].isoformat()),
    }
    days = ctx.config.retention.model_dump()
    with ctx.store.engine.connect() as conn:
        return [
            {
                "kind": kind,
                "days": days[f"{kind}_days"],
                "cutoff": limits[kind].isoformat(timespec="seconds"),
                "due_for_purge": int(conn.execute(query).scalar_one()),
            }
            for kind, query in due.items()
        ]


def _handle(handle: str) -> str:
    handle = handle.strip().lstrip("@")
    if not handle:
        raise UsageError("give the person's handle")
    return handle


# --- settings --------------------------------------------------------------------------------------


def policy_info(ctx: WebContext) -> dict[str, Any]:
    policy = ctx.policy
    return {"version": policy.version, "rules": len(policy.rules), "warnings": policy_warnings(ctx)}


FLAG_SET_WARNING = (
    "The policy sets i_understand_this_is_unsolicited = true: the guard against answering people "
    "who did not address the brand is off. No rule uses it yet; remove the setting to turn the guard back on."
)


def policy_warnings(ctx: WebContext) -> list[str]:
    """The policy's own warnings, and one when the unsolicited guard is off though no rule needs it."""
    warnings = list(ctx.policy.warnings)
    if not warnings and ctx.config.policy.get("i_understand_this_is_unsolicited") is True:
        warnings.append(FLAG_SET_WARNING)
    return warnings


def queries(ctx: WebContext) -> list[dict[str, Any]]:
    return [{**q.model_dump(), "check": check_query(q.query)} for q in ctx.config.queries]


def save_query(ctx: WebContext, change: QueryChange, actor: str) -> dict[str, Any]:
    """Write one query change to the config file (audited); this app uses it at once."""
    saved = query_settings.save_query(ctx.config, change, actor=actor, engine=ctx.store.engine)
    ctx.config = ctx.config.model_copy(update={"queries": saved.queries})  # only the queries, nothing else
    return {"items": queries(ctx), "note": query_settings.EFFECT}


def policy_dry_run(ctx: WebContext, policy_toml: str, *, recent: int = 500) -> dict[str, Any]:
    """Decide the newest stored posts again under a draft policy, storing nothing."""
    try:
        section = tomllib.loads(policy_toml) if policy_toml.strip() else {}
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"the draft policy is not valid TOML: {exc}") from None
    draft = build_policy(section.get("policy", section) or None, source="draft policy")
    newest = sorted(ctx.store.iter_posts(), key=lambda p: p.created_at, reverse=True)[:recent]
    now = utcnow()
    changes: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    for post in newest:
        decision = draft.decide(facts_for(post, now=now))
        actions[decision.action] += 1
        before = post.decision.action if post.decision else "none"
        if before != decision.action:
            changes[f"{before} -> {decision.action}"] += 1
    return {
        "posts": len(newest),
        "actions": dict(actions),
        "changes": dict(changes),
        "warnings": list(draft.warnings),
    }
