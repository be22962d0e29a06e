from html.parser import HTMLParser

from tactful.config import parse_config
from tactful.privacy.transparency import to_html, to_markdown

CONFIG = parse_config({
    "brand": {"name": "Acme <Air>", "handles": {"bluesky": ["acme.bsky.social"], "mastodon": ["acme@x.social"]}},
    "queries": [{"name": "acme", "group": "brand", "query": "acme"},
                {"name": "rival", "group": "competitor:rival", "query": "rival"}],
    "retention": {"raw_text_days": 30, "vault_days": 7},
    "privacy": {"optout_phrases": ["stop listening"], "min_cell_size": 12},
})


def test_markdown_notice_states_what_why_how_long_who_and_opt_out_from_the_config():
    text = to_markdown(CONFIG)
    for heading in ("What we collect", "Where from", "Why", "How long", "Who sees it", "How to opt out"):
        assert f"## {heading}" in text
    for fact in ("Post text: 30 days", "7 days at most", '"stop listening"', "Bluesky", "Mastodon",
                 "rival (competitor:rival)", "fewer than 12 people"):
        assert fact in text


def test_html_notice_is_escaped_and_well_formed():
    page = to_html(CONFIG)
    assert "Acme &lt;Air&gt;" in page and "<Air>" not in page

    class Depth(HTMLParser):
        depth = 0

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta",):
                self.depth += 1

        def handle_endtag(self, tag):
            self.depth -= 1

    parser = Depth()
    parser.feed(page)
    assert parser.depth == 0
