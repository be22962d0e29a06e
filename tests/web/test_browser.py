"""End to end in a real browser: Debian's chromium driven by Playwright against `tactful serve` on loopback.

The server is the real CLI (`tactful serve --dev`) in a subprocess, on a free
port, over a copy of the seeded test store; it is stopped after the module.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.web import seed

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

if not CHROMIUM.exists():
    pytest.skip(
        "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright Python package")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _config_toml(db: Path) -> str:
    queries = "\n".join(
        f'[[queries]]\nname = "{q["name"]}"\ngroup = "{q["group"]}"\nquery = "{q["query"]}"\n'
        for q in seed.CONFIG["queries"]
    )
    return (
        '[brand]\nname = "Skylark Airways"\nhandles = { bluesky = ["skylarkair.bsky.social"] }\n\n'
        f"{queries}\n"
        f'[store]\nurl = "sqlite:///{db}"\n'
    )


@pytest.fixture(scope="module")
def server(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("serve")
    db = folder / "web.db"
    shutil.copyfile(seeded_db, db)
    (folder / "tactful.toml").write_text(_config_toml(db), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, **{k: v for k, v in seed.ENV.items() if k != "TACTFUL_WEB_SECRET"}}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tactful",
            "serve",
            "--dev",
            "--port",
            str(port),
            "--config",
            str(folder / "tactful.toml"),
        ],
        env=env,
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"tactful serve exited: {process.stdout.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            if httpx.get(base + "/healthz", timeout=0.5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("tactful serve did not start in 20 s")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_as(browser, server):  # type: ignore[no-untyped-def]
    contexts = []

    def sign_in(role: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        contexts.append(context)
        page = context.new_page()
        page.goto(server + "/login")
        page.fill("#username", role)
        page.fill("#password", seed.password(role))
        page.click("button[type=submit]")
        page.wait_for_url(server + "/")
        return page

    yield sign_in
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"))


def submit(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Click a button that posts a form, and wait for the page it redirects to."""
    with page.expect_navigation():
        page.click(selector)


def test_sign_in_and_see_the_charts_drawn_with_data(page_as) -> None:
    page = page_as("viewer")
    page.wait_for_function("Object.keys(window.tactfulCharts || {}).length === 3")
    points = page.evaluate("""() => Object.values(window.tactfulCharts).map(c =>
        c.data.datasets.reduce((n, d) => n + d.data.filter(v => v).length, 0))""")
    assert all(n > 0 for n in points), points
    drawn = page.evaluate("""() => {
        const c = document.getElementById('chart-volume');
        const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let opaque = 0; for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) opaque++;
        return opaque; }""")
    assert drawn > 1000
    shot(page, "dashboard")


def test_triage_an_inbox_item_through_to_resolved(page_as) -> None:
    page = page_as("agent")
    page.click("nav >> text=Inbox")
    page.click("#queue tbody a >> nth=0")
    submit(page, "button:has-text('Assign')")
    assert "assigned" in page.inner_text("#item-status")
    page.fill("#reply-text", "Sorry about your bag. Could you send us a direct message with the details?")
    submit(page, "text=Record reply as sent")
    assert "waiting on customer" in page.inner_text("#item-status")
    shot(page, "conversation")
    submit(page, "button:has-text('Resolve')")
    assert page.inner_text("#item-status") == "resolved"
    assert "Resolved." in page.inner_text(".flash")


def test_an_opt_out_erases_the_authors_posts(page_as) -> None:
    page = page_as("admin")
    page.goto(page.url.rstrip("/") + "/posts")
    before = page.inner_text("main")
    assert "48 posts" in before
    page.click("nav >> text=Privacy")
    page.select_option("#optout-platform", "bluesky")
    page.fill("#optout-handle", seed.OPTED_OUT_HANDLE)
    submit(page, "text=Opt out and erase")
    assert "erased 6 posts" in page.inner_text(".flash")
    assert "Chain intact" in page.inner_text("#audit-verify")
    shot(page, "privacy")
    page.click("nav >> text=Posts")
    assert "42 posts" in page.inner_text("main")


def test_a_viewer_is_denied_the_inbox(page_as, server) -> None:
    page = page_as("viewer")
    assert page.locator("nav >> text=Inbox").count() == 0
    answer = page.goto(server + "/inbox")
    assert answer is not None and answer.status == 403
    assert "Not for your role" in page.inner_text("h1")
    shot(page, "viewer-denied")


def test_the_query_box_validates_as_you_type(page_as) -> None:
    page = page_as("viewer")
    page.click("nav >> text=Posts")
    page.fill("#q", "skylark AND (delay")
    page.wait_for_selector("#q-check .error")
    assert "Column 19" in page.inner_text("#q-check")
    page.fill("#q", "skylark AND (delay OR late)")
    page.wait_for_selector("#q-check .ok")
