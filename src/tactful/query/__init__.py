"""The brand query language: parser, compiler, matcher (docs/query.md)."""
