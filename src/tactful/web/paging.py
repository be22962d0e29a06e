"""Pagination for every list: ``limit`` (default 50, capped at 500) and ``offset``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def window(self, items: list[Any]) -> dict[str, Any]:
        """Wrap one page already cut from a list fetched with ``limit + 1`` rows (tells if more exist)."""
        more = len(items) > self.limit
        return {
            "items": items[: self.limit],
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": self.offset + self.limit if more else None,
        }

    def cut(self, items: list[Any]) -> dict[str, Any]:
        return self.window(items[self.offset : self.offset + self.limit + 1])


def page(
    limit: int = Query(DEFAULT_LIMIT, ge=1, description=f"Items per page; at most {MAX_LIMIT}."),
    offset: int = Query(0, ge=0, description="Items to skip."),
) -> Page:
    return Page(min(limit, MAX_LIMIT), offset)


PageParams = Annotated[Page, Depends(page)]
