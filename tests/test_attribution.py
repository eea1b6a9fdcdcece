"""Across articles: one actor under many names, one quote under many carriers, and attribution conflicts."""

from __future__ import annotations

from manysides.annotate.aliases import find_aliases
from manysides.annotate.names import name_key
from manysides.compare.actors import merge_actors
from manysides.compare.quotes import cluster_quotes, group_quotes, quote_words, same_quote
from manysides.models import Actor, Article, Quote
from tests.test_quotes import reuters_fixture, seed_articles


def actor_named(actors: list[Actor], name: str) -> Actor:
    found = [a for a in actors if name in a.names]
    assert found, f"no actor named {name!r}"
    return found[0]


def test_attribution_conflict_flagged_with_the_reuters_wording() -> None:
    groups = group_quotes([*seed_articles(), reuters_fixture()])
    arms = next(g for g in groups if "took up arms" in g.text)
    assert arms.conflict
    by_article = {c.article_id: c.speaker for c in arms.carriers}
    assert by_article == {"000": "Zakaria Malahifji", "reuters": "Al-Farouk Abu Bakr"}
    terrorists = next(g for g in groups if g.text.startswith("There are no terrorists"))
    assert terrorists.conflict
    # Both credit "this is surrender" to Malahifji: the same quote, no conflict.
    surrender = next(g for g in groups if "this is surrender" in g.text)
    assert not surrender.conflict
    assert len(surrender.carriers) == 2


def test_attribution_no_conflict_without_the_reuters_wording() -> None:
    assert not any(g.conflict for g in group_quotes(seed_articles()))


def test_attribution_groups_keep_earliest_first_and_channels() -> None:
    groups = group_quotes(seed_articles())
    question = next(g for g in groups if "completely out of the question" in g.text)
    assert question.channels == ["Reuters"]
    assert question.earliest_article_id == "001"
    for group in groups:
        dates = [c.date for c in group.carriers if c.date is not None]
        assert dates == sorted(dates)


def test_attribution_same_quote_trimmed_or_lightly_edited() -> None:
    full = quote_words("When we took up arms at the start of the revolution [to defend us] we promised God")
    assert full == "when we took up arms at the start of the revolution we promised god"
    assert same_quote(full, quote_words("When we took up arms at the start of the revolution"))
    assert same_quote(
        quote_words("There are no terrorists in Aleppo"), quote_words("There are no terrorists in Aleppo!")
    )
    assert not same_quote(quote_words("There are no terrorists in Aleppo"), quote_words("There are no rebels in Idlib"))


def test_attribution_actors_merge_transliterations() -> None:
    actors = merge_actors(seed_articles())
    zinki = actor_named(actors, "Nur al-Din al-Zinki")
    assert "Nour al-Deen al-Zinki rebel group" in zinki.names
    assert "Nur ad-Din" in zinki.names
    assert {"003", "004", "002"} <= set(zinki.article_ids)


def test_attribution_actors_merge_former_names_and_acronyms_with_evidence() -> None:
    actors = merge_actors(seed_articles())
    jfs = actor_named(actors, "JFS")
    assert {"Jabhat Fateh al-Sham", "Jabhat Fatah al-Sham", "Jabhat al-Nusra", "Al-Nusra Front"} <= set(jfs.names)
    reasons = {e.reason for e in jfs.evidence}
    assert {"alias in text", "acronym"} <= reasons
    stated = next(e for e in jfs.evidence if e.reason == "alias in text" and e.article_id == "001")
    assert "previously known as" in stated.text
    fastaqim = actor_named(actors, "Istaqim Kama Aumert")
    assert "Fastaqim faction" in fastaqim.names
    ahrar = actor_named(actors, "Ahrar al-Sham")
    assert "Harakat Ahrar al-Sham al-Islamiyya" in ahrar.names


def test_attribution_actors_keep_nationalities_apart() -> None:
    actors = merge_actors(seed_articles())
    for actor in actors:
        assert not ({"Russian", "Russian Defense Ministry"} <= set(actor.names))


def test_attribution_find_aliases_cues() -> None:
    text = "Jabhat Fateh al-Sham, formerly known as the Nusra Front, and JFS/Nusra; Ahrar al-Sham (also known as AAS)."
    found = {(a.name, a.alias, a.cue) for a in find_aliases(text)}
    assert ("Jabhat Fateh al-Sham", "Nusra Front", "formerly known as") in found
    assert ("Ahrar al-Sham", "AAS", "also known as") in found
    assert not any(a[0] == "JFS" for a in found)


def _carrying(article_id: str, speaker: str, words: str) -> Article:
    quote = Quote(text=words, start=0, end=len(words), speaker=speaker, speaker_key=name_key(speaker))
    return Article(id=article_id, page_id=article_id, source="test", outlet=article_id, body=words, quotes=[quote])


def test_attribution_person_and_group_are_detail_not_conflict() -> None:
    words = "One Russian female military medic was killed in the shelling"
    detail = group_quotes([_carrying("a", "Russia", words), _carrying("b", "Igor Konashenkov", words)])
    assert len(detail) == 1
    assert not detail[0].conflict
    clash = group_quotes([_carrying("a", "Sergei Lavrov", words), _carrying("b", "Igor Konashenkov", words)])
    assert clash[0].conflict
    assert len(clash[0].speaker_ids) == 2


def test_attribution_cluster_quotes_trimmed_edited_and_apart() -> None:
    texts = [
        "when we took up arms at the start of the revolution we promised god",
        "there are no terrorists in aleppo",
        "when we took up arms at the start of the revolution",
        "there are no terrorist in aleppo",
        "we will fight until the last drop of blood",
    ]
    assert cluster_quotes(texts) == [[0, 2], [1, 3], [4]]
