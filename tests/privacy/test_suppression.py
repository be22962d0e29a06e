import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tactful.privacy.suppression import suppress


def one_d(**cells):
    counts = {(k,): v[0] for k, v in cells.items()}
    authors = {(k,): v[1] for k, v in cells.items()}
    return counts, authors


def test_cells_with_enough_authors_are_shown():
    result = suppress(*one_d(en=(120, 50), de=(40, 12)), k=10)
    assert result.visible() == {("en",): 120, ("de",): 40}


def test_a_small_cell_is_hidden_with_its_reason_and_the_next_smallest_too():
    result = suppress(*one_d(en=(120, 50), de=(40, 12), fr=(9, 3)), k=10)
    assert result.cells[("fr",)].reason == "small_cell"
    assert result.cells[("de",)].reason == "complementary"
    assert result.visible() == {("en",): 120}


def test_two_small_cells_need_no_complement():
    result = suppress(*one_d(en=(120, 50), fr=(9, 3), it=(5, 2)), k=10)
    assert result.visible() == {("en",): 120}
    assert {c.reason for c in result.cells.values() if c.suppressed} == {"small_cell"}


def test_suppression_counts_authors_not_posts():
    # 500 posts from 3 people is still a small cell.
    result = suppress(*one_d(en=(120, 50), de=(40, 30), spam=(500, 3)), k=10)
    assert result.cells[("spam",)].suppressed


def test_totals_with_few_distinct_authors_are_hidden():
    counts, authors = one_d(a=(12, 4), b=(11, 5))
    result = suppress(counts, authors, k=10, total_authors={(0, "a"): 4, (0, "b"): 5})
    assert all(c.suppressed for c in result.totals.values())


def test_two_dimensional_breakdown_protects_rows_and_columns():
    counts = {("en", "neg"): 50, ("en", "pos"): 60, ("de", "neg"): 3, ("de", "pos"): 40}
    authors = {("en", "neg"): 40, ("en", "pos"): 45, ("de", "neg"): 2, ("de", "pos"): 30}
    result = suppress(counts, authors, k=10)
    hidden = {key for key, c in result.cells.items() if c.suppressed}
    assert ("de", "neg") in hidden
    # The de row and the neg column must each hide a second cell, so ("de","neg") can't be recovered.
    assert ("de", "pos") in hidden and ("en", "neg") in hidden


@given(
    st.dictionaries(
        st.tuples(st.sampled_from("abcde"), st.sampled_from("xyz")),
        st.tuples(st.integers(1, 200), st.integers(1, 40)),
        min_size=1,
    )
)
def test_no_row_or_column_ever_has_exactly_one_hidden_cell(cells):
    counts = {k: max(v) for k, v in cells.items()}
    authors = {k: min(v) for k, v in cells.items()}
    result = suppress(counts, authors, k=10)
    for key, cell in result.cells.items():
        assert cell.suppressed == (cell.count is None)
        if authors[key] < 10:
            assert cell.suppressed
    for dim in (0, 1):
        for fixed, members in itertools.groupby(sorted(counts, key=lambda k: k[1 - dim]), key=lambda k: k[1 - dim]):
            members = list(members)
            hidden = [m for m in members if result.cells[m].suppressed]
            assert len(members) == 1 or len(hidden) != 1


@pytest.mark.parametrize("k", [2, 5, 10, 25])
def test_nothing_below_k_is_ever_visible(k):
    counts, authors = one_d(a=(100, 30), b=(50, 24), c=(10, 9), d=(7, 4), e=(3, 1))
    result = suppress(counts, authors, k=k)
    assert all(authors[key] >= k for key in result.visible())
