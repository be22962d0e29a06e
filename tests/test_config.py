import pytest

from tactful.config import load_config, parse_config
from tactful.errors import ConfigError


def test_minimal_config_gets_defaults():
    config = parse_config({"brand": {"name": "Acme", "handles": {"bluesky": ["@Acme.bsky.social"]}}})
    assert config.brand.handles == {"bluesky": ["acme.bsky.social"]}
    assert config.store.url.startswith("sqlite:///")


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({}, "brand"),
        ({"brand": {"name": "A"}, "queries": [{"name": "q", "group": "rival", "query": "a"}]}, "queries.0.group"),
        ({"brand": {"name": "A", "colour": "red"}}, "brand.colour"),
        ({"brand": {"name": "A"}, "understand": {"tier": "huge"}}, "understand.tier"),
        ({"brand": {"name": "A"}, "policy": {"rules": [{"id": "x", "when": {"mood": 1}, "action": "observe",
                                                        "explain": "."}]}}, "policy.rules.0.when"),
        ({"brand": {"name": "A"}, "policy": {"rules": [{"id": "x", "action": "respond", "explain": "."}]}},
         "policy.rules"),
        ({"brand": {"name": "A"}, "inbox": {"sends_per_hour": 0}}, "inbox.sends_per_hour"),
        ({"brand": {"name": "A"}, "inbox": {"sla": {"pr": {"first_response_minutes": 0}}}},
         "inbox.sla.pr.first_response_minutes"),
        ({"brand": {"name": "A"}, "inbox": {"templates": [{"id": "t", "intent": "complaint",
                                                           "text": "{greeting}your refund has been sent"}]}},
         "inbox.templates.0.text"),
        ({"brand": {"name": "A"}, "inbox": {"templates": [{"id": "t", "intent": "complaint",
                                                           "text": "Hi {handle}"}]}}, "inbox.templates.0.text"),
    ],
)
def test_invalid_config_names_file_and_key(data, key):
    with pytest.raises(ConfigError) as err:
        parse_config(data, source="t.toml")
    assert err.value.message.startswith(f"t.toml: key '{key}'")


def test_missing_file_and_bad_toml_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("brand = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


def test_the_inbox_section_has_safe_defaults():
    config = parse_config({"brand": {"name": "Acme"}})
    assert config.inbox.replies_disabled is False and config.inbox.sends_per_hour == 30
    assert config.inbox.sla["default"].first_response_minutes == 60
