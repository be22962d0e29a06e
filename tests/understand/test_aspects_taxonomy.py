from pathlib import Path

import pytest

from tactful.errors import ConfigError
from tactful.understand.analyzers.aspects import clause_at, lexicon_scores, polarity
from tactful.understand.aspects import load_taxonomy, parse_taxonomy, presets

AIRLINE = [
    "delay",
    "cancellation",
    "customer_service",
    "baggage",
    "booking",
    "crew",
    "queues",
    "inflight",
    "price",
    "loyalty",
]


def test_presets_cover_the_common_industries() -> None:
    assert {"airline", "telecom", "retail", "software", "banking"} <= set(presets())


def test_airline_preset_has_exactly_the_contract_names() -> None:
    assert load_taxonomy("airline").names == AIRLINE


@pytest.mark.parametrize("preset", ["airline", "telecom", "retail", "software", "banking"])
def test_every_preset_parses_with_unique_names(preset: str) -> None:
    names = load_taxonomy(preset).names
    assert len(names) == len(set(names)) >= 5


@pytest.mark.parametrize(
    ("text", "aspects"),
    [
        ("my flight was delayed 3 hours", {"delay"}),
        ("they cancelled my flight and lost my bag", {"cancellation", "baggage"}),
        ("the flight attendant was rude", {"crew", "customer_service"}),
        ("waited in a long line at security", {"queues"}),
        ("no wifi and the seats are dirty", {"inflight", "booking"}),
        ("what a lovely day", set()),
        ("bagel for breakfast", set()),  # whole words only: "bag" is not in "bagel"
    ],
)
def test_airline_lexicon_hits(text: str, aspects: set[str]) -> None:
    assert set(lexicon_scores(load_taxonomy("airline"), text)) == aspects


def test_more_hits_score_higher() -> None:
    taxonomy = load_taxonomy("airline")
    one = lexicon_scores(taxonomy, "my bag")["baggage"][0]
    two = lexicon_scores(taxonomy, "my bag and my luggage")["baggage"][0]
    assert two > one


def test_a_taxonomy_file_can_be_given_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\n[[aspect]]\nname = "speed"\nkeywords = ["slow*"]\n')
    taxonomy = load_taxonomy(path)
    assert taxonomy.names == ["speed"]
    assert set(lexicon_scores(taxonomy, "so slowww")) == {"speed"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "at least one"),
        ({"aspect": [{"keywords": ["x"]}]}, "name"),
        ({"aspect": [{"name": "x"}]}, "keywords"),
    ],
)
def test_invalid_taxonomies_are_config_errors(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_taxonomy(data)


def test_unknown_preset_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown aspect preset 'spaceflight' .known: airline, banking"):
        load_taxonomy("spaceflight")


def test_presets_missing_beside_the_package_say_how_to_install(tmp_path, monkeypatch) -> None:
    import tactful.understand.aspects as aspects

    monkeypatch.setattr(aspects, "PRESETS_DIR", tmp_path)  # as when imported from a zip
    with pytest.raises(ConfigError, match="no presets found beside the package"):
        load_taxonomy("airline")


@pytest.mark.parametrize(
    ("text", "offset", "clause"),
    [
        ("love the crew but my bag is lost", 2, "love the crew"),
        ("love the crew but my bag is lost", 22, "my bag is lost"),
        ("my bag is lost", 3, None),
    ],
)
def test_clause_at(text: str, offset: int, clause: str | None) -> None:
    found = clause_at(text, offset)
    assert (found.strip() if found else None) == clause


@pytest.mark.parametrize(("valence", "label"), [(0.6, "positive"), (-0.4, "negative"), (0.0, "neutral")])
def test_polarity_falls_back_to_the_post_sentiment_when_flat(valence: float, label: str) -> None:
    assert polarity(valence, "neutral") == label


@pytest.mark.parametrize(
    ("clause", "sign"),
    [
        ("love the crew", 1),
        ("my bag is lost", -1),
        ("the crew was not helpful", -1),
        ("the gate is b12", 0),
    ],
)
def test_clause_lexicon_polarity(clause: str, sign: int) -> None:
    from tactful.understand.lexicon import lexicon_polarity

    value = lexicon_polarity(clause)
    assert (value > 0) - (value < 0) == sign
