"""The JSON API under ``/api``: a few lines per route around ``views``; roles in ``access.py``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from pydantic import BaseModel, Field

from tactful.privacy.contact_vault import open_contact_for
from tactful.records import utcnow
from tactful.web import insight_data, views
from tactful.web.auth import authorize, current_user
from tactful.web.context import context_of
from tactful.web.paging import PageParams
from tactful.web.query_settings import QueryChange
from tactful.web.users import ROLES, add_user, issue_token, list_users

router = APIRouter(prefix="/api", dependencies=[Depends(authorize)])
Json = dict[str, Any]


class PersonRequest(BaseModel):
    platform: str = Field(min_length=1, max_length=32, description="The person's platform, e.g. bluesky.")
    handle: str = Field(min_length=1, max_length=255, description="Their handle (only hashed, never stored).")


class IdentityRequest(BaseModel):
    platform: str = Field(min_length=1, max_length=32)
    platform_id: str = Field(min_length=1, max_length=255, description="The post whose author to contact.")
    why: str = Field(
        min_length=3, max_length=500, description="Why the handle is needed (kept in the audit log)."
    )


class AssignRequest(BaseModel):
    person: str | None = Field(default=None, max_length=255)
    team: str | None = Field(default=None, max_length=64)


class ClaimRequest(BaseModel):
    team: str | None = Field(default=None, max_length=64, description="Only this team's items.")


class TextRequest(BaseModel):
    text: str = Field(min_length=1, max_length=5000)


class ReplyRequest(TextRequest):
    confirm: bool = Field(
        default=False,
        description="Post publicly through the platform's connector (needed when one is set up).",
    )


class QueryRequest(BaseModel):
    query: str = Field(max_length=10_000)


class NewUser(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=10, max_length=1024)
    role: Literal["viewer", "agent", "privacy_officer", "admin"]


class NewToken(BaseModel):
    name: str = Field(default="api", min_length=1, max_length=64)
    days: int = Field(default=30, ge=1, le=366)
    scopes: list[Literal["insights", "inbox", "privacy", "admin"]] | None = None


class NewQuery(BaseModel):
    name: str = Field(
        min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", description="A unique name."
    )
    group: str = Field(default="brand", max_length=100, description="brand, product or competitor:<name>.")
    query: str = Field(min_length=1, max_length=10_000, description="The query (docs/query.md).")


class QueryEdit(BaseModel):
    group: str = Field(default="brand", max_length=100, description="brand, product or competitor:<name>.")
    query: str = Field(min_length=1, max_length=10_000, description="The query (docs/query.md).")
    previous_query: str | None = Field(
        default=None,
        max_length=10_000,
        description="The query as you last read it: if the file says otherwise now, the answer is 409.",
    )


class DraftPolicy(BaseModel):
    policy_toml: str = Field(
        default="", max_length=100_000, description="A [policy] section, as in tactful.toml."
    )


def _actor(request: Request) -> str:
    return f"web:{current_user(request).username}"


# --- who am I ---------------------------------------------------------------------------------------


@router.get("/me")
def me(request: Request) -> Json:
    return current_user(request).to_json()


# --- insights ---------------------------------------------------------------------------------------


@router.get("/dashboard")
def dashboard(request: Request) -> Json:
    return views.dashboard(context_of(request))


@router.get("/insights/volume")
def volume(request: Request) -> Json:
    return insight_data.volume(context_of(request).store.engine)


@router.get("/insights/intent")
def intent(request: Request) -> Json:
    return insight_data.intent_mix(context_of(request).store.engine)


@router.get("/insights/share-of-voice")
def share_of_voice(request: Request) -> Json:
    return insight_data.share_of_voice(context_of(request).store.engine)


@router.get("/insights/drivers")
def drivers(request: Request) -> Json:
    return insight_data.drivers(context_of(request).store.engine)


@router.get("/insights/topics")
def topics(
    request: Request,
    p: PageParams,
    days: int = Query(7, ge=1, le=90, description="The period: the newest N days, against the 4N before."),
) -> Json:
    """Emerging topics: phrases new or growing, with their sentiment mix and redacted example posts."""
    ctx = context_of(request)
    found = insight_data.topics(
        ctx.store.engine,
        days=days,
        limit=p.offset + p.limit + 1,
        brand_handles=ctx.config.brand.all_handles(),
    )
    return {**p.cut(found), "days": days}


@router.get("/insights/alerts")
def alerts(request: Request, p: PageParams) -> Json:
    return p.cut(insight_data.alerts(context_of(request).store.engine))


@router.get("/posts")
def posts(
    request: Request,
    p: PageParams,
    q: str = Query("", max_length=10_000, description="A query (docs/query.md)."),
    cursor: str | None = Query(None, max_length=64, description="Continue after a page: its `next_cursor`."),
) -> Json:
    return views.search_posts(context_of(request), q, p, cursor)


@router.post("/query/validate")
def validate_query(body: QueryRequest) -> Json:
    return views.check_query(body.query)


@router.get("/policy")
def policy(request: Request) -> Json:
    return views.policy_info(context_of(request))


# --- inbox ------------------------------------------------------------------------------------------


@router.get("/inbox")
def inbox(
    request: Request,
    p: PageParams,
    status: Literal["new", "assigned", "waiting_on_customer", "resolved"] | None = None,
    team: str | None = None,
    assignee: str | None = None,
) -> Json:
    return views.inbox_list(context_of(request), p, status=status, team=team, assignee=assignee)


@router.get("/inbox/{item_id}")
def inbox_item(request: Request, item_id: int) -> Json:
    return views.inbox_item(context_of(request), item_id)


@router.post("/inbox/claim")
def inbox_claim(request: Request, body: ClaimRequest | None = None) -> Json:
    """Assign the most urgent unowned item to you; two agents never get the same one."""
    person = current_user(request).username
    return views.inbox_claim(context_of(request), _actor(request), person, body.team if body else None)


@router.post("/inbox/{item_id}/assign")
def inbox_assign(request: Request, item_id: int, body: AssignRequest) -> Json:
    return views.inbox_assign(context_of(request), item_id, _actor(request), body.person, body.team)


@router.post("/inbox/{item_id}/note")
def inbox_note(request: Request, item_id: int, body: TextRequest) -> Json:
    note = context_of(request).inbox.note(item_id, body.text, actor=_actor(request))
    return {"at": note.at.isoformat(), "author": note.author, "text": note.text}


@router.post("/inbox/{item_id}/reply")
def inbox_reply(request: Request, item_id: int, body: ReplyRequest) -> Json:
    return views.inbox_reply(context_of(request), item_id, _actor(request), body.text, confirm=body.confirm)


@router.post("/inbox/{item_id}/resolve")
def inbox_resolve(request: Request, item_id: int) -> Json:
    return views.inbox_resolve(context_of(request), item_id, _actor(request))


# --- privacy ----------------------------------------------------------------------------------------


@router.post("/privacy/optouts")
def optout(request: Request, body: PersonRequest) -> Json:
    return views.opt_out_person(context_of(request), body.platform, body.handle, _actor(request))


@router.post("/privacy/subject/export")
def subject_export(request: Request, body: PersonRequest) -> Json:
    return views.subject_request(context_of(request), "export", body.platform, body.handle, _actor(request))


@router.post("/privacy/subject/erase")
def subject_erase(request: Request, body: PersonRequest) -> Json:
    return views.subject_request(context_of(request), "erase", body.platform, body.handle, _actor(request))


@router.get("/privacy/audit")
def audit(request: Request, p: PageParams) -> Json:
    return views.audit_entries(context_of(request), p)


@router.get("/privacy/audit/verify")
def audit_verify(request: Request) -> Json:
    return views.audit_verify(context_of(request))


@router.post("/privacy/identity")
def identity(request: Request, body: IdentityRequest) -> Json:
    """Open the contact vault for one answerable post: the raw handle, audited (identity.view) first."""
    ctx = context_of(request)
    handle = open_contact_for(
        ctx.store.engine,
        ctx.keyring(),
        (body.platform, body.platform_id),
        actor=_actor(request),
        why=body.why,
    )
    return {"handle": handle, "note": "this view is recorded in the audit log"}


@router.get("/privacy/retention")
def retention(request: Request) -> Json:
    return {"items": views.retention_status(context_of(request))}


# --- admin ------------------------------------------------------------------------------------------


@router.get("/users")
def users(request: Request, p: PageParams) -> Json:
    return p.cut(list_users(context_of(request).store.engine))


@router.post("/users", status_code=201)
def create_user(request: Request, body: NewUser) -> Json:
    user = add_user(context_of(request).store.engine, body.username, body.password, role=body.role)
    return user.to_json()


@router.post("/users/{username}/tokens", status_code=201)
def create_token(
    request: Request, username: str, body: Annotated[NewToken, Body(default_factory=NewToken)]
) -> Json:
    token = issue_token(
        context_of(request).store.engine,
        username,
        name=body.name,
        days=body.days,
        scopes=list(body.scopes) if body.scopes else None,
        now=utcnow(),
    )
    return {"token": token, "note": "shown once: only its SHA-256 hash is stored"}


@router.get("/settings/queries")
def settings_queries(request: Request) -> Json:
    return {"items": views.queries(context_of(request)), "roles": list(ROLES)}


@router.post("/settings/queries", status_code=201)
def add_query(request: Request, body: NewQuery) -> Json:
    """Add a brand query to the config file (audited as a config change)."""
    change = QueryChange("add", body.name, group=body.group, query=body.query)
    return views.save_query(context_of(request), change, _actor(request))


@router.put("/settings/queries/{name}")
def edit_query(request: Request, name: str, body: QueryEdit) -> Json:
    """Change a query's group and text in the config file (audited as a config change)."""
    change = QueryChange("edit", name, group=body.group, query=body.query, previous=body.previous_query)
    return views.save_query(context_of(request), change, _actor(request))


@router.delete("/settings/queries/{name}")
def remove_query(request: Request, name: str) -> Json:
    """Remove a query from the config file (audited as a config change)."""
    return views.save_query(context_of(request), QueryChange("remove", name), _actor(request))


@router.post("/settings/policy/dry-run")
def policy_dry_run(request: Request, body: DraftPolicy) -> Json:
    return views.policy_dry_run(context_of(request), body.policy_toml)
