import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from tactful.understand.features import Featurizer, TfidfBlock, char_wb_terms, prepare, word_terms

CORPUS = [
    "I love this 😍",
    "I don't love this at all!!!",
    "worst flight ever @united",
    "love love love",
    "where is my bag?",
    "the bag is here, thanks",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i love it", ["i", "love", "it", "i love", "love it"]),
        ("don't go!", ["don't", "go", "!", "don't go", "go !"]),
        ("@user hi 😍", ["@user", "hi", "😍", "@user hi", "hi 😍"]),
        ("#fail now", ["#fail", "now", "#fail now"]),
    ],
)
def test_word_terms(text: str, expected: list[str]) -> None:
    assert word_terms(text) == expected


def test_char_wb_terms_pad_each_word() -> None:
    assert char_wb_terms("ab", 2, 3) == [" a", "ab", "b ", " ab", "ab "]


@pytest.mark.parametrize("analyzer", ["word", "char"])
def test_block_matches_scikit_learn_tfidf(analyzer: str) -> None:
    prepared = [prepare(t) for t in CORPUS]
    ours = TfidfBlock.fit(analyzer, prepared, min_df=1)
    function = word_terms if analyzer == "word" else char_wb_terms
    theirs = TfidfVectorizer(analyzer=function, sublinear_tf=True, lowercase=False).fit(prepared)
    assert ours.terms == list(theirs.get_feature_names_out())
    np.testing.assert_allclose(
        ours.transform(prepared).toarray(), theirs.transform(prepared).toarray(), rtol=1e-5, atol=1e-6
    )


def test_min_df_and_max_features_keep_the_most_frequent_terms() -> None:
    block = TfidfBlock.fit("word", [prepare(t) for t in CORPUS], min_df=2, max_features=3)
    # "love" is in 3 posts; "bag", "i", "is", "love this", "this" in 2 (ties broken by the term)
    assert block.terms == ["bag", "i", "love"]


def test_rows_are_unit_length_and_unknown_text_is_zero() -> None:
    featurizer = Featurizer([TfidfBlock.fit("word", [prepare(t) for t in CORPUS], min_df=1)])
    rows = featurizer.transform(["I love this", "zzz qqq"]).toarray()
    assert rows[0] @ rows[0] == pytest.approx(1.0)
    assert not rows[1].any()


def test_repeated_words_hit_the_char_cache_with_identical_rows() -> None:
    block = TfidfBlock.fit("char", [prepare(t) for t in CORPUS], min_df=1)
    first = block.transform(["love this love"]).toarray()
    second = block.transform(["love this love"]).toarray()
    np.testing.assert_array_equal(first, second)
