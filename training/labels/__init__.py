"""Hand-labelled dev sets (ids and labels only; texts are joined from ../shared/data at build time)."""
