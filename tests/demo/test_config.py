from tactful.config import load_config
from tactful.demo import DEMO_CONFIG


def test_the_demo_config_loads_with_the_brand_and_its_handles():
    config = load_config(DEMO_CONFIG)
    assert config.brand.name == "Skylark Airways"
    assert config.brand.handles == {
        "bluesky": ["skylarkair.bsky.social"],
        "mastodon": ["skylark@social.example"],
        "twitter": ["skylarkair", "skylarkhelp"],
    }


def test_the_demo_config_tracks_the_brand_and_both_competitors():
    config = load_config(DEMO_CONFIG)
    assert {q.group for q in config.queries} == {"brand", "competitor:northwind", "competitor:bluejay"}
    assert config.understand.aspects == "airline"
