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
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from tests.web import seed
from tests.web.chromium import ARGS, CHROMIUM

from tactful.store import open_store

pytestmark = pytest.mark.slow
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


def _config_toml(db: Path, extra: str = "") -> str:
    queries = "\n".join(
        f'[[queries]]\nname = "{q["name"]}"\ngroup = "{q["group"]}"\nquery = "{q["query"]}"\n'
        for q in seed.CONFIG["queries"]
    )
    return (
        "# the browser tests' config (this comment must survive a save from the settings page)\n"
        '[brand]\nname = "Skylark Airways"\nhandles = { bluesky = ["skylarkair.bsky.social"] }\n\n'
        f"{queries}\n"
        f'[store]\nurl = "sqlite:///{db}"\n{extra}'
    )


@contextmanager
def _serving(
    folder: Path, seeded_db: Path, *, extra_toml: str = "", more_posts: bool = False
) -> Iterator[str]:
    """`tactful serve --dev` on a free loopback port over a copy of the seeded store; stopped on exit."""
    db = folder / "web.db"
    shutil.copyfile(seeded_db, db)
    if more_posts:
        with seed.environment():
            store = open_store(f"sqlite:///{db}")
            store.write_batch(seed.topic_posts(), [])
            store.close()
    (folder / "tactful.toml").write_text(_config_toml(db, extra_toml), encoding="utf-8")
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


@pytest.fixture(scope="module")
def server(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _serving(tmp_path_factory.mktemp("serve"), seeded_db) as base:
        yield base


LOOSENED = "\n[policy]\ni_understand_this_is_unsolicited = true\n"


@pytest.fixture(scope="module")
def loosened_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("loosened")


@pytest.fixture(scope="module")
def loosened_server(seeded_db: Path, loosened_folder: Path) -> Iterator[str]:
    """A second server: a loosened policy, a writable config file, and an emerging topic in the posts."""
    with _serving(loosened_folder, seeded_db, extra_toml=LOOSENED, more_posts=True) as base:
        yield base


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


def _signer(browser, base: str, contexts: list):  # type: ignore[no-untyped-def]
    def sign_in(role: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        contexts.append(context)
        page = context.new_page()
        page.goto(base + "/login")
        page.fill("#username", role)
        page.fill("#password", seed.password(role))
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        return page

    return sign_in


@pytest.fixture
def page_as(browser, server):  # type: ignore[no-untyped-def]
    contexts: list = []
    yield _signer(browser, server, contexts)
    for context in contexts:
        context.close()


@pytest.fixture
def loosened_page_as(browser, loosened_server):  # type: ignore[no-untyped-def]
    contexts: list = []
    yield _signer(browser, loosened_server, contexts)
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


# --- issue #6: settings that save, emerging topics, the loosened-policy banner, lockout, accessibility ---

A11Y_PROBLEMS = (Path(__file__).parent / "a11y_check.js").read_text(encoding="utf-8")


def assert_accessible(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate(A11Y_PROBLEMS) == []


def focus_ring(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); "
        "return s.outlineStyle + ' ' + s.outlineWidth; }"
    )


def test_the_dashboard_warns_when_the_policy_is_loosened(loosened_page_as) -> None:
    page = loosened_page_as("viewer")
    banner = page.locator(".warning.banner")
    assert banner.count() == 1 and banner.is_visible()
    box = banner.bounding_box()
    assert box is not None and box["y"] < 200  # above the fold, before the figures
    assert "i_understand_this_is_unsolicited" in banner.inner_text()
    assert banner.get_attribute("role") == "alert"
    assert_accessible(page)
    shot(page, "dashboard-policy-warning")


def test_emerging_topics_are_charted_and_listed_with_redacted_examples(
    loosened_page_as, loosened_server
) -> None:
    page = loosened_page_as("viewer")
    page.click("nav >> text=Insights")
    page.click(".tabs >> text=Emerging topics")
    page.wait_for_function("window.tactfulCharts && window.tactfulCharts['chart-topics']")
    phrases = page.evaluate("() => window.tactfulCharts['chart-topics'].data.labels")
    assert any(seed.TOPIC in p for p in phrases), phrases
    drawn = page.evaluate("""() => {
        const c = document.getElementById('chart-topics');
        const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let opaque = 0; for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) opaque++;
        return opaque; }""")
    assert drawn > 1000
    row = page.locator("#topics-table tbody tr", has_text=seed.TOPIC).first
    assert "8" in row.inner_text()
    summary = row.locator("summary")
    summary.focus()
    assert focus_ring(page) == "solid 3px"
    page.keyboard.press("Enter")  # opens the examples from the keyboard
    examples = row.locator("details li")
    assert examples.first.is_visible() and examples.count() == 3
    assert "jane.doe@example.com" not in page.content()
    assert_accessible(page)
    shot(page, "topics")


def test_an_admin_edits_adds_and_removes_queries_from_settings(loosened_page_as, loosened_folder) -> None:
    config = loosened_folder / "tactful.toml"
    page = loosened_page_as("admin")
    page.click("nav >> text=Settings")
    page.fill("#query-1", "skylark AND (")
    page.wait_for_selector("#query-check-1 .error")
    page.fill("#query-1", "skylark OR #skylark")
    page.wait_for_selector("#query-check-1 .ok")
    page.focus("#query-1")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Save"
    assert focus_ring(page) == "solid 3px"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Saved query 'skylark'" in page.inner_text(".flash")
    assert "restart `tactful listen`" in page.inner_text(".flash")
    assert "skylark OR #skylark" in config.read_text() and "must survive a save" in config.read_text()
    page.fill("#new-query-name", "bags")
    page.fill("#new-query-group", "product")
    page.fill("#new-query", "bag* OR luggage")
    page.wait_for_selector("#new-query-check .ok")
    submit(page, "button:has-text('Add query')")
    assert "Added query 'bags'" in page.inner_text(".flash")
    assert 'name = "bags"' in config.read_text()
    assert_accessible(page)
    shot(page, "settings")
    submit(page, "button[aria-label='Remove bags']")
    assert "Removed query 'bags'" in page.inner_text(".flash")
    assert "bags" not in config.read_text()


def test_the_policy_dry_run_works_from_settings(loosened_page_as) -> None:
    page = loosened_page_as("admin")
    page.click("nav >> text=Settings")
    page.fill("#policy-toml", "[policy]\nuse_default = true\n")
    page.click("button:has-text('Dry run')")
    page.wait_for_selector("#dry-run ul")
    text = page.inner_text("#dry-run")
    assert "recent posts decided again" in text and "observe" in text


def test_five_wrong_passwords_lock_the_sign_in(browser, seeded_db, tmp_path) -> None:
    with _serving(tmp_path, seeded_db) as base:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        page.goto(base + "/login")
        statuses = []
        for password in ["wrong-1", "wrong-2", "wrong-3", "wrong-4", "wrong-5", seed.password("viewer")]:
            page.fill("#username", "viewer")
            page.fill("#password", password)
            with page.expect_response(lambda r: r.request.method == "POST") as answer:
                page.click("button[type=submit]")
            statuses.append(answer.value.status)
        assert statuses == [401] * 5 + [429]
        assert "Too many failed attempts: try again in 15 minutes" in page.inner_text(".error")
        assert_accessible(page)
        shot(page, "login-locked")
        context.close()


def test_the_accessibility_check_finds_what_it_looks_for(browser) -> None:
    page = browser.new_page()
    page.set_content(
        "<body style='background:#fff'><p style='color:#aaa'>faint text</p><p>dark text</p>"
        "<input id='bare'><label for='named'>Name</label><input id='named'>"
        "<h1 style='color:#888;font-size:30px'>big grey heading</h1></body>"
    )
    problems = page.evaluate(A11Y_PROBLEMS)
    page.close()
    assert problems == ["no label: bare", 'contrast 2.32 < 4.5: P "faint text"']
