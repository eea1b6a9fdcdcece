"""Contradictions: conflicting figures vs updates (time-aware), attribution conflicts, negations, dates."""

from __future__ import annotations

import datetime as dt

from manysides.compare.claims import align_claims
from manysides.compare.contradictions import (
    attribution_conflicts,
    date_conflicts,
    event_day,
    figure_topics,
    negations,
    refutes,
)
from manysides.compare.figures import find_figures
from manysides.models import Article, PubDate, QuoteCarrier, QuoteGroup, Sentence
from tests.conftest import SEEDS
from tests.seed_analysis import corpus_story, fixture_articles, seed_story


def _with(article: Article, **update: object) -> Article:
    return article.model_copy(update=update)


def _one_sentence(article: Article, article_id: str, outlet: str, body: str) -> Article:
    return _with(article, id=article_id, outlet=outlet, body=body, sentences=[Sentence(start=0, end=len(body))])


def test_seeds_civilians_who_fled_is_an_update_not_a_conflict() -> None:
    story = seed_story()
    fled = next(t for t in story.figure_topics if t.topic == "people|flee")
    assert fled.verdict == "update"
    values = {(f.outlet, f.value) for f in fled.figures}
    assert {("Stalker Zone", 21000), ("EA WorldView", 50000)} <= values
    assert "21,000" in fled.explanation and "50,000" in fled.explanation
    assert fled.explanation.index("21,000") < fled.explanation.index("50,000")  # shown as a series
    assert not [
        c
        for c in story.contradictions
        if c.kind == "figure"
        and "flee" in c.topic + fled.topic
        and any(s.value.lower().endswith("50,000") for s in c.sides)
    ]


def test_seeds_share_of_the_city_differs_and_the_baseline_is_named() -> None:
    story = seed_story()
    share = next(t for t in story.figure_topics if t.topic == "share|control")
    assert share.verdict == "conflict" and "since November 26" in share.explanation
    conflict = next(c for c in story.contradictions if c.kind == "figure")
    assert {s.outlet for s in conflict.sides} == {"EA WorldView", "Stalker Zone"}


def test_figures_same_day_conflict_and_growth_update() -> None:
    articles = fixture_articles()
    figures = [f for a in ("a1", "a2", "a3") for f in find_figures(articles[a])]
    (topic,) = figure_topics(figures)
    assert topic.verdict == "conflict"  # 8,500 and more than 12,000 on the same day
    assert "'8,500'" in topic.explanation and "'more than 12,000'" in topic.explanation
    assert "an update" in topic.explanation  # 3,000 on the 4th -> 8,500 on the 6th
    (grow,) = figure_topics([f for a in ("a1", "a2") for f in find_figures(articles[a])])
    assert grow.verdict == "update"


def test_figures_a_count_that_falls_later_is_a_conflict() -> None:
    articles = fixture_articles()
    later_smaller = _with(articles["a1"], id="late", date=articles["a2"].date, body=articles["a1"].body)
    earlier_larger = _with(articles["a2"], id="early", date=articles["a1"].date)
    figures = find_figures(later_smaller) + find_figures(earlier_larger)
    (topic,) = figure_topics(figures)
    assert topic.verdict == "conflict"


def test_attribution_conflicts_come_from_quote_groups() -> None:
    carriers = [
        QuoteCarrier(article_id="x", outlet="A", speaker="Jarek Oslin", text="We will not hand Kessa over"),
        QuoteCarrier(article_id="y", outlet="B", speaker="Tomas Reyl", text="We will not hand Kessa over"),
    ]
    groups = [
        QuoteGroup(text="We will not hand Kessa over", carriers=carriers, conflict=True),
        QuoteGroup(text="agreed", carriers=carriers[:1]),
    ]
    (conflict,) = attribution_conflicts(groups)
    assert conflict.kind == "attribution" and {s.value for s in conflict.sides} == {"Jarek Oslin", "Tomas Reyl"}


def test_corpus_attribution_conflict_and_displaced_figures() -> None:
    story = corpus_story()
    attribution = [c for c in story.contradictions if c.kind == "attribution"]
    assert any(
        "hand Kessa" in c.topic and {"Jarek Oslin", "Tomas Reyl"} <= {s.value for s in c.sides} for c in attribution
    )
    fled = next(t for t in story.figure_topics if t.topic == "people|flee")
    assert fled.verdict == "conflict" and "8,500" in fled.explanation and "12,000" in fled.explanation


def test_negation_needs_an_explicit_denial_of_the_same_statement() -> None:
    articles = fixture_articles()
    assert refutes("The army denied that it shelled the bridge.") and not refutes("It did not rain.")
    one = _one_sentence(articles["a1"], "n1", "One", "The army shelled the hospital in the Old Quarter.")
    two = _one_sentence(articles["a2"], "n2", "Two", "The army denied it shelled the hospital in the Old Quarter.")
    claims = align_claims([one, two], lambda a, s, e: (a.outlet, "own report"))
    (negation,) = negations(claims)
    assert {s.value for s in negation.sides} == {"denies", "asserts"}


def test_event_day_resolves_weekdays_back_from_publication_and_ignores_the_future() -> None:
    sunday = dt.date(2016, 12, 4)
    assert event_day("the message was delivered on Saturday", sunday) == dt.date(2016, 12, 3)
    assert event_day("a pause on October 20", dt.date(2017, 1, 5)) == dt.date(2016, 10, 20)
    assert event_day("the council was dissolved on 1 March", dt.date(2025, 3, 4)) == dt.date(2025, 3, 1)
    assert event_day("the corridor will close at noon on Thursday", sunday) is None
    assert event_day("talks would likely start on Tuesday or Wednesday", dt.date(2016, 12, 5)) is None
    assert event_day("the army has held it since Monday", sunday) is None  # a start, not the event's day


def test_event_day_of_seed_001_the_announced_pause_is_still_ahead() -> None:
    text = SEEDS.joinpath("001_ab95257468bf331e.txt").read_text(encoding="utf-8")
    sentence = next(s for s in text.split(". ") if "forthcoming humanitarian pause" in s and "November 4" in s)
    assert event_day(sentence, dt.date(2016, 11, 3)) is None  # 4 November, the day after publication


def test_date_conflicts_flag_one_statement_dated_to_different_days() -> None:
    template = fixture_articles()["a1"]
    said = (
        "Russian Foreign Minister Sergei Lavrov repeated on {} that there must be talks for the departure of all rebels"
    )

    def report(outlet: str, day: str, published: dt.date) -> Article:
        body = said.format(day) + " from Aleppo."
        return _with(_one_sentence(template, outlet, outlet, body), date=PubDate(value=published))

    ea = report("EA WorldView", "Saturday", dt.date(2016, 12, 4))
    arab = report("The New Arab", "Sunday", dt.date(2016, 12, 5))
    (conflict,) = date_conflicts(align_claims([ea, arab], lambda a, s, e: (a.outlet, "")), [ea, arab])
    assert conflict.kind == "date"
    assert {(s.outlet, s.value) for s in conflict.sides} == {
        ("EA WorldView", "2016-12-03"),
        ("The New Arab", "2016-12-04"),
    }
    agrees = report("The New Arab", "Saturday", dt.date(2016, 12, 5))  # Monday's 'on Saturday' is the 3rd too
    assert not date_conflicts(align_claims([ea, agrees], lambda a, s, e: (a.outlet, "")), [ea, agrees])
