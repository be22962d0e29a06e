"""``tactful inbox ...`` and ``tactful policy test``: thin commands over the engage core, JSON out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.engage.factories import make_post

from tactful.engage.policy import build_policy
from tactful.engage.stage import decide_posts
from tactful.records import to_dict
from tactful.store import open_store


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TACTFUL_DATABASE_URL", "TACTFUL_CONFIG", "TACTFUL_REPLIES_DISABLED", "TACTFUL_AGENT")
    }
    return subprocess.run(
        [sys.executable, "-m", "tactful", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**environ, **env},
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'inbox.db'}"
    posts = [
        make_post("@acme my bag is lost, email me at jo@example.com", platform_id="p1", aspects=("baggage",)),
        make_post("@acme how do I change my seat?", intent="question", platform_id="p2"),
        make_post("acme was late again", addressed=False, platform_id="p3"),
    ]
    decide_posts(posts, build_policy({}))
    with open_store(url) as store:
        store.write_batch(posts, [])
    return url


def test_claimers_at_once_never_get_the_same_item(db, tmp_path):
    claimers = [
        subprocess.Popen(
            [sys.executable, "-m", "tactful", "inbox", "claim", "--as", name, "--db", db, "--json"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
        for name in ("alice", "bob", "carol")
    ]
    claimed = [json.loads(p.communicate(timeout=120)[0]) for p in claimers]
    got = [item for item in claimed if item is not None]
    assert len(got) == 2  # two open items, three claimers: one gets nothing
    assert len({item["id"] for item in got}) == 2
    assert all(item["status"] == "assigned" for item in got)
    listed = json.loads(run_cli("inbox", "list", "--db", db, "--json", cwd=tmp_path).stdout)
    assert sorted(i["assignee"] for i in listed) == sorted(i["assignee"] for i in got)


def test_an_item_goes_through_the_cli_workflow(db, tmp_path):
    listed = json.loads(run_cli("inbox", "list", "--db", db, "--json", cwd=tmp_path).stdout)
    assert [(i["team"], i["status"], i["sla"]["first_response"]) for i in listed] == [
        ("support", "new", "missed"),
        ("support", "new", "missed"),
    ]
    first = listed[0]["id"]
    shown = json.loads(run_cli("inbox", "show", str(first), "--db", db, "--json", cwd=tmp_path).stdout)
    assert shown["suggested_replies"][0]["template_id"] == "complaint-aspect"
    assert "baggage" in shown["suggested_replies"][0]["text"]
    claimed = json.loads(
        run_cli("inbox", "assign", "next", "--as", "alice", "--db", db, "--json", cwd=tmp_path).stdout
    )
    assert (claimed["id"], claimed["assignee"]) == (first, "alice")
    noted = run_cli("inbox", "note", str(first), "ring 0151 496 0000", "--db", db, "--json", cwd=tmp_path)
    assert "0151" not in noted.stdout
    sent = json.loads(
        run_cli(
            "inbox",
            "reply",
            str(first),
            "Hi, please DM us.",
            "--as",
            "alice",
            "--db",
            db,
            "--json",
            cwd=tmp_path,
        ).stdout
    )
    assert (sent["via"], sent["author"]) == ("manual", "alice")
    assert (
        json.loads(run_cli("inbox", "resolve", str(first), "--db", db, "--json", cwd=tmp_path).stdout)[
            "status"
        ]
        == "resolved"
    )
    metrics = json.loads(run_cli("inbox", "metrics", "--db", db, "--json", cwd=tmp_path).stdout)
    assert (metrics["overall"]["conversations"], metrics["overall"]["answered"]) == (2, 1)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("show", "99"), "E404"),
        (("assign", "x", "--to", "bob"), "E100"),
        (("list", "--status", "open"), "E100"),
    ],
)
def test_bad_requests_print_one_error_line(db, tmp_path, args, code):
    result = run_cli("inbox", *args, "--db", db, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"error {code}:") and len(result.stderr.strip().splitlines()) <= 2


def test_the_kill_switch_stops_replies(db, tmp_path):
    result = run_cli("inbox", "reply", "1", "Hi", "--db", db, cwd=tmp_path, TACTFUL_REPLIES_DISABLED="1")
    assert result.returncode == 2 and "E502" in result.stderr


def test_policy_test_prints_each_decision_and_stores_nothing(tmp_path):
    lines = [
        make_post("@acme where is my refund", platform_id="a"),
        make_post("acme is slow", addressed=False, platform_id="b"),
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": p.platform_id, "text": p.text, "analysis": to_dict(p.analysis)}) + "\n"
            for p in lines
        )
    )
    result = run_cli(
        "policy",
        "test",
        "--input",
        str(path),
        "--brand-handle",
        "@acme",
        "--no-models",
        "--json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    decided = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["id"], d["action"]) for d in decided] == [("a", "respond"), ("b", "observe")]
    assert all(d["reasons"] and d["explanation"] for d in decided)
    assert list(tmp_path.iterdir()) == [path]


def test_policy_test_warns_about_a_loosened_policy(tmp_path):
    (tmp_path / "tactful.toml").write_text(
        '[brand]\nname = "Acme"\nhandles = { bluesky = ["acme"] }\n'
        "[policy]\ni_understand_this_is_unsolicited = true\n"
        '[[policy.rules]]\nid = "answer-all"\nwhen = { intent = "complaint" }\naction = "respond"\n'
        'explain = "We answer every complaint."\n'
    )
    (tmp_path / "posts.jsonl").write_text('{"text": "acme is slow"}\n')
    result = run_cli("policy", "test", "--input", "posts.jsonl", "--no-models", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "unsolicited" in result.stderr


SECRET = "cli-inbox-test-secret-0123456789abcdef0123"


@pytest.mark.parametrize(
    ("display_name", "greeting"),
    [("Ana Yilmaz", "Hi Ana, "), ("anayilmaz", "Hi, "), ("✈️ Ana", "Hi, "), (None, "Hi, ")],
)
def test_suggestions_greet_by_the_public_first_name_from_the_vault(tmp_path, display_name, greeting):
    from tactful.privacy.audit import AuditLog
    from tactful.privacy.pseudonyms import Keyring
    from tactful.privacy.vault import ContactCard, seal_card

    url = f"sqlite:///{tmp_path / 'inbox.db'}"
    (tmp_path / "tactful.toml").write_text(
        f'[brand]\nname = "Acme"\n[brand.handles]\nmastodon = ["acme@social.example"]\n[store]\nurl = "{url}"\n'
    )
    card = ContactCard("anayilmaz@mastodon.example", display_name, "1161")
    post = make_post(
        "@acme thanks for the upgrade!",
        intent="praise",
        negative=0.1,
        complaint=0.1,
        platform_id="1161",
        sealed_contact=seal_card(card, Keyring((SECRET.encode(),))),
    )
    decide_posts([post], build_policy({}))
    assert post.decision.action in ("respond", "route")
    with open_store(url) as store:
        store.write_batch([post], [])
    shown = run_cli("inbox", "show", "1", "--json", cwd=tmp_path, TACTFUL_SECRET=SECRET)
    assert shown.returncode == 0, shown.stderr
    texts = [s["text"] for s in json.loads(shown.stdout)["suggested_replies"]]
    assert texts and all(t.startswith(greeting) for t in texts)
    assert "Yilmaz" not in shown.stdout and "anayilmaz" not in shown.stdout  # only the first name, ever
    with open_store(url) as store:
        views = [e for e in AuditLog(store.engine).entries() if e.action == "identity.view"]
    assert [e.detail["why"] for e in views] == ["reply.greeting"]  # opening the vault is audited
