from __future__ import annotations

import pytest

from tactful.sources.files.html_text import html_to_text


@pytest.mark.parametrize(
    "html,text",
    [
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("<p>line<br>next<br />last</p>", "line\nnext\nlast"),
        ("<p>Fish &amp; chips &lt;3 &#39;ok&#39; &eacute;</p>", "Fish & chips <3 'ok' é"),
        (
            '<p><a href="https://x.example/long/path" rel="nofollow"><span class="invisible">https://</span>'
            '<span class="ellipsis">x.example/lo</span><span class="invisible">ng/path</span></a></p>',
            "https://x.example/long/path",
        ),
        ("plain text, no tags", "plain text, no tags"),
        ("<p>a</p><script>alert(1)</script><p>b</p>", "a\n\nb"),
        ("<p>🏳️‍🌈 emoji stay whole</p>", "🏳️‍🌈 emoji stay whole"),
    ],
)
def test_html_becomes_plain_text(html, text):
    assert html_to_text(html).text == text


def test_links_skip_mentions_and_hashtags():
    html = (
        '<p><a href="https://m.example/@ann" class="u-url mention">@<span>ann</span></a> '
        '<a href="https://m.example/tags/x" class="mention hashtag">#<span>x</span></a> '
        '<a href="https://docs.example/a">docs</a> <a href="https://docs.example/a">again</a></p>'
    )
    assert html_to_text(html).links == ["https://docs.example/a"]
