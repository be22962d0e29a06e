"""The demo: a fictional airline, its competitors, and posts written for tactful (see data/README.md)."""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).parent
DEMO_CONFIG = DEMO_DIR / "skylark.toml"
DATA_DIR = DEMO_DIR / "data"


def demo_files() -> list[Path]:
    """Every demo data file tactful ingests, in a fixed order (the README is not data)."""
    return sorted(p for p in DATA_DIR.iterdir() if p.is_file() and p.suffix != ".md")
