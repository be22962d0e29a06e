"""The demo's inbox section: what was heard, what the policy allows answering and why, the top items.

Built from the stored posts' decisions the way the inbox groups them (one
conversation per thread), with the best suggested reply for each top item. The
same conversations are in the demo database's inbox (``tactful inbox list --db``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tactful.engage.conversation import thread_key
from tactful.engage.replies import ReplyTemplate, load_templates, suggest
from tactful.records import StoredPost

if TYPE_CHECKING:
    from tactful.demo.summary import SummaryInput

TOP_INBOX_ITEMS = 5
ANSWERABLE = ("respond", "route")


@dataclass(frozen=True)
class DemoItem:
    """One would-be inbox conversation: its most urgent post and how many posts it holds."""

    post: StoredPost
    posts: int


def inbox_items(posts: Sequence[StoredPost]) -> list[DemoItem]:
    """Answerable posts grouped by thread, most urgent first (what ``Inbox.sync`` would open)."""
    threads: dict[str, list[StoredPost]] = defaultdict(list)
    for post in posts:
        if post.decision is not None and post.decision.action in ANSWERABLE:
            threads[thread_key(post.platform, post.thread_id or post.platform_id)].append(post)
    items = [DemoItem(max(group, key=_urgency), len(group)) for group in threads.values()]
    return sorted(items, key=lambda item: _urgency(item.post), reverse=True)


def _urgency(post: StoredPost) -> tuple[int, float]:
    return (post.decision.priority if post.decision else 0, post.created_at.timestamp())


def why_answerable(posts: Sequence[StoredPost]) -> Counter[str]:
    """Answerable posts by the policy rule that allowed it (``rule.<id>`` without the prefix)."""
    rules: Counter[str] = Counter()
    for post in posts:
        if post.decision is not None and post.decision.action in ANSWERABLE:
            rule = next((r for r in post.decision.reasons if r.startswith("rule.")), "rule.unknown")
            rules[f"{post.decision.action}: {rule.removeprefix('rule.')}"] += 1
    return rules


def best_reply(post: StoredPost, templates: list[ReplyTemplate]) -> str:
    if post.decision is not None and post.decision.action == "route":
        return f"(routed to {post.decision.team or 'a person'}: no public reply suggested)"
    found = suggest(
        post, templates, brand="Skylark Airways", team=post.decision.team if post.decision else None
    )
    return found[0].text if found else "(no template fits: write one, or leave it)"


def inbox_section(data: SummaryInput) -> RenderableType | None:
    decided = [p for p in data.posts if p.decision is not None]
    if not decided:
        return None
    rules = why_answerable(decided)
    items = inbox_items(decided)
    allowed = sum(rules.values())
    header = Text(
        f"heard {data.total.read} posts, stored {len(data.posts)}; the policy allows answering or "
        f"routing {allowed} of them ({len(items)} conversations); the rest are only observed",
        style="bold",
    )
    return Panel(
        Group(header, _rules_table(rules), _items_table(items[:TOP_INBOX_ITEMS])),
        title="The inbox",
        title_align="left",
    )


def _rules_table(rules: Counter[str]) -> Table:
    table = Table(title="why they may be answered", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("action: rule")
    table.add_column("posts", justify="right")
    for rule, n in rules.most_common():
        table.add_row(rule, str(n))
    return table


def _items_table(items: list[DemoItem]) -> Table:
    templates = load_templates()
    table = Table(
        title="top items, with a suggested reply (an agent edits before sending)",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        expand=True,
    )
    table.add_column("prio", justify="right", width=4)
    table.add_column("team", width=10)
    table.add_column("post (redacted)", ratio=3)
    table.add_column("suggested reply", ratio=3)
    for item in items:
        decision = item.post.decision
        table.add_row(
            str(decision.priority if decision else 0),
            (decision.team if decision else None) or "",
            _short(item.post.text),
            best_reply(item.post, templates),
        )
    return table


def _short(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
