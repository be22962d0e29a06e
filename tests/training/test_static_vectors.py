"""Distilling static word vectors: the PCA step is deterministic and keeps the strongest axes first."""

import numpy as np
from training.static_vectors import principal_components


def vectors() -> np.ndarray:
    rng = np.random.default_rng(1)
    return rng.normal(size=(200, 6)) * [5.0, 3.0, 2.0, 1.0, 0.5, 0.1] + 7.0


def test_components_are_centred_uncorrelated_and_by_decreasing_variance() -> None:
    reduced = principal_components(vectors(), 3)
    assert reduced.shape == (200, 3)
    np.testing.assert_allclose(reduced.mean(axis=0), 0.0, atol=1e-9)
    covariance = np.cov(reduced.T)
    np.testing.assert_allclose(covariance - np.diag(np.diag(covariance)), 0.0, atol=1e-8)
    assert list(np.diag(covariance)) == sorted(np.diag(covariance), reverse=True)


def test_the_sign_of_each_axis_is_fixed() -> None:
    """A negated input has the same axes up to sign; the fixed signs make its projection the negation."""
    negated = principal_components(-vectors(), 3)
    np.testing.assert_allclose(negated, -principal_components(vectors(), 3), atol=1e-9)
