import numpy as np
import pytest
import scipy.sparse as sp

from tactful.errors import ModelError
from tactful.understand.heads import LinearHead, softmax, stack_inputs


def head(kind: str, labels: list[str], weights: list[list[float]], bias: list[float]) -> LinearHead:
    return LinearHead(
        "t", labels, ["tfidf"], kind, np.array(weights, dtype=np.float32), np.array(bias, dtype=np.float32)
    )


def test_softmax_head_gives_rows_that_sum_to_one() -> None:
    h = head("softmax", ["a", "b", "c"], [[1, 0, 0], [0, 2, 0]], [0, 0, 0])
    p = h.probabilities(sp.csr_matrix([[1.0, 0.0], [0.0, 1.0]]))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert p.argmax(axis=1).tolist() == [0, 1]


@pytest.mark.parametrize(("x", "positive"), [(0.0, 0.5), (100.0, 1.0), (-100.0, 0.0)])
def test_sigmoid_head_gives_no_and_yes_columns(x: float, positive: float) -> None:
    h = head("sigmoid", ["no", "yes"], [[1.0]], [0.0])
    p = h.probabilities(np.array([[x]]))
    assert p[0, 1] == pytest.approx(positive, abs=1e-6)
    assert p[0].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("kind", "labels", "weights"),
    [
        ("sigmoid", ["no", "yes"], [[1.0, 2.0]]),  # a sigmoid head has one column
        ("softmax", ["a", "b", "c"], [[1.0, 2.0]]),  # one column per label
        ("relu", ["a"], [[1.0]]),
    ],
)
def test_inconsistent_heads_are_model_errors(
    kind: str, labels: list[str], weights: list[list[float]]
) -> None:
    with pytest.raises(ModelError):
        head(kind, labels, weights, [0.0] * len(weights[0]))


def test_wrong_feature_width_is_a_model_error() -> None:
    h = head("sigmoid", ["no", "yes"], [[1.0], [1.0]], [0.0])
    with pytest.raises(ModelError):
        h.probabilities(np.ones((1, 3)))


def test_softmax_is_stable_for_large_logits() -> None:
    assert np.isfinite(softmax(np.array([[1000.0, 0.0]]))).all()


def test_stack_inputs_places_dense_blocks_beside_sparse_ones() -> None:
    stacked = stack_inputs([sp.csr_matrix(np.eye(2)), np.array([[5.0], [6.0]])])
    assert stacked.toarray().tolist() == [[1, 0, 5], [0, 1, 6]]
