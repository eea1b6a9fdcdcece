"""Claims and figures: numbers with what they count, their range and date; claims aligned across articles."""

from __future__ import annotations

from manysides.compare.claims import align_claims, claim_tokens, negated
from manysides.compare.figures import find_figures
from tests.seed_analysis import article_of, corpus_story, fixture_articles, seed_story


def _own(article_id: str, start: int, end: int) -> tuple[str, str]:
    return "src-" + article_id, "test"


def test_figures_read_qualifier_range_unit_and_what_is_counted() -> None:
    articles = fixture_articles()
    (some,) = find_figures(articles["a1"])
    assert (some.value, some.low, some.high, some.qualifier) == (3000, 2400, 3600, "some")
    assert some.topic == "people|flee" and some.unit == "people" and str(some.date) == "2025-03-04"
    (more,) = find_figures(articles["a3"])
    assert more.low == 12000 and more.high is None and more.qualifier == "more than"
    (risen,) = find_figures(articles["a2"])  # "the number of people who have fled ... has risen to 8,500"
    assert risen.value == 8500 and risen.topic == "people|flee"


def test_figures_skip_ages_years_times_and_days_but_read_shares() -> None:
    figures = find_figures(fixture_articles()["a4"])
    assert [f.text for f in figures] == ["About one-third"]
    share = figures[0]
    assert share.unit == "share" and abs(share.value - 1 / 3) < 1e-9 and share.baseline == "since March 1"


def test_figures_leave_the_numbers_of_time_expressions_to_timex() -> None:
    template = fixture_articles()["a1"]
    body = (
        "On 4 December 300 families fled the Old Quarter. Two years ago 500 residents fled. "
        "Some 2000 civilians fled in 2016."
    )
    article = template.model_copy(update={"body": body, "sentences": []})  # split on sentence ends
    assert [f.text for f in find_figures(article)] == ["300", "500", "Some 2000"]


def test_figures_on_the_seeds_civilians_who_fled() -> None:
    story = seed_story()
    stalker = [f for f in find_figures(article_of(story, "002")) if f.topic == "people|flee"]
    assert {f.low for f in stalker} == {21000} and all(f.high is None for f in stalker)
    assert stalker[0].date is None  # 002 carries no date: the figure's date stays unknown
    ea = [f for f in find_figures(article_of(story, "004")) if f.topic == "people|flee"]
    assert [(f.value, str(f.date)) for f in ea] == [(50000, "2016-12-04")]
    remain = [f for f in find_figures(article_of(story, "004")) if f.topic == "people|remain"]
    assert [f.value for f in remain] == [220000]


def test_claim_tokens_map_actor_labels_and_synonyms_to_one_key() -> None:
    assert claim_tokens("Rebels rejected the withdrawal") == claim_tokens("militants refused the exit")
    assert "not" in claim_tokens("They won't leave")


def test_negated_counts_denials() -> None:
    assert negated("The army denied that it shelled the bridge.")
    assert not negated("The army shelled the bridge.")
    assert not negated("It is not true that they did not leave.")


def test_align_claims_groups_the_same_statement_across_articles_only() -> None:
    articles = fixture_articles()
    claims = align_claims(list(articles.values()), lambda a, s, e: _own(a.id, s, e))
    fled = next(c for c in claims if "fled the Old Quarter" in c.text)
    assert {m.article_id for m in fled.mentions} == {"a1", "a2", "a3"}
    assert fled.text.startswith("Some 3,000")  # the earliest article's wording
    assert len(fled.sources) == 3 and not fled.single_source
    assert all(len({m.article_id for m in c.mentions}) == len(c.mentions) for c in claims)


def test_claims_on_the_seeds_rejection_carried_by_both_southfront_articles() -> None:
    story = seed_story()
    claim = next(c for c in story.claims if any("completely reject any exit" in m.text for m in c.mentions))
    files = {m.article_id for m in claim.mentions}
    assert {article_of(story, "000").id, article_of(story, "001").id} <= files


def test_claims_on_the_corpus_corridor_refusal_has_several_independent_outlets() -> None:
    story = corpus_story()
    widest = story.claims[0]
    assert len(widest.outlets) >= 4 and len(widest.sources) >= 3
    assert len(widest.sources) < len(widest.outlets)  # the wire copies count once
