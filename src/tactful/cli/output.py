"""Shared console objects and small output helpers for the CLI."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console

console = Console()
console_err = Console(stderr=True)


def print_json(data: Any) -> None:
    console.print_json(json.dumps(data, default=str, ensure_ascii=False))
