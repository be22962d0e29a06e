"""Saving brand queries: written back into tactful.toml atomically, comments kept, audited, 409 when stale."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tactful.config import load_config
from tactful.errors import ConfigError, NotFound, QuerySyntaxError, UsageError
from tactful.web.app import SESSION_COOKIE, create_app
from tactful.web.query_settings import ConfigConflict, NoConfigFile, QueryChange, save_query

TOML = """# Skylark's listening setup (this comment must survive a save)
[brand]
name = "Skylark Airways"
handles = { bluesky = ["skylarkair.bsky.social"] }

# what we track
[[queries]]
name = "skylark"   # the brand itself
group = "brand"
query = "skylark"

[[queries]]
name = "northwind"
group = "competitor:northwind"
query = 'northwind OR "north wind"'

[sources.hooks]
type = "webhook"
secret_env = "TACTFUL_TEST_WEBHOOK_SECRET"
"""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    (tmp_path / "conf").mkdir()
    path = tmp_path / "conf" / "tactful.toml"
    path.write_text(TOML, encoding="utf-8")
    path.chmod(0o640)
    return path


def _queries(path: Path) -> dict[str, tuple[str, str]]:
    return {q["name"]: (q["group"], q["query"]) for q in tomllib.loads(path.read_text())["queries"]}


def _audit(engine) -> list[dict]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT actor, action, target, detail FROM audit_log ORDER BY seq")
        return [dict(r._mapping) for r in rows if r.action == "config.change"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            QueryChange("add", "skylark-bags", "product", 'skylark AND (bag* OR "lost luggage")'),
            {
                "skylark": ("brand", "skylark"),
                "northwind": ("competitor:northwind", 'northwind OR "north wind"'),
                "skylark-bags": ("product", 'skylark AND (bag* OR "lost luggage")'),
            },
        ),
        (
            QueryChange("edit", "skylark", "brand", "skylark OR #skylark", previous="skylark"),
            {
                "skylark": ("brand", "skylark OR #skylark"),
                "northwind": ("competitor:northwind", 'northwind OR "north wind"'),
            },
        ),
        (QueryChange("remove", "northwind"), {"skylark": ("brand", "skylark")}),
    ],
)
def test_a_change_is_written_back_keeping_comments_and_the_rest(
    web_store, config_file, change, expected
) -> None:
    saved = save_query(load_config(config_file), change, actor="web:admin", engine=web_store.engine)
    assert _queries(config_file) == expected
    assert {q.name: (q.group, q.query) for q in saved.queries} == expected
    text = config_file.read_text()
    assert "this comment must survive a save" in text and "# what we track" in text
    assert text.split("[[queries]]")[0] == TOML.split("[[queries]]")[0]  # the sections before, byte for byte
    assert oct(config_file.stat().st_mode & 0o777) == "0o640"
    assert [p.name for p in config_file.parent.iterdir()] == ["tactful.toml"]  # no temporary file left


def test_each_change_is_audited_with_actor_before_and_after(web_store, config_file) -> None:
    config = load_config(config_file)
    config = save_query(
        config,
        QueryChange("edit", "skylark", "brand", "skylark OR #skylark"),
        actor="web:admin",
        engine=web_store.engine,
    )
    save_query(config, QueryChange("remove", "skylark"), actor="web:admin", engine=web_store.engine)
    entries = _audit(web_store.engine)
    assert [(e["actor"], e["target"]) for e in entries] == [("web:admin", "queries:skylark")] * 2
    import json

    details = [json.loads(e["detail"]) if isinstance(e["detail"], str) else e["detail"] for e in entries]
    assert details[0]["op"] == "edit" and details[0]["before"]["query"] == "skylark"
    assert details[0]["after"]["query"] == "skylark OR #skylark"
    assert details[1]["op"] == "remove" and details[1]["after"] is None


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (QueryChange("add", "skylark", "brand", "skylark"), UsageError),  # the name is taken
        (QueryChange("add", "new", "brand", "skylark AND (delay"), QuerySyntaxError),
        (QueryChange("add", "new", "rivals", "globex"), UsageError),
        (QueryChange("add", "new", "brand", "   "), UsageError),
        (QueryChange("edit", "nope", "brand", "x"), NotFound),
        (QueryChange("remove", "nope"), NotFound),
        (QueryChange("edit", "skylark", "brand", "x", previous="something else"), ConfigConflict),
    ],
)
def test_a_bad_change_is_refused_and_the_file_left_alone(web_store, config_file, change, error) -> None:
    with pytest.raises(error):
        save_query(load_config(config_file), change, actor="web:admin", engine=web_store.engine)
    assert config_file.read_text() == TOML
    assert _audit(web_store.engine) == []


def test_a_file_broken_by_hand_meanwhile_is_not_overwritten(web_store, config_file) -> None:
    config = load_config(config_file)
    config_file.write_text(TOML.replace('name = "Skylark Airways"', "name = 42"))
    with pytest.raises(ConfigError):
        save_query(config, QueryChange("add", "x", "brand", "x"), actor="web:admin", engine=web_store.engine)
    assert "name = 42" in config_file.read_text() and 'name = "x"' not in config_file.read_text()


def test_an_app_without_a_config_file_cannot_save(client_for) -> None:
    answer = client_for("admin").post("/api/settings/queries", json={"name": "x", "query": "x"})
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "E101"
    assert isinstance(NoConfigFile("x"), UsageError)


# --- through the API and the settings page ----------------------------------------------------------


@pytest.fixture
def file_app(web_store, config_file):  # type: ignore[no-untyped-def]
    return create_app(load_config(config_file), web_store, dev=True)


@pytest.fixture
def admin(file_app, sessions) -> TestClient:  # type: ignore[no-untyped-def]
    cookie, csrf = sessions["admin"]
    client = TestClient(file_app)
    client.cookies.set(SESSION_COOKIE, cookie)
    client.headers["X-CSRF-Token"] = csrf
    return client


def test_the_api_adds_edits_and_removes_a_query(admin, config_file) -> None:
    added = admin.post("/api/settings/queries", json={"name": "bags", "group": "product", "query": "bag*"})
    assert added.status_code == 201
    assert "bags" in [q["name"] for q in admin.get("/api/settings/queries").json()["items"]]
    edited = admin.put(
        "/api/settings/queries/bags", json={"query": "bag* OR luggage", "previous_query": "bag*"}
    )
    assert edited.status_code == 200 and "restart `tactful listen`" in edited.json()["note"]
    stale = admin.put("/api/settings/queries/bags", json={"query": "x", "previous_query": "bag*"})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "E409"
    bad = admin.put("/api/settings/queries/bags", json={"query": "bag* AND ("})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E102"
    assert admin.delete("/api/settings/queries/bags").status_code == 200
    assert admin.delete("/api/settings/queries/bags").status_code == 404
    assert "bags" not in _queries(config_file)


@pytest.mark.parametrize(
    "body",
    [
        {"name": "", "query": "x"},
        {"name": "has space", "query": "x"},
        {"name": "ok", "query": ""},
        {"name": "x" * 65, "query": "x"},
    ],
)
def test_the_api_validates_a_new_query(admin, body) -> None:
    assert admin.post("/api/settings/queries", json=body).status_code == 422


def test_the_settings_page_saves_an_edit_and_flashes_what_happened(admin, config_file) -> None:
    form = {"csrf_token": admin.headers["X-CSRF-Token"], "group": "brand", "query": "skylark OR #skylark"}
    answer = admin.post(
        "/settings/queries/skylark", data={**form, "previous_query": "skylark"}, follow_redirects=False
    )
    assert answer.status_code == 303
    page = admin.get("/settings", headers={"accept": "text/html"}).text
    assert "Saved query &#39;skylark&#39;" in page and "skylark OR #skylark" in page
    assert _queries(config_file)["skylark"] == ("brand", "skylark OR #skylark")
    refused = admin.post("/settings/queries", data={**form, "name": "skylark"}, follow_redirects=False)
    assert refused.status_code == 303
    assert (
        "not saved: there is already a query" in admin.get("/settings", headers={"accept": "text/html"}).text
    )
    admin.post("/settings/queries/northwind/remove", data=form, follow_redirects=False)
    assert "northwind" not in _queries(config_file)


def test_saving_needs_the_csrf_token(admin) -> None:
    del admin.headers["X-CSRF-Token"]
    assert admin.post("/settings/queries", data={"name": "x", "query": "x"}).status_code == 403


def test_the_webhook_pipeline_is_built_again_after_the_queries_change(
    monkeypatch, web_store, config_file
) -> None:
    from tactful.engines import local
    from tactful.web.app import _LazyPipeline

    built: list[list[str]] = []

    class Pipeline:
        def __init__(self, names: list[str]) -> None:
            self.names = names

        def process(self, records: list[str]) -> list[str]:
            return self.names

    def build_stages(config, store, live=False):  # type: ignore[no-untyped-def]
        built.append([q.name for q in config.queries])
        return built[-1]

    monkeypatch.setattr(local, "build_stages", build_stages)
    monkeypatch.setattr(local, "pipeline_for", lambda source, stages: Pipeline(stages))
    holder = {"config": load_config(config_file)}
    lazy = _LazyPipeline(lambda: holder["config"], web_store, source=None)
    assert lazy.process([]) == ["skylark", "northwind"]
    assert lazy.process([]) == ["skylark", "northwind"] and len(built) == 1  # built once while unchanged
    holder["config"] = save_query(
        holder["config"],
        QueryChange("add", "bags", "product", "bag*"),
        actor="web:admin",
        engine=web_store.engine,
    )
    assert lazy.process([]) == ["skylark", "northwind", "bags"] and len(built) == 2


def test_the_demos_shipped_config_is_never_written(web_store) -> None:
    from tactful.demo.run import DEMO_CONFIG

    before = Path(DEMO_CONFIG).read_bytes()
    with pytest.raises(NoConfigFile):
        save_query(
            load_config(DEMO_CONFIG),
            QueryChange("remove", "skylark"),
            actor="web:demo",
            engine=web_store.engine,
        )
    assert Path(DEMO_CONFIG).read_bytes() == before


def test_the_settings_page_says_when_saving_is_off(client_for, admin) -> None:
    without_file = client_for("admin").get("/settings", headers={"accept": "text/html"}).text
    assert "Saving is off: this app was started without a config file" in without_file
    assert "Saving is off" not in admin.get("/settings", headers={"accept": "text/html"}).text
