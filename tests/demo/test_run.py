"""``tactful demo`` end to end: a fresh database in a working folder, numbers that add up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tactful.demo.run import SECRET_NAME, database_path, ensure_secret, prepare_workdir, run_demo

ROWS_IN_FILES = 431  # 426 posts; the two Twitter pages repeat five tweets


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("demo")
    return workdir, run_demo(workdir, fresh=True)


def test_the_demo_ingests_every_row_and_the_numbers_add_up(first_run, answer_key, demo_rows):
    workdir, data = first_run
    total = data.total
    group_of = {row["platform_id"]: row["group"] for row in answer_key}
    matched_rows = sum(group_of[post_id] is not None for _, post_id, _ in demo_rows)
    assert total.adds_up()
    assert (total.read, total.rejected) == (ROWS_IN_FILES, 0)
    assert total.not_matched == ROWS_IN_FILES - matched_rows
    assert total.stored + total.withheld + total.duplicate == matched_rows
    repeated = matched_rows - len({i for _, i, _ in demo_rows if group_of[i] is not None})
    assert 0 < total.duplicate <= repeated  # a repeated post the privacy gate withholds is withheld twice
    # the demo ingests with the store (as 'tactful ingest'): a post asking the brand to stop listening
    # opts its author out at once, so a post of theirs stored from an earlier file is erased again
    assert len(data.posts) == total.stored - data.erased_after
    assert data.erased_after >= 1
    assert database_path(workdir).exists()


def held_keys(data) -> set[tuple[str, str]]:
    return {post.key for post in data.posts}


def stored_keys_of(rows) -> set[tuple[str, str]]:
    """Answer-key rows keyed as the store holds them (account parts of ids keyed-hashed)."""
    from tactful.privacy.platform_ids import stored_key
    from tactful.privacy.pseudonyms import load_keyring

    keyring = load_keyring("TACTFUL_SECRET")  # the demo's, set by run_demo
    return {stored_key(keyring, (row["platform"], row["platform_id"])) for row in rows}


def test_authors_who_ask_the_brand_to_stop_listening_have_nothing_held(first_run, answer_key):
    _, data = first_run
    asked = {(row["platform"], row["author"]) for row in answer_key if row["kind"] == "optout"}
    theirs = [row for row in answer_key if (row["platform"], row["author"]) in asked and row["group"]]
    assert len(asked) == 3 and len(theirs) > len(asked)
    assert stored_keys_of(theirs).isdisjoint(held_keys(data))
    # each of their matched rows was withheld or erased (noindex accounts are withheld too)
    assert data.total.withheld + data.erased_after >= len(theirs) + 4


def test_accounts_that_ask_not_to_be_indexed_are_withheld(first_run, answer_key):
    _, data = first_run
    asking = {row["platform_id"] for row in answer_key if row["author_flags"] and row["group"] is not None}
    assert len(asking) == 4
    assert data.total.withheld >= len(asking)
    rows = [row for row in answer_key if row["platform_id"] in asking]
    assert stored_keys_of(rows).isdisjoint(held_keys(data))


def test_every_file_report_adds_up(first_run):
    _, data = first_run
    assert [f.report.adds_up() for f in data.files] == [True] * 5
    assert sum(f.report.read for f in data.files) == ROWS_IN_FILES


def test_a_second_run_stores_nothing_new_and_fresh_starts_over(first_run):
    workdir, first = first_run
    again = run_demo(workdir)
    assert again.total.stored == 0
    assert again.total.duplicate == len(first.posts) + first.total.duplicate
    assert again.total.withheld == first.total.withheld + first.erased_after  # opted out: withheld now
    assert len(again.posts) == len(first.posts)
    fresh = run_demo(workdir, fresh=True)
    assert fresh.total.stored == first.total.stored


def test_the_demo_command_exits_0_and_prints_every_section(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tactful", "demo", "--workdir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=None,
    )
    assert result.returncode == 0, result.stderr
    for title in ("What was heard", "What needs a response", "What was filtered, and why"):
        assert title in result.stdout
    assert "(adds up)" in result.stdout


def test_a_working_folder_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "taken").write_text("not a folder")
    result = subprocess.run(
        [sys.executable, "-m", "tactful", "demo", "--workdir", str(tmp_path / "taken")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "error E100" in result.stderr


def test_fresh_deletes_only_the_database(tmp_path):
    for name in ("tactful.db", "tactful.db-wal", "notes.txt"):
        (tmp_path / name).write_text("x")
    assert prepare_workdir(tmp_path, fresh=False) is True
    assert prepare_workdir(tmp_path, fresh=True) is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_demo_secret_is_kept_in_the_folder_unless_the_environment_has_one(tmp_path, monkeypatch):
    monkeypatch.delenv("DEMO_TEST_SECRET", raising=False)
    ensure_secret(tmp_path, "DEMO_TEST_SECRET")
    kept = (tmp_path / SECRET_NAME).read_text()
    assert len(kept) == 64 and (tmp_path / SECRET_NAME).stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("DEMO_TEST_SECRET", "given-by-the-operator-" * 2)
    ensure_secret(tmp_path / "other", "DEMO_TEST_SECRET")
    assert not (tmp_path / "other" / SECRET_NAME).exists()
