"""The demo's summary: what was heard, what needs a response, what was filtered and why.

Each section is one function from ``SummaryInput`` to a rich renderable (or None
when it has nothing to show); ``SECTIONS`` lists them in order, so a later
feature (the inbox, the dashboard) adds its section by appending one function.
Sections only read what the store and the ingest report already hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tactful.pipeline import IngestReport
from tactful.records import StoredPost

TOP_ITEMS = 8
SPARK = " ▁▂▃▄▅▆▇█"
ANSWERABLE = ("respond", "route")


@dataclass
class FileReport:
    """How one demo file went: its detected format and its ingest accounting."""

    name: str
    format: str
    report: IngestReport


@dataclass
class SummaryInput:
    """Everything the sections read, gathered once after ingest."""

    files: list[FileReport]
    posts: list[StoredPost]  # every stored post
    brand_handles: set[str]
    fallbacks: list[str] = field(default_factory=list)  # pipeline stages not installed yet, in words
    erased_after: int = 0  # stored, then erased in the same run when their author asked for an opt-out

    @property
    def total(self) -> IngestReport:
        total = IngestReport()
        for item in self.files:
            total.add(item.report)
        return total


# --- what was heard ------------------------------------------------------------------------------


def count_table(title: str, counts: Counter[str], *, label: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(label)
    table.add_column("posts", justify="right")
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(key, str(n))
    return table


def posts_per_group(posts: Sequence[StoredPost]) -> Counter[str]:
    """A post matching two groups (a comparison) counts once in each."""
    return Counter(group for p in posts for group in sorted({m.group for m in p.matches}))


def analysed_labels(posts: Sequence[StoredPost], name: str) -> Counter[str]:
    """Sentiment or intent labels, when the understanding stage has run; empty otherwise."""
    labels: Counter[str] = Counter()
    for post in posts:
        value = getattr(post.analysis, name, None) if post.analysis is not None else None
        if value is not None:
            labels[value.label] += 1
    return labels


def daily_volume(posts: Sequence[StoredPost]) -> Text:
    """Posts per UTC day as a sparkline, with the busiest day named (the storm shows up here)."""
    per_day = Counter(p.created_at.date().isoformat() for p in posts)
    if not per_day:
        return Text("")
    days = sorted(per_day)
    peak = max(per_day.values())
    bars = "".join(SPARK[max(1, round(per_day[d] / peak * (len(SPARK) - 1)))] for d in days)
    busiest = max(days, key=lambda d: per_day[d])
    return Text.assemble(
        "per day ",
        (days[0], "dim"),
        " ",
        (bars, "cyan"),
        " ",
        (days[-1], "dim"),
        f"   busiest: {busiest} ({per_day[busiest]} posts)",
    )


def heard_section(data: SummaryInput) -> RenderableType | None:
    posts = data.posts
    tables: list[RenderableType] = [
        count_table("by platform", Counter(p.platform for p in posts), label="platform"),
        count_table("by query group", posts_per_group(posts), label="group"),
    ]
    for name in ("sentiment", "intent"):
        labels = analysed_labels(posts, name)
        if labels:
            tables.append(count_table(f"by {name}", labels, label=name))
    grid = Table.grid(padding=(0, 4))
    grid.add_row(*tables)
    header = Text(f"{len(posts)} posts stored from {len(data.files)} files", style="bold")
    parts: list[RenderableType] = [header, grid, daily_volume(posts)]
    parts.extend(Text(f"note: {fallback}", style="yellow") for fallback in data.fallbacks)
    return Panel(Group(*parts), title="What was heard", title_align="left")


# --- what needs a response -----------------------------------------------------------------------


@dataclass
class ResponseItem:
    post: StoredPost
    priority: int
    reason: str


def addressed_to_brand(post: StoredPost, brand_handles: set[str]) -> str | None:
    """Why a post speaks to the brand, or None: it replies to the brand or mentions its handle."""
    if post.is_direct_message:
        return "a direct message to the brand"
    if post.replies_to_brand:
        return "replies to the brand"
    named = sorted(brand_handles.intersection(m.lower() for m in post.mentions))
    return f"mentions @{named[0]}" if named else None


def response_item(post: StoredPost, brand_handles: set[str]) -> ResponseItem | None:
    """The policy's decision when there is one; before the policy engine exists, addressed posts."""
    if post.decision is not None:
        if post.decision.action not in ANSWERABLE:
            return None
        return ResponseItem(post, post.decision.priority, post.decision.explanation)
    why = addressed_to_brand(post, brand_handles)
    if why is None:
        return None
    needs = post.analysis.needs_response if post.analysis is not None else None
    if needs is not None and needs.label is False:
        return None
    priority = round(100 * needs.score) if needs is not None and needs.score is not None else 50
    return ResponseItem(post, priority, f"{why} (no policy decision yet)")


def needs_response(data: SummaryInput) -> list[ResponseItem]:
    items = [item for post in data.posts if (item := response_item(post, data.brand_handles))]
    return sorted(items, key=lambda i: (-i.priority, -i.post.created_at.timestamp()))


def short(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def decisions_table(posts: Sequence[StoredPost]) -> Table | None:
    """What the policy decided, by action, with its most frequent explanation; None before a policy ran."""
    by_action: dict[str, Counter[str]] = {}
    for post in posts:
        if post.decision is not None:
            by_action.setdefault(post.decision.action, Counter())[post.decision.explanation] += 1
    if not by_action:
        return None
    table = Table(title="the policy decided", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("action", "posts", "most often because"):
        table.add_column(column, justify="right" if column == "posts" else "left")
    for action, reasons in sorted(by_action.items(), key=lambda kv: -sum(kv[1].values())):
        table.add_row(action, str(sum(reasons.values())), reasons.most_common(1)[0][0])
    return table


def response_section(data: SummaryInput) -> RenderableType | None:
    items = needs_response(data)
    header = Text(f"{len(items)} of {len(data.posts)} stored posts need a response", style="bold")
    table = Table(show_edge=False, pad_edge=False, expand=True)
    table.add_column("prio", justify="right", width=4)
    table.add_column("platform", width=8)
    table.add_column("post (redacted)", ratio=3)
    table.add_column("why", ratio=2)
    for item in items[:TOP_ITEMS]:
        table.add_row(
            str(item.priority), item.post.platform, short(item.post.text, 80), short(item.reason, 100)
        )
    decided = decisions_table(data.posts)
    parts: list[RenderableType] = [header]
    if decided is not None:
        parts.append(decided)
    if items:
        parts.append(table)
    return Panel(Group(*parts), title="What needs a response", title_align="left")


# --- what was filtered, and why ------------------------------------------------------------------

FILTER_REASONS = {
    "not_matched": "matched no brand or competitor query: counted, never stored",
    "withheld": "kept out by the privacy gate: opted-out authors (also by a post asking the brand to stop "
    "listening), accounts that ask not to be indexed",
    "duplicate": "already stored: the same post came in twice (overlapping exports)",
    "rejected": "could not be read or mapped: quarantined with file, line and reason",
}


def filtered_section(data: SummaryInput) -> RenderableType | None:
    total = data.total
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("bucket")
    table.add_column("rows", justify="right")
    table.add_column("why")
    for bucket, why in FILTER_REASONS.items():
        table.add_row(bucket.replace("_", " "), str(getattr(total, bucket)), why)
    for code, n in sorted(total.rejected_reasons.items()):
        table.add_row(f"  rejected: {code}", str(n), "")
    sums = "adds up" if total.adds_up() else "DOES NOT add up"
    header = Text(
        f"read {total.read} = stored {total.stored} + not matched {total.not_matched} + withheld "
        f"{total.withheld} + duplicate {total.duplicate} + rejected {total.rejected}  ({sums})",
        style="bold",
    )
    parts: list[RenderableType] = [header]
    if data.erased_after:
        held = "adds up" if total.stored - data.erased_after == len(data.posts) else "DOES NOT add up"
        parts.append(
            Text(
                f"stored {total.stored} = held now {len(data.posts)} + erased after an opt-out request "
                f"{data.erased_after}  ({held})",
                style="bold",
            )
        )
    return Panel(
        Group(*parts, table, files_table(data.files)), title="What was filtered, and why", title_align="left"
    )


def files_table(files: Sequence[FileReport]) -> Table:
    table = Table(title="per file", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("file", "format", "read", "stored", "not matched", "withheld", "duplicate", "rejected"):
        table.add_column(column, justify="left" if column in ("file", "format") else "right")
    for item in files:
        r = item.report
        table.add_row(
            item.name,
            item.format,
            *(str(n) for n in (r.read, r.stored, r.not_matched, r.withheld, r.duplicate, r.rejected)),
        )
    return table


# --- the whole summary ---------------------------------------------------------------------------

from tactful.demo.inbox_section import inbox_section  # noqa: E402  (it reads SummaryInput, defined above)

Section = Callable[[SummaryInput], RenderableType | None]
SECTIONS: list[Section] = [heard_section, response_section, inbox_section, filtered_section]


def render_summary(console: Console, data: SummaryInput, sections: Sequence[Section] = SECTIONS) -> None:
    for section in sections:
        renderable = section(data)
        if renderable is not None:
            console.print(renderable)
