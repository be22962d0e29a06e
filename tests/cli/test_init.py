"""``tactful init``."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tactful.cli.init import example_config, write_example_config
from tactful.config import load_config
from tactful.engage.policy import build_policy
from tactful.errors import UsageError
from tactful.query import compile_queries


def run_cli(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tactful", *args], capture_output=True, text=True, cwd=cwd)


def test_init_writes_a_config_that_loads_and_compiles(tmp_path):
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = load_config(tmp_path / "tactful.toml")
    assert {q.group for q in config.queries} == {"brand", "product", "competitor:globex"}
    assert config.brand.handles
    assert len(compile_queries(config.queries).queries) == len(config.queries)
    assert build_policy(config.policy).version == "1"


@pytest.mark.parametrize("section", ["[brand]", "[[queries]]", "[store]", "[understand]", "[privacy]",
                                     "[retention]", "[policy]"])
def test_the_example_has_every_section(section):
    assert section in example_config()


def test_init_refuses_to_overwrite_without_force(tmp_path):
    (tmp_path / "tactful.toml").write_text("mine", encoding="utf-8")
    refused = run_cli("init", cwd=tmp_path)
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    assert (tmp_path / "tactful.toml").read_text(encoding="utf-8") == "mine"


def test_force_overwrites(tmp_path):
    (tmp_path / "tactful.toml").write_text("mine", encoding="utf-8")
    write_example_config(tmp_path / "tactful.toml", force=True)
    assert (tmp_path / "tactful.toml").read_text(encoding="utf-8") == example_config()


def test_a_directory_gets_tactful_toml_inside(tmp_path):
    assert write_example_config(tmp_path) == tmp_path / "tactful.toml"
    with pytest.raises(UsageError):
        write_example_config(tmp_path)
