"""The role x route table: which area each route needs. Checked in, and tested route by route.

Every route the app serves must appear here (``authorize`` refuses one that does
not), so a new route cannot ship without a decision about who may use it.
Areas, not roles: a role grants areas (``users.ROLE_AREAS``) and an API token's
scopes narrow them. ``PUBLIC`` needs nothing; ``SIGNED_IN`` any signed-in user;
``SIGNED`` is checked by the route itself (the webhook's HMAC signature).

| role            | insights | inbox | privacy | admin |
|-----------------|----------|-------|---------|-------|
| viewer          | yes      |       |         |       |
| agent           | yes      | yes   |         |       |
| privacy_officer | yes      |       | yes     |       |
| admin           | yes      | yes   | yes     | yes   |
"""

from __future__ import annotations

PUBLIC = "public"
SIGNED_IN = "signed_in"
SIGNED = "signed"

ACCESS: dict[tuple[str, str], str] = {
    # signing in and out
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): SIGNED_IN,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/api/openapi.json"): PUBLIC,
    ("GET", "/api/me"): SIGNED_IN,
    # pushed posts: HMAC-signed by the sender (web/webhook.py)
    ("POST", "/ingest/webhook/{source}"): SIGNED,
    # insights: every role
    ("GET", "/"): "insights",
    ("GET", "/posts"): "insights",
    ("GET", "/insights/{section}"): "insights",
    ("GET", "/partials/query-check"): "insights",
    ("GET", "/api/dashboard"): "insights",
    ("GET", "/api/insights/volume"): "insights",
    ("GET", "/api/insights/intent"): "insights",
    ("GET", "/api/insights/share-of-voice"): "insights",
    ("GET", "/api/insights/drivers"): "insights",
    ("GET", "/api/insights/topics"): "insights",
    ("GET", "/api/insights/alerts"): "insights",
    ("GET", "/api/posts"): "insights",
    ("POST", "/api/query/validate"): "insights",
    ("GET", "/api/policy"): "insights",
    ("GET", "/events/alerts"): "insights",
    # the inbox: agents
    ("GET", "/inbox"): "inbox",
    ("GET", "/inbox/{item_id}"): "inbox",
    ("POST", "/inbox/{item_id}/assign"): "inbox",
    ("POST", "/inbox/{item_id}/reply"): "inbox",
    ("POST", "/inbox/{item_id}/resolve"): "inbox",
    ("GET", "/api/inbox"): "inbox",
    ("GET", "/api/inbox/{item_id}"): "inbox",
    ("POST", "/api/inbox/claim"): "inbox",
    ("POST", "/api/inbox/{item_id}/assign"): "inbox",
    ("POST", "/api/inbox/{item_id}/note"): "inbox",
    ("POST", "/api/inbox/{item_id}/reply"): "inbox",
    ("POST", "/api/inbox/{item_id}/resolve"): "inbox",
    ("GET", "/events/inbox"): "inbox",
    # privacy: privacy officers
    ("GET", "/privacy"): "privacy",
    ("POST", "/privacy/optout"): "privacy",
    ("POST", "/privacy/subject"): "privacy",
    ("POST", "/api/privacy/optouts"): "privacy",
    ("POST", "/api/privacy/subject/export"): "privacy",
    ("POST", "/api/privacy/subject/erase"): "privacy",
    ("GET", "/api/privacy/audit"): "privacy",
    ("GET", "/api/privacy/audit/verify"): "privacy",
    ("GET", "/api/privacy/retention"): "privacy",
    ("POST", "/api/privacy/identity"): "privacy",
    # settings and users: admins
    ("GET", "/settings"): "admin",
    ("POST", "/settings/users"): "admin",
    ("POST", "/settings/policy/dry-run"): "admin",
    ("GET", "/api/users"): "admin",
    ("POST", "/api/users"): "admin",
    ("POST", "/api/users/{username}/tokens"): "admin",
    ("GET", "/api/settings/queries"): "admin",
    ("POST", "/api/settings/queries"): "admin",
    ("PUT", "/api/settings/queries/{name}"): "admin",
    ("DELETE", "/api/settings/queries/{name}"): "admin",
    ("POST", "/settings/queries"): "admin",
    ("POST", "/settings/queries/{name}"): "admin",
    ("POST", "/settings/queries/{name}/remove"): "admin",
    ("POST", "/api/settings/policy/dry-run"): "admin",
}


def required_area(method: str, path: str) -> str | None:
    """The area a route needs; None for a route missing from the table (refused)."""
    if method == "HEAD":
        method = "GET"
    return ACCESS.get((method, path))
