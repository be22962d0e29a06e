"""Screenshots of the main pages for docs/web.md, from a running server over the demo data.

    tactful demo                                           # the demo data and the demo user
    tactful serve --dev --config COPY_OF_THE_DEMO_TOML     # a copy, so the settings page can save
    python tests/web/take_screenshots.py http://127.0.0.1:8000 demo PASSWORD docs/img

Writes ``web-<page>.png``.
Drives Debian's chromium (/usr/bin/chromium) with Playwright at 1366x768, the
laptop size the pages are designed for. Not a test: pytest does not collect it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chromium import ARGS, CHROMIUM  # run as a script: tests/web is on sys.path
from playwright.sync_api import sync_playwright

PAGES = [
    ("dashboard", "/"),
    ("inbox", "/inbox"),
    ("posts", "/posts?q=skylark%20AND%20(delay*%20OR%20cancel*)"),
    ("share-of-voice", "/insights/share-of-voice"),
    ("drivers", "/insights/drivers"),
    ("topics", "/insights/topics"),
    ("privacy", "/privacy"),
    ("settings", "/settings"),
]


def main(base: str, username: str, password: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(base + "/login")
        page.screenshot(path=str(out / "web-login.png"))
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        for name, path in PAGES:
            page.goto(base + path)
            page.wait_for_load_state("networkidle") if name != "inbox" else page.wait_for_timeout(600)
            if name == "topics" and page.locator("details.examples").count():
                page.click("details.examples summary >> nth=0")
            if name == "settings":
                page.click("button:has-text('Dry run')")
                page.wait_for_selector("#dry-run ul")
            page.screenshot(path=str(out / f"web-{name}.png"))
        page.goto(base + "/inbox")
        first = page.locator("#queue tbody a").first
        if first.count():
            first.click()
            page.wait_for_timeout(400)
            page.screenshot(path=str(out / "web-conversation.png"))
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], Path(sys.argv[4]))
