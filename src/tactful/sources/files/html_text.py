"""Mastodon status HTML to plain text, with the links it points to (stdlib html.parser only).

``<p>`` and ``<br>`` become line breaks, entities are unescaped, and the
``invisible``/``ellipsis`` spans Mastodon uses to shorten link text are kept,
so a link reads in full. Anchors classed ``mention`` or ``hashtag`` are not
counted as links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "blockquote", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style"}
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACE_BEFORE_NEWLINE = re.compile(r"[ \t]+\n")


@dataclass
class HtmlText:
    text: str
    links: list[str] = field(default_factory=list)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._break_paragraph()
        elif tag == "a":
            self._note_link(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._break_paragraph()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def _break_paragraph(self) -> None:
        if self.parts:
            self.parts.append("\n\n")

    def _note_link(self, attrs: dict[str, str | None]) -> None:
        classes = (attrs.get("class") or "").split()
        href = attrs.get("href")
        if href and "mention" not in classes and "hashtag" not in classes:
            self.links.append(href)


def html_to_text(html: str) -> HtmlText:
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    text = _SPACE_BEFORE_NEWLINE.sub("\n", "".join(parser.parts))
    return HtmlText(_BLANK_LINES.sub("\n\n", text).strip(), list(dict.fromkeys(parser.links)))
