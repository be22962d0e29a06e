"""Fitting linear heads: scaled columns are loosened while fitting; the exported weights absorb the scale."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from training.fit import SEED, fit_binary


@pytest.mark.parametrize(
    ("dense_scale", "tail_scale", "column_scale"),
    [
        ((0, 1.0), (0, 1.0), [1, 1, 1, 1]),
        ((2, 3.0), (0, 1.0), [1, 1, 3, 3]),
        ((2, 3.0), (1, 0.5), [1, 1, 3, 1.5]),  # the last column: dense x3, then tail x0.5
    ],
)
def test_exported_weights_score_unscaled_features(dense_scale, tail_scale, column_scale) -> None:
    rng = np.random.default_rng(0)
    x = sp.csr_matrix(rng.normal(size=(60, 4)))
    target = (x.toarray() @ [1.0, -1.0, 0.5, 2.0] > 0).astype(int)
    weights, bias = fit_binary(x, target, c=1.0, balanced=False, nb_columns=0,
                               dense_scale=dense_scale, tail_scale=tail_scale)
    scaled = x.toarray() * column_scale
    reference = LogisticRegression(C=1.0, max_iter=3000, random_state=SEED).fit(scaled, target)
    np.testing.assert_allclose(x @ weights + bias, reference.decision_function(scaled), atol=1e-4)
