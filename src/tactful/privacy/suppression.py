"""Small-cell suppression for breakdowns by author attributes.

Any cell describing fewer than ``k`` distinct authors is hidden (primary
suppression). Because a breakdown also publishes totals, one hidden cell in a
row or column could be recovered by subtraction, so the next smallest cell of
that row or column is hidden too (complementary suppression), repeated until
no row or column has exactly one hidden cell. Totals that themselves describe
fewer than ``k`` authors are hidden. Insights and the API both call ``suppress``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

Key = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class Cell:
    count: int | None  # None when suppressed
    authors: int | None
    suppressed: bool
    reason: str = ""  # "small_cell" or "complementary"


@dataclass(frozen=True, slots=True)
class Breakdown:
    cells: dict[Key, Cell]
    totals: dict[tuple[int, Hashable], Cell]  # (dimension index, value) -> marginal total
    k: int

    def visible(self) -> dict[Key, int]:
        return {key: c.count for key, c in self.cells.items() if c.count is not None}


def suppress(
    counts: Mapping[Key, int],
    authors: Mapping[Key, int],
    *,
    k: int = 10,
    total_authors: Mapping[tuple[int, Hashable], int] | None = None,
) -> Breakdown:
    """Suppress a breakdown whose cells carry a count and a distinct-author count.

    ``total_authors`` gives the distinct authors of each marginal total
    (dimension index, value); without it the cells' sum is used, which can
    overstate them when authors appear in several cells.
    """
    hidden: dict[Key, str] = {key: "small_cell" for key, n in authors.items() if n < k}
    groups = _groups(list(counts))
    changed = True
    while changed:
        changed = False
        for members in groups:
            in_group_hidden = [m for m in members if m in hidden]
            if len(in_group_hidden) == 1 and len(members) > 1:
                candidates = sorted((authors[m], counts[m], repr(m), m) for m in members if m not in hidden)
                hidden[candidates[0][3]] = "complementary"
                changed = True
    cells = {
        key: Cell(None, None, True, hidden[key]) if key in hidden else Cell(counts[key], authors[key], False)
        for key in counts
    }
    return Breakdown(cells, _totals(counts, authors, k, total_authors or {}), k)


def _groups(keys: list[Key]) -> list[list[Key]]:
    """Rows, columns, ...: cells that share all coordinates but one (one group per marginal total)."""
    if not keys:
        return []
    if len(keys[0]) == 1:
        return [keys]
    groups: dict[tuple[int, Key], list[Key]] = defaultdict(list)
    for key in keys:
        for free in range(len(key)):
            groups[(free, key[:free] + key[free + 1:])].append(key)
    return list(groups.values())


def _totals(
    counts: Mapping[Key, int], authors: Mapping[Key, int], k: int, known: Mapping[tuple[int, Hashable], int]
) -> dict[tuple[int, Hashable], Cell]:
    sums: dict[tuple[int, Hashable], list[int]] = defaultdict(lambda: [0, 0])
    for key, n in counts.items():
        for dim, value in enumerate(key):
            sums[(dim, value)][0] += n
            sums[(dim, value)][1] += authors[key]  # an upper bound on distinct authors
    out: dict[tuple[int, Hashable], Cell] = {}
    for tk, (n, a) in sums.items():
        distinct = known.get(tk, a)
        out[tk] = Cell(None, None, True, "small_cell") if distinct < k else Cell(n, distinct, False)
    return out
