"""Framing: the naming matrix, loaded wording, scare quotes, editorial sentences, distinctive words, omissions."""

from __future__ import annotations

from manysides.compare.framing import distinctive_words, mark_wording, naming_matrix, omissions
from manysides.compare.lexicons import lexicon_sources
from manysides.models import Article, Claim, ClaimMention, NamingCell, Sentence
from tests.seed_analysis import article_of, corpus_story, fixture_articles, seed_story


def _cell(cells: list[NamingCell], outlet: str, label: str) -> NamingCell:
    return next(
        (c for c in cells if c.outlet == outlet and c.label == label), NamingCell(outlet=outlet, actor="", label=label)
    )


def test_seeds_naming_matrix_terrorists_and_militants_in_southfront_own_voice() -> None:
    naming = seed_story().framing.naming
    assert _cell(naming, "SouthFront", "terrorists").own_voice >= 3
    assert _cell(naming, "SouthFront", "militants").own_voice >= 3
    assert _cell(naming, "SouthFront", "rebels").count == 0  # "Rebels" is only in the reader comments
    moderate = _cell(naming, "SouthFront", "'moderate' opposition")
    assert moderate.scare_quoted >= 3 and moderate.actor == "armed opposition"
    example = _cell(naming, "SouthFront", "terrorists").examples[0]
    assert "terrorist" in example.lower()


def test_seeds_naming_matrix_rebels_in_ea_worldview_and_the_new_arab() -> None:
    naming = seed_story().framing.naming
    for outlet in ("EA WorldView", "The New Arab"):
        assert _cell(naming, outlet, "rebels").own_voice >= 3
        assert _cell(naming, outlet, "militants").own_voice == 0
    # The New Arab prints "terrorists" mostly inside Lavrov's quotes, not in its own voice
    terrorists = _cell(naming, "The New Arab", "terrorists")
    assert terrorists.quoted > terrorists.own_voice
    assert _cell(naming, "Stalker Zone", "jihadists").own_voice >= 1


def test_seeds_southfront_editorial_paragraph_and_scare_quotes_are_marked() -> None:
    story = seed_story()
    marks = [m for m in story.framing.marks if m.article_id == article_of(story, "000").id]
    editorial = [m for m in marks if m.kind == "editorial"]
    assert any("strong statement" in m.text for m in editorial)
    assert all(m.own_voice for m in editorial)
    assert not any("Malahifji" in m.text for m in editorial)  # quoted speech is not the outlet's opinion
    assert any(m.kind == "scare_quote" and "moderate" in m.text for m in marks)


def test_quoted_loaded_words_are_not_the_outlet_s_voice() -> None:
    story = seed_story()
    new_arab = article_of(story, "003").id
    loaded = [m for m in story.framing.marks if m.article_id == new_arab and m.kind == "loaded"]
    assert any(m.text.lower().startswith("terrorist") and not m.own_voice for m in loaded)


def test_fixture_scare_quote_after_so_called_and_editorial_sentence() -> None:
    marks = mark_wording(fixture_articles()["a3"])
    assert any(m.kind == "scare_quote" and m.text == "'peace plan'" for m in marks)
    editorial = [m.text for m in marks if m.kind == "editorial"]
    assert "It is clear that the terrorists will never win." in editorial
    assert not any("committee said" in t for t in editorial)  # attributed, not the outlet's voice


def _article(outlet: str, body: str) -> Article:
    return Article(id=outlet, page_id=outlet, source=outlet, outlet=outlet, body=body,
                   sentences=[Sentence(start=0, end=len(body))])  # fmt: skip


def test_distinctive_words_use_log_odds_not_raw_counts() -> None:
    shared = "city bridge army river " * 30
    a = _article("A", shared + "regime " * 12 + "junta " * 3)
    b = _article("B", shared + "government " * 12 + "authorities " * 3)
    words = {(d.outlet, d.word) for d in distinctive_words([a, b])}
    assert ("A", "regime") in words and ("B", "government") in words
    assert not {w for _, w in words} & {"city", "bridge", "army", "river"}  # common to both: not distinctive


def test_omissions_list_claims_two_other_outlets_report() -> None:
    mention = [ClaimMention(article_id=o, outlet=o, start=0, end=5, text="x", source=o) for o in ("A", "B")]
    claim = Claim(id="c1", text="The bridge fell.", mentions=mention, outlets=["A", "B"], sources=["A", "B"])
    out = omissions([_article(o, "text") for o in ("A", "B", "C")], [claim])
    assert [(o.outlet, o.claim_id) for o in out] == [("C", "c1")]


def test_naming_matrix_on_the_corpus_state_herald_and_ledger() -> None:
    naming = corpus_story().framing.naming
    assert _cell(naming, "The State Herald", "terrorists").own_voice >= 1
    assert _cell(naming, "The State Herald", "militants").own_voice >= 1
    assert _cell(naming, "The Dolmir Ledger", "rebels").own_voice >= 1
    assert _cell(naming, "Free Sarvenia Voice", "regime").own_voice >= 1


def test_lexicons_state_their_source() -> None:
    sources = lexicon_sources()
    assert len(sources) >= 5 and all("Hand-written" in s for s in sources)
    assert naming_matrix([]) == []


def test_seeds_named_groups_spelled_differently_share_one_column() -> None:
    naming = seed_story().framing.naming
    zinki = {c.outlet: c.label for c in naming if c.label in {"Nur ad-Din"} or "Nour al-Deen" in c.label}
    assert zinki.get("Stalker Zone") == "Nur ad-Din" and "Nour al-Deen" in zinki.get("The New Arab", "")
    actors = {c.actor for c in naming if c.outlet in {"Stalker Zone", "The New Arab"} and c.label in zinki.values()}
    assert len(actors) == 1
    assert not [c for c in naming if c.label == "Nur ad-Din" and c.scare_quoted]  # a name in quotes, not scare quotes
