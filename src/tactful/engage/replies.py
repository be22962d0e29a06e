"""Suggested replies: a library of templates keyed by intent and aspect, ranked for a post.

Templates are filled only with safe variables (see ``SAFE_VARIABLES``): never
PII, never facts the brand has not checked (order status, refunds) and never
promises. A template library that uses another variable or promises an
outcome is refused when it is loaded, so an agent is never handed one.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tactful.errors import ConfigError
from tactful.records import StoredPost

SAFE_VARIABLES = frozenset({"brand", "greeting", "first_name", "aspect", "team"})
PROMISE = re.compile(
    r"\b(will be (?:refunded|compensated|delivered|fixed|resolved)|guarantee[ds]?|we promise|"
    r"your (?:order|refund|booking|flight) (?:is|has been)|within \d+ (?:hours|days))\b",
    re.I,
)
FIRST_NAME = re.compile(r"^[^\W\d_]{2,20}$")
_TRAILING = ",!:;|·"  # not ".": "Dr." or "St." is a title, not a first name


def first_name(display_name: str | None, handle: str | None = None) -> str:
    """The first token of a public display name when it reads as a name, else ''.

    Only the first word, only letters (no digits, emoji, '@', '.', '_'), 2-20 of them,
    and not the author's handle again ("jane" for jane.bsky.social): a display name
    that is just the handle was not given as a name. Nothing else of the name is used.
    """
    tokens = (display_name or "").split()
    if not tokens:
        return ""
    token = tokens[0].rstrip(_TRAILING)
    if not FIRST_NAME.match(token):
        return ""
    local = (handle or "").lstrip("@").split("@")[0].split(".")[0].lower()
    return "" if token.lower() == local else token


class ReplyTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(description="Stable template id.")
    intent: str = Field(description="complaint, question, suggestion, praise or other.")
    aspects: tuple[str, ...] = Field(default=(), description="Aspects it fits best (empty: any).")
    text: str = Field(description="The text, with {variables} from the safe list only.")

    @field_validator("text")
    @classmethod
    def _safe(cls, text: str) -> str:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        unsafe = sorted(used - SAFE_VARIABLES)
        if unsafe:
            raise ValueError(f"unsafe variable {{{unsafe[0]}}} (allowed: {', '.join(sorted(SAFE_VARIABLES))})")
        if PROMISE.search(text):
            raise ValueError("a suggested reply must not state facts or promise an outcome")
        return text


@dataclass(frozen=True, slots=True)
class Suggestion:
    template_id: str
    text: str
    score: float


def load_templates(extra: list[dict[str, Any]] | None = None, *, source: str = "tactful.toml") -> list[ReplyTemplate]:
    shipped = tomllib.loads(
        resources.files("tactful.engage").joinpath("default_replies.toml").read_text(encoding="utf-8")
    )["templates"]
    try:
        return [ReplyTemplate.model_validate(t) for t in [*(extra or []), *shipped]]
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"{source}: key 'replies.{first['loc'][0]}': {first['msg']}") from None


def suggest(post: StoredPost, templates: list[ReplyTemplate], *, brand: str, team: str | None,
            first_name: str | None = None, limit: int = 3) -> list[Suggestion]:
    """The best templates for a post, filled in, best first. ``first_name`` comes from
    ``first_name(display name, handle)`` over the contact vault's card; '' or None: no name."""
    analysis = post.analysis
    intent = analysis.intent.label if analysis and analysis.intent else "other"
    aspects = [a.name for a in analysis.aspects] if analysis else []
    ranked = sorted(
        ((_score(t, intent, aspects), t) for t in templates),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    name = first_name if first_name and FIRST_NAME.match(first_name) else ""
    values = {
        "brand": brand,
        "greeting": f"Hi {name}, " if name else "Hi, ",
        "first_name": name,
        "aspect": aspects[0].replace("_", " ") if aspects else "this",
        "team": team or "support",
    }
    return [Suggestion(t.id, t.text.format(**values), score) for score, t in ranked[:limit] if score > 0]


def _score(template: ReplyTemplate, intent: str, aspects: list[str]) -> float:
    if template.intent != intent:
        return 0.0
    if not template.aspects:
        return 1.0
    return 2.0 if aspects and aspects[0] in template.aspects else 0.0
