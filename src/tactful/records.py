"""The record types every pipeline stage passes along.

One place for the shapes of data in tactful:

* ``Post``: a public post as a source delivered it, normalised, still carrying
  the author's raw identity. It lives only in memory, between ``parse`` and the
  privacy gate.
* ``StoredPost``: what may be stored. No raw handle, no raw PII: the privacy
  gate turns a ``Post`` into a ``StoredPost`` (pseudonymous author, redacted
  text, the raw contact sealed for the vault).
* ``Analysis``: what the understanding models say about a post.
* ``Decision``: what the engagement policy decides to do with it.
* ``Quarantined``: a row that could not be used, with where it came from and why.

Records are plain slotted dataclasses so they are cheap to build in bulk and
travel through Spark as dicts (``to_dict``/``from_dict``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Post:
    """A normalised public post, with the author's identity as received."""

    platform: str  # "bluesky", "mastodon", "reddit", "rss", "twitter", "webhook", ...
    platform_id: str  # unique within the platform
    text: str
    created_at: datetime  # timezone-aware, UTC
    source: str = ""  # where it came from: "file:tweets.js", "jetstream", ...
    author_handle: str | None = None  # as received, e.g. "alice.bsky.social"
    author_name: str | None = None  # display name as received
    author_id: str | None = None  # stable platform account id (DID, account id)
    url: str | None = None
    lang: str | None = None  # as declared by the platform, if any
    reply_to_id: str | None = None  # platform id of the post this replies to
    reply_to_author: str | None = None  # handle of the author replied to, if known
    thread_id: str | None = None  # platform id of the thread root, if known
    is_direct_message: bool = False
    mentions: list[str] = field(default_factory=list)  # handles, without "@", lowercase
    hashtags: list[str] = field(default_factory=list)  # without "#", lowercase
    links: list[str] = field(default_factory=list)
    engagement: dict[str, int] = field(default_factory=dict)  # likes, reposts, replies, quotes
    author_flags: list[str] = field(default_factory=list)  # e.g. "noindex", "nobot", "no-unauthenticated"
    extra: dict[str, Any] = field(default_factory=dict)  # mapped-but-unmodelled fields, noted not lost
    matches: list[QueryMatch] = field(default_factory=list)  # set by the match stage

    @property
    def key(self) -> tuple[str, str]:
        return (self.platform, self.platform_id)


@dataclass(slots=True)
class QueryMatch:
    """One brand query that matched a post."""

    name: str  # the query's name in the config
    group: str  # "brand", "competitor:<name>", "product", ...


@dataclass(slots=True)
class ClassScores:
    """A multi-class label with a score per class (scores sum to 1).

    ``label == "unscored"`` (with empty scores) means the model declined to
    guess, e.g. for a language it was not trained on.
    """

    label: str
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class BinaryScore:
    """A yes/no label with the probability of yes (``label`` is None when unscored)."""

    label: bool | None
    score: float | None


@dataclass(slots=True)
class Addressed:
    label: bool
    reason: str


@dataclass(slots=True)
class AspectHit:
    name: str
    score: float
    sentiment: str  # negative / neutral / positive


@dataclass(slots=True)
class Analysis:
    """Everything the understanding analyzers assign to one post."""

    lang: str = "und"
    sentiment: ClassScores | None = None
    emotion: ClassScores | None = None
    intent: ClassScores | None = None
    complaint: BinaryScore | None = None
    irony: BinaryScore | None = None
    offensive: BinaryScore | None = None
    hate: BinaryScore | None = None
    addressed: Addressed | None = None
    needs_response: BinaryScore | None = None
    aspects: list[AspectHit] = field(default_factory=list)
    sensitive: list[str] = field(default_factory=list)  # sensitive categories revealed (privacy issue)
    tier: str = "fast"
    versions: dict[str, str] = field(default_factory=dict)  # analyzer name -> model version

    def to_contract(self) -> dict[str, Any]:
        """The ``analysis`` object of the ``tactful analyze`` output contract."""
        out: dict[str, Any] = {"lang": self.lang}
        for name in ("sentiment", "emotion", "intent", "complaint", "irony", "offensive", "hate",
                     "addressed", "needs_response"):
            value = getattr(self, name)
            if value is not None:
                out[name] = asdict(value)
        out["aspects"] = [asdict(a) for a in self.aspects]
        return out


DecisionAction = Literal["respond", "route", "observe", "suppress"]


@dataclass(slots=True)
class Decision:
    """What the engagement policy decided, and why, in codes and in words."""

    action: DecisionAction
    priority: int  # 0-100
    team: str | None
    reasons: list[str]  # stable reason codes, e.g. "addressed", "intent.complaint"
    explanation: str  # one sentence a person can read
    policy_version: str = ""


@dataclass(slots=True)
class StoredPost:
    """The stored form of a post: no raw identity, redacted text.

    The privacy gate builds it from a ``Post``. ``sealed_contact`` holds the
    author's raw handle encrypted for the contact vault; the store keeps it
    only when the decision allows answering the post, and drops it otherwise.
    """

    platform: str
    platform_id: str
    author_pseudonym: str  # keyed HMAC of (platform, author id or handle)
    text: str  # redacted
    created_at: datetime
    source: str = ""
    lang: str | None = None
    reply_to_id: str | None = None
    thread_id: str | None = None
    replies_to_brand: bool = False
    is_direct_message: bool = False
    mentions: list[str] = field(default_factory=list)  # brand handles as-is, others pseudonymised
    hashtags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # personal tokens stripped
    engagement: dict[str, int] = field(default_factory=dict)
    author_flags: list[str] = field(default_factory=list)
    matches: list[QueryMatch] = field(default_factory=list)
    pii_types: dict[str, int] = field(default_factory=dict)  # what was redacted: type -> count
    sealed_contact: str | None = None
    analysis: Analysis | None = None
    decision: Decision | None = None
    ingested_at: datetime = field(default_factory=utcnow)

    @property
    def key(self) -> tuple[str, str]:
        return (self.platform, self.platform_id)


@dataclass(slots=True)
class Quarantined:
    """A row that could not be used; nothing is dropped silently."""

    source: str  # file name or source name
    location: str  # "line 17", "row 4", "event 9931"
    reason: str  # one sentence, never containing raw post text or handles
    code: str = "rejected"  # stable machine code, e.g. "invalid_json", "bad_date"


# --- dict round-trips (Spark rows, JSON) -------------------------------------------

def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-friendly dict of a record (datetimes as ISO 8601 strings)."""
    return _jsonable(asdict(record))


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    def opt(cls: type[T], key: str) -> T | None:
        value = data.get(key)
        return cls(**value) if value is not None else None

    return Analysis(
        lang=data.get("lang", "und"),
        sentiment=opt(ClassScores, "sentiment"),
        emotion=opt(ClassScores, "emotion"),
        intent=opt(ClassScores, "intent"),
        complaint=opt(BinaryScore, "complaint"),
        irony=opt(BinaryScore, "irony"),
        offensive=opt(BinaryScore, "offensive"),
        hate=opt(BinaryScore, "hate"),
        addressed=opt(Addressed, "addressed"),
        needs_response=opt(BinaryScore, "needs_response"),
        aspects=[AspectHit(**a) for a in data.get("aspects", [])],
        sensitive=list(data.get("sensitive", [])),
        tier=data.get("tier", "fast"),
        versions=dict(data.get("versions", {})),
    )


def stored_post_from_dict(data: dict[str, Any]) -> StoredPost:
    values = {f.name: data[f.name] for f in fields(StoredPost) if f.name in data}
    for key in ("created_at", "ingested_at"):
        if isinstance(values.get(key), str):
            values[key] = datetime.fromisoformat(values[key])
    values["matches"] = [QueryMatch(**m) for m in values.get("matches", [])]
    if values.get("analysis") is not None:
        values["analysis"] = analysis_from_dict(values["analysis"])
    if values.get("decision") is not None:
        values["decision"] = Decision(**values["decision"])
    return StoredPost(**values)


def post_from_dict(data: dict[str, Any]) -> Post:
    values = {f.name: data[f.name] for f in fields(Post) if f.name in data}
    if isinstance(values.get("created_at"), str):
        values["created_at"] = datetime.fromisoformat(values["created_at"])
    values["matches"] = [QueryMatch(**m) for m in values.get("matches", [])]
    return Post(**values)
