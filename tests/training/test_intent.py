"""The joint intent model splits into a combiner and an ``intent_text`` head that add up to it."""

import numpy as np
import pytest
import scipy.sparse as sp
from training.intent import _split, _with_text

from tactful.understand.analyzers.intent import INTENTS, IntentCombiner

FEATURES = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
STATIC = np.array([[0.6, 0.8, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
TFIDF = sp.csr_matrix(np.array([[0, 0.5, 0, 0], [0, 0, 0, 1.0], [0, 0.3, 0, 0]]))


@pytest.mark.parametrize(
    ("blocks", "tfidf_first", "width", "inputs"),
    [
        ([STATIC], False, 0, ["static"]),  # the fast tier: dense vectors only
        ([TFIDF, STATIC], True, 4, ["tfidf", "static"]),  # TF-IDF columns that occur, then dense
    ],
)
def test_the_split_model_scores_like_the_joint_one(blocks, tfidf_first, width, inputs) -> None:
    joint_x, columns = _with_text(FEATURES, blocks, tfidf_first)
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(joint_x.shape[1], len(INTENTS)))
    joint = IntentCombiner(weights, rng.normal(size=len(INTENTS)), "t")
    combiner, head = _split(joint, FEATURES.shape[1], columns, width, inputs)
    text = sp.hstack([sp.csr_matrix(b) for b in blocks], format="csr")
    split_logits = FEATURES @ combiner.weights + combiner.bias + head.logits(text)
    np.testing.assert_allclose(split_logits, joint_x @ joint.weights + joint.bias, atol=1e-5)
    assert head.inputs == inputs
