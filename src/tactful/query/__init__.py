"""The brand query language: parser, compiler, matcher (docs/query.md).

    matcher = compile_queries(config.queries)      # once
    matched = match_posts(batch, matcher)          # per batch: keeps posts matching >= 1 query
"""

from tactful.query.compiler import compile_queries
from tactful.query.matcher import Matcher
from tactful.query.parser import parse_query
from tactful.query.stage import match_posts

__all__ = ["Matcher", "compile_queries", "match_posts", "parse_query"]
