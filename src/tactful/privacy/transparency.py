"""The public transparency notice, rendered from the config (GDPR Art. 14 expects notice even for public data).

``notice(config)`` builds the content once; ``to_markdown`` and ``to_html``
render it. Everything in it comes from the config, so it cannot drift from
what the installation actually does.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from tactful.config import Config

PLATFORM_NAMES = {"bluesky": "Bluesky", "mastodon": "Mastodon", "reddit": "Reddit", "twitter": "X/Twitter",
                  "rss": "RSS/Atom feeds", "webhook": "systems that push posts to us"}


@dataclass(frozen=True, slots=True)
class NoticeSection:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


def notice(config: Config) -> tuple[str, list[NoticeSection]]:
    brand, r, p = config.brand.name, config.retention, config.privacy
    platforms = sorted({*config.brand.handles, *(s.get("type", n) for n, s in config.sources.items())})
    title = f"How {brand} listens to public posts"
    return title, [
        NoticeSection("What we collect", (
            f"Public posts that mention {brand}, its products or the competitors we compare ourselves with, "
            "matched by the queries below. Posts that match no query are never stored.",
            "Before anything is stored we remove personal data from the text (emails, phone numbers, card "
            "numbers, addresses, names, other people's handles) and replace your account name with a "
            "pseudonym that only this installation can compute.",
        ), tuple(f"{q.name} ({q.group})" for q in config.queries)),
        NoticeSection("Where from", (), tuple(PLATFORM_NAMES.get(x, x) for x in platforms) or ("file imports",)),
        NoticeSection("Why", (
            "To understand what customers say about us and improve our products and service.",
            f"We answer only posts that address {brand} directly (a mention, a reply or a direct message). "
            "Posts that talk about us without addressing us are never answered.",
        )),
        NoticeSection("How long", (), (
            f"Post text: {r.raw_text_days} days.",
            f"Your account name, kept encrypted only while we answer you: {r.vault_days} days at most.",
            f"Support conversations: {r.inbox_days} days.",
            f"Audit log of who accessed what: {r.audit_days} days.",
            "Aggregated counts without any post or author are kept longer.",
        )),
        NoticeSection("Who sees it", (
            "Our customer-care team sees posts that address us; analysts see aggregated figures, and "
            f"breakdowns by author attributes hide groups of fewer than {p.min_cell_size} people.",
            "Every view of an account name, every export and every erasure is recorded in an audit log.",
        )),
        NoticeSection("How to opt out", (
            f"Write to {brand} with one of these phrases and we erase what we hold about you and stop "
            "collecting your posts: " + ", ".join(f'"{x}"' for x in p.optout_phrases) + ".",
            "You can also ask us for a copy of everything we hold about you, or for its erasure.",
        )),
    ]


def to_markdown(config: Config) -> str:
    title, sections = notice(config)
    lines = [f"# {title}", ""]
    for s in sections:
        lines += [f"## {s.heading}", ""]
        lines += [*(f"{para}\n" for para in s.paragraphs)]
        lines += [f"- {b}" for b in s.bullets] + ([""] if s.bullets else [])
    return "\n".join(lines).rstrip() + "\n"


def to_html(config: Config) -> str:
    title, sections = notice(config)
    e = html.escape
    body = [f"<h1>{e(title)}</h1>"]
    for s in sections:
        body.append(f"<h2>{e(s.heading)}</h2>")
        body += [f"<p>{e(para)}</p>" for para in s.paragraphs]
        if s.bullets:
            body.append("<ul>" + "".join(f"<li>{e(b)}</li>" for b in s.bullets) + "</ul>")
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title></head>'
            f"<body><main>{''.join(body)}</main></body></html>\n")
