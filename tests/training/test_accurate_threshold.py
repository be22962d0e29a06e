"""A decision threshold folded into a sigmoid head's bias: P >= t before is P >= 0.5 after."""

from __future__ import annotations

import numpy as np
import pytest
from training.accurate import move_threshold

from tactful.understand.heads import LinearHead


def head() -> LinearHead:
    return LinearHead(name="offensive", labels=["not-offensive", "offensive"], inputs=["x"], kind="sigmoid",
                      weights=np.array([[1.0]], dtype=np.float32), bias=np.array([0.0], dtype=np.float32))


@pytest.mark.parametrize("threshold", [0.35, 0.5, 0.55, 0.65])
def test_labels_after_the_move_are_the_thresholded_labels_before(threshold: float) -> None:
    x = np.linspace(-3, 3, 61).reshape(-1, 1)
    before = head().probabilities(x)[:, 1] >= threshold
    moved = head()
    move_threshold(moved, threshold)
    after = moved.probabilities(x)[:, 1] >= 0.5
    inside = np.abs(head().probabilities(x)[:, 1] - threshold) > 1e-4  # float32 rounding at the edge
    np.testing.assert_array_equal(after[inside], before[inside])
    assert moved.meta["threshold"] == threshold
