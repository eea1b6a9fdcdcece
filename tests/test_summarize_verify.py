"""The verifier and neutral naming on small hand-made articles (tests/data/summarize/hand_articles.json)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from manysides.models import Article, Citation, PubDate, Quote, SummarySentence
from manysides.summarize.compose import attribute
from manysides.summarize.naming import _loaded_terms, loaded_terms, neutralize, story_names
from manysides.summarize.opinion import opinion_cues
from manysides.summarize.story import sentence_count
from manysides.summarize.verify import Verifier, own_voice_loaded, verify
from tests.conftest import ROOT, SEEDS

HAND = ROOT / "tests" / "data" / "summarize" / "hand_articles.json"


def _article(row: dict[str, object]) -> Article:
    body = str(row["body"])
    quotes = []
    for q in row["quotes"]:  # type: ignore[attr-defined]
        start = body.index(q["text"])
        quotes.append(
            Quote(text=q["text"], start=start, end=start + len(q["text"]), speaker=q["speaker"], kind=q["kind"])
        )
    return Article(
        id=str(row["id"]),
        page_id=str(row["id"]),
        source="hand",
        outlet=str(row["outlet"]),
        body=body,
        date=PubDate(value=dt.date.fromisoformat(str(row["date"])), source="manifest"),
        quotes=quotes,
    )


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    rows = json.loads(HAND.read_text(encoding="utf-8"))["articles"]
    return {a.id: a for a in map(_article, rows)}


def cite(article: Article, passage: str) -> Citation:
    start = article.body.index(passage)
    return Citation(article_id=article.id, outlet=article.outlet, start=start, end=start + len(passage), quote=passage)


NAMES = {"armed opposition": "fighters", "government": "government"}


def check(text: str, citations: list[Citation], articles: dict[str, Article]) -> bool:
    return verify(SummarySentence(text=text, citations=citations), articles, NAMES)


def test_verify_accepts_a_sentence_its_passages_carry(articles: dict[str, Article]) -> None:
    a1, a2 = articles["a1"], articles["a2"]
    own = cite(a1, "About 4,000 people left the port district on Friday, the relief agency said.")
    other = cite(a2, "Some 4,000 residents have left the port district since Friday, according to the relief agency.")
    assert check("About 4,000 people left the port district on Friday, the relief agency said.", [own, other], articles)


def test_verify_rejects_a_figure_the_passage_does_not_give(articles: dict[str, Article]) -> None:
    own = cite(articles["a1"], "About 4,000 people left the port district on Friday, the relief agency said.")
    assert not check("About 5,000 people left the port district on Friday, the relief agency said.", [own], articles)


def test_verify_rejects_a_quote_credited_to_the_wrong_speaker(articles: dict[str, Article]) -> None:
    a1 = articles["a1"]
    passage = cite(a1, "We will not leave the docks")
    assert check("Anna Weller says “We will not leave the docks”.", [passage], articles)
    assert not check("Petra Lind says “We will not leave the docks”.", [passage], articles)


def test_verify_rejects_words_not_in_the_quote(articles: dict[str, Article]) -> None:
    passage = cite(articles["a1"], "We will not leave the docks")
    assert not check("Anna Weller says “We will never leave the docks”.", [passage], articles)


def test_verify_rejects_a_citation_that_supports_nothing(articles: dict[str, Article]) -> None:
    own = cite(articles["a1"], "About 4,000 people left the port district on Friday, the relief agency said.")
    unrelated = cite(articles["a2"], "The government sent troops to the bridge on Thursday.")
    text = "About 4,000 people left the port district on Friday, the relief agency said."
    assert not check(text, [own, unrelated], articles)


def test_verify_rejects_offsets_that_do_not_match_the_body(articles: dict[str, Article]) -> None:
    good = cite(articles["a1"], "The regime sent troops to the bridge.")
    shifted = good.model_copy(update={"start": good.start + 1, "end": good.end + 1})
    assert not check("The government sent troops to the bridge.", [shifted], articles)
    outside = good.model_copy(update={"end": len(articles["a1"].body) + 10, "quote": ""})
    assert not check("The government sent troops to the bridge.", [outside], articles)


def test_verify_accepts_the_neutral_name_in_place_of_a_loaded_label(articles: dict[str, Article]) -> None:
    passage = cite(articles["a1"], "The regime sent troops to the bridge.")
    assert check("The government sent troops to the bridge.", [passage], articles)
    assert not check("The army of the junta sent troops to the bridge.", [passage], articles)


def test_verify_dispute_needs_each_side_from_its_own_passage(articles: dict[str, Article]) -> None:
    side_a = cite(articles["a1"], "The regime sent troops to the bridge.")
    side_b = cite(articles["a2"], "The government sent troops to the bridge on Thursday.")
    text = (
        "Harbour Post says “The regime sent troops to the bridge”; "
        "Valley Times says “sent troops to the bridge on Thursday”."
    )
    assert check(text, [side_a, side_b], articles)
    assert not check(text, [side_a], articles)  # the second clause has no passage of its own


def test_naming_replaces_loaded_labels_outside_quotes_only() -> None:
    names = story_names(["Opposition fighters held the port.", "Rebels held the port."])
    assert names["armed opposition"] == "opposition fighters"
    text = 'Militants held the port, and a terrorist was seen. "The terrorists will pay," he said.'
    out = neutralize(text, names)
    assert out.startswith("Opposition fighters held the port, and an opposition fighter was seen.")
    assert '"The terrorists will pay,"' in out
    assert loaded_terms(out) == []
    assert loaded_terms("The so-called council met.") == ["so-called"]


def test_naming_scare_quotes_are_the_writer_s_voice() -> None:
    assert loaded_terms("The ‘moderate’ opposition refused.") == ["‘moderate’ opposition"]
    assert neutralize("The ‘moderate’ opposition refused.", {}) == "The opposition refused."


def test_own_voice_loaded_spares_quotations_not_paraphrase(articles: dict[str, Article]) -> None:
    quoted = cite(articles["a1"], '"The terrorists burned the depot," the mayor said.')
    sentence = SummarySentence(text='"The terrorists burned the depot," the mayor said.', citations=[quoted])
    assert own_voice_loaded(sentence, articles) == []
    # reported speech is the writer's paraphrase: its labels count as the summary's own
    reported = cite(articles["a1"], "Militants fired on the ferry, police said.")
    paraphrase = SummarySentence(text="Militants fired on the ferry, police said.", citations=[reported])
    assert own_voice_loaded(paraphrase, articles) == ["Militants"]
    own = cite(articles["a1"], "The regime sent troops to the bridge.")
    assert own_voice_loaded(SummarySentence(text="The regime sent troops to the bridge.", citations=[own]), articles)


def test_summary_length_is_a_setting() -> None:
    assert sentence_count("headline") == 1
    assert sentence_count("paragraph") < sentence_count("page")
    assert sentence_count(3) == 3
    with pytest.raises(ValueError, match="unknown summary length"):
        sentence_count("essay")


def test_quick_loaded_test_misses_no_label_of_the_seed_pages() -> None:
    """The one-pattern pre-check may over-match but never skip a sentence the full lexicon flags."""
    flagged = 0
    for page in sorted(SEEDS.glob("*.txt")):
        for line in page.read_text(encoding="utf-8").splitlines():
            slow = list(_loaded_terms(line, ()))
            assert loaded_terms(line) == slow, line
            flagged += bool(slow)
    assert flagged >= 10  # the seeds call the fighters 'militants' and 'terrorists' often


def test_one_verifier_per_story_gives_the_same_verdicts_as_fresh_checks(articles: dict[str, Article]) -> None:
    a1, a2 = articles["a1"], articles["a2"]
    own = cite(a1, "About 4,000 people left the port district on Friday, the relief agency said.")
    other = cite(a2, "Some 4,000 residents have left the port district since Friday, according to the relief agency.")
    texts = [
        "About 4,000 people left the port district on Friday, the relief agency said.",
        "About 5,000 people left the port district on Friday, the relief agency said.",
        "About 4,000 people left the port district on Monday, the relief agency said.",
    ]
    checker = Verifier(articles, NAMES)
    for _ in range(2):  # the second round reads every passage and clause from the verifier's memory
        verdicts = [checker.verify(SummarySentence(text=t, citations=[own, other])) for t in texts]
        assert verdicts == [check(t, [own, other], articles) for t in texts] == [True, False, False]
    assert checker.support(texts[1], own).reason.startswith("figure not in the passage")


def test_opinion_cues_tell_a_view_from_a_report() -> None:
    assert opinion_cues("The army opened a corridor out of the Old Quarter on Tuesday.") == []
    assert opinion_cues("The US and Russia met in Geneva on Friday.") == []  # a country, not 'us'
    assert opinion_cues('The mayor said "we must act" on Friday.') == []  # the mayor's words, quoted
    assert opinion_cues("The deal could collapse within days.") == ["could"]
    assert opinion_cues("The reckless plan was approved.") == ["reckless"]
    assert opinion_cues("We will not forget the victims.") == ["We"]
    assert opinion_cues("Who will pay for the bridge?")


def test_a_view_is_credited_to_its_outlet_at_its_end(articles: dict[str, Article]) -> None:
    a1 = articles["a1"]
    assert (
        attribute("The deal could collapse within days.", a1)
        == f"The deal could collapse within days, {a1.outlet} reports."
    )
    assert attribute('"We will stay," he said.', a1).startswith(f"{a1.outlet} reports: ")
