"""The extraction benchmark's scorers follow the rules the sets' READMEs give."""

from __future__ import annotations

from benchmarks.extraction_sets import (
    Case,
    comment_lines,
    found_share,
    shingle_pr,
    shingle_scores,
    snippet_counts,
    snippet_scores,
    token_prf,
)


def test_extract_bench_shingles_as_article_extraction_readme() -> None:
    truth = "one two three four five"
    assert shingle_pr(truth, truth) == (1.0, 1.0)
    precision, recall = shingle_pr(truth, "one two three four five six")
    assert (precision, recall) == (2 / 3, 1.0)
    assert shingle_pr("a b", "a b") == (1.0, 1.0)  # under 4 tokens: one shingle of all of them
    assert shingle_pr(truth, "") == (None, 0.0)  # nothing predicted: precision undefined
    scores = shingle_scores([(1.0, 1.0), (None, 0.0)])
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5


def test_extract_bench_snippets_pooled_with_whitespace_squashed() -> None:
    case = Case("k", None, b"", with_=["Die  GEMA dreht", "fehlt"], without=["Impressum"])
    assert snippet_counts(case, "Text: Die GEMA\ndreht völlig. Impressum") == (1, 1, 1, 0)
    scores = snippet_scores([(1, 1, 1, 0), (3, 0, 0, 3)])
    assert scores["f1"] == 2 * 4 / (2 * 4 + 1 + 1)


def test_extract_bench_tokens_and_comment_leaks() -> None:
    assert token_prf("Kosovo?s future", "Kosovo’s future")[2] == 1.0  # the '?' of the annotated copy is harmless
    case = Case("k", None, b"", comments="Great article, thanks a lot!\nok\nI disagree with every word here")
    lines = comment_lines(case)
    assert lines == ["great article thanks a lot", "i disagree with every word here"]
    assert found_share(lines, "Body text. Great article, thanks a lot! More body.") == 1


def test_extract_bench_comment_quoting_the_article_is_not_a_leak() -> None:
    case = Case(
        "k",
        None,
        b"",
        truth="Black women have jumped to Obama by 24 points. More text.",
        comments="Black women have jumped to Obama by 24 points\nSo the polls were wrong after all",
    )
    assert comment_lines(case) == ["so the polls were wrong after all"]
