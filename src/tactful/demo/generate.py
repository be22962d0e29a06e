"""Write the demo data files from the written corpus: ``python -m tactful.demo.generate``.

``render_files()`` is pure and deterministic; a test checks that the files in
``data/`` are exactly what it renders, so the corpus and the data never drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tactful.demo.corpus import PII_TYPES
from tactful.demo.formats import bluesky_post_view, csv_export, mastodon_status, twitter_page
from tactful.demo.plan import PlannedPost, plan_posts

HERE = Path(__file__).parent
DATA_DIR = HERE / "data"
ANSWER_KEY = HERE / "answer_key.jsonl"
TWITTER_PAGE_OVERLAP = 5  # two search pages overlap, as exports made on different days do: duplicates

BLUESKY_FILE = "bluesky_posts.jsonl"
MASTODON_FILE = "mastodon_statuses.json"
TWITTER_FILES = ("twitter_search_page1.json", "twitter_search_page2.json")
CSV_FILE = "listening_export.csv"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def by_platform(posts: list[PlannedPost], platform: str) -> list[PlannedPost]:
    return [p for p in posts if p.platform == platform]


def twitter_pages(posts: list[PlannedPost]) -> tuple[list[PlannedPost], list[PlannedPost]]:
    """Newest half, then the older half plus the oldest few of the first page again."""
    newest_first = sorted(posts, key=lambda p: p.created_at, reverse=True)
    half = len(newest_first) // 2
    first = newest_first[:half]
    return first, first[-TWITTER_PAGE_OVERLAP:] + newest_first[half:]


def render_files(posts: list[PlannedPost]) -> dict[str, str]:
    """File name -> file content, for every demo data file."""
    page1, page2 = twitter_pages(by_platform(posts, "twitter"))
    return {
        BLUESKY_FILE: "".join(_dumps(bluesky_post_view(p)) + "\n" for p in by_platform(posts, "bluesky")),
        MASTODON_FILE: json.dumps(
            [mastodon_status(p) for p in by_platform(posts, "mastodon")], ensure_ascii=False, indent=1
        )
        + "\n",
        TWITTER_FILES[0]: json.dumps(twitter_page(page1, "b26v89c19zqg8o3fpdy1exnbcqp2"), ensure_ascii=False)
        + "\n",
        TWITTER_FILES[1]: json.dumps(twitter_page(page2, None), ensure_ascii=False) + "\n",
        CSV_FILE: csv_export(by_platform(posts, "reddit")),
    }


def expected_group(post: PlannedPost) -> str | None:
    """The query group meant to keep the post. A Bluesky follow-up names no one (Bluesky replies
    carry no @mention), so no query can keep it: only thread-aware matching could."""
    silent_reply = post.platform == "bluesky" and post.reply_to is not None and not post.mentioned
    return None if silent_reply and not post.author.is_brand else post.section.group


def answer_key_row(post: PlannedPost) -> dict[str, Any]:
    """What each post was written to be, for tests: never read by tactful itself."""
    pii: list[str] = []
    if post.section.name == "pii":
        pii = [PII_TYPES[int(post.key.rsplit("/", 1)[1])]]
    return {
        "platform": post.platform,
        "platform_id": post.platform_id,
        "key": post.key,
        "kind": post.section.kind,
        "intent": post.intent,
        "group": expected_group(post),
        "aspect": post.section.aspect,
        "lang": post.section.lang,
        "day": post.created_at.date().isoformat(),
        "addressed": post.addressed,
        "from_brand": post.author.is_brand and post.author.handle.lower().startswith("skylark"),
        "author_flags": list(post.author.flags),
        "author": post.author.handle,
        "pii": pii,
        "reply_to_id": post.reply_to.platform_id if post.reply_to else None,
        "thread_root_id": post.root.platform_id if post.root else None,
        "text": post.text,
    }


def render_answer_key(posts: list[PlannedPost]) -> str:
    return "".join(_dumps(answer_key_row(p)) + "\n" for p in posts)


def main() -> None:
    posts = plan_posts()
    DATA_DIR.mkdir(exist_ok=True)
    for name, content in render_files(posts).items():
        (DATA_DIR / name).write_text(content, encoding="utf-8")
    ANSWER_KEY.write_text(render_answer_key(posts), encoding="utf-8")
    print(f"wrote {len(posts)} posts to {DATA_DIR}")


if __name__ == "__main__":
    main()
