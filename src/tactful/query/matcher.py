"""The ``Matcher``: many compiled queries, tested against one post at a time.

Each post is prepared once; the prefilter names the queries that could match,
the post is tokenised once (only when some query needs it), and only those
queries are evaluated. ``prefilter=False`` evaluates every query on every post:
the reference the prefilter must agree with, and the benchmark's baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tactful.query.ast import Node
from tactful.query.document import build_document, extra_search_text
from tactful.query.evaluate import Predicate
from tactful.query.prefilter import Prefilter, literal_cover
from tactful.query.text import prepare_text
from tactful.records import Post, QueryMatch


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    name: str
    group: str
    source: str  # the query as written
    tree: Node
    predicate: Predicate


class Matcher:
    """Build with ``compile_queries``; ``match(post)`` lists the queries a post matches, in config order."""

    def __init__(self, queries: Sequence[CompiledQuery], *, prefilter: bool = True) -> None:
        self.queries = tuple(queries)
        self.uses_prefilter = prefilter
        # Without the prefilter no query has a cover, so every query is a candidate for every post.
        covers = {i: literal_cover(q.tree) for i, q in enumerate(self.queries)} if prefilter else {}
        self._always = sorted(i for i in range(len(self.queries)) if covers.get(i) is None)
        self._prefilter = Prefilter({i: c for i, c in covers.items() if c is not None})

    @property
    def always_candidates(self) -> int:
        """How many queries the prefilter cannot rule out for any post (pure NOTs, field filters)."""
        return len(self._always)

    def candidates(self, post: Post, prepared: str) -> list[int]:
        if not self.uses_prefilter:
            return self._always
        found = self._prefilter.candidates(prepared + extra_search_text(post))
        if self._always:
            found.update(self._always)
        return sorted(found)

    def match(self, post: Post) -> list[QueryMatch]:
        prepared = prepare_text(post.text or "")
        candidates = self.candidates(post, prepared)
        if not candidates:
            return []
        doc = build_document(post, prepared)
        queries = self.queries
        return [QueryMatch(queries[i].name, queries[i].group)
                for i in candidates if queries[i].predicate(doc)]

    def __reduce__(self) -> tuple[Any, ...]:
        # Compiled predicates are closures; rebuild from the sources so a Matcher travels to Spark workers.
        return (_rebuild, ([(q.name, q.group, q.source) for q in self.queries], self.uses_prefilter))


def _rebuild(sources: list[tuple[str, str, str]], prefilter: bool) -> Matcher:
    from tactful.query.compiler import compile_sources

    return compile_sources(sources, prefilter=prefilter)
