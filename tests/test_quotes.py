"""find_quotes on the seed pages: every quote, its speaker, role, reporting verb and channel."""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from manysides.annotate import annotate
from manysides.models import Article, PubDate, Quote

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "data" / "quotes"


@cache
def seed_articles() -> tuple[Article, ...]:
    """The five seeds (bodies as scraped), annotated once per test session."""
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    articles = [
        Article(
            id=row["file"][:3],
            page_id=row["file"][:3],
            source=row["file"],
            outlet=row["outlet"],
            body=(SEEDS / row["file"]).read_text(encoding="utf-8"),
            date=PubDate(value=dt.date.fromisoformat(row["date"]), source="manifest") if row["date"] else PubDate(),
        )
        for row in rows
    ]
    return tuple(annotate(articles))


@cache
def reuters_fixture() -> Article:
    """A short report in our own words crediting the two quotes to Al-Farouk Abu Bakr."""
    body = (FIXTURES / "reuters_abu_bakr.txt").read_text(encoding="utf-8")
    article = Article(
        id="reuters",
        page_id="reuters",
        source="fixture",
        outlet="Reuters",
        body=body,
        date=PubDate(value=dt.date(2016, 10, 18), source="manifest"),
    )
    return annotate([article])[0]


def quotes_of(seed: str) -> list[Quote]:
    return next(a for a in seed_articles() if a.id == seed).quotes


def quote_with(seed: str, words: str) -> Quote:
    found = [q for q in quotes_of(seed) if words in q.text]
    assert found, f"no quote with {words!r} in seed {seed}"
    return found[0]


@pytest.mark.parametrize(
    ("seed", "words", "speaker", "cue"),
    [
        ("000", "completely reject any exit", "Zakaria Malahifji", "said"),
        ("000", "When we took up arms", "Zakaria Malahifji", "added"),
        ("000", "There are no terrorists in Aleppo", "Zakaria Malahifji", "concluded"),
        ("001", "completely out of the question", "Zakaria Malahifji", "told"),
        ("001", "On October 30", "Igor Konashenkov", "said"),
        ("003", "will be considered to be terrorists", "Sergei Lavrov", "said"),
        ("003", "for the exit of rebel groups", "Yasser al-Youssef", "said"),
        ("003", "It is for the Russians to leave Aleppo", "Yasser al-Youssef", "told"),
        ("003", "This is our land", "Abu Abdel Rahman al-Hamawi", "said"),
        ("003", "one Russian female military medic", "Igor Konashenkov", "said"),
        ("003", "a ceasefire can come into effect", "Sergei Lavrov", "said"),
        ("004", "Our response to the Americans", "Zakaria Malahifji", "said"),
        ("004", "They listened to the response", "Zakaria Malahifji", "added"),
        ("004", "without exclusion", "Sergei Lavrov", "repeated"),
        ("004", "All diplomacy is still alive", "John Kerry", "insisted"),
    ],
)
def test_quotes_seed_speaker_and_cue(seed: str, words: str, speaker: str, cue: str) -> None:
    quote = quote_with(seed, words)
    assert quote.speaker == speaker
    assert quote.cue == cue


def test_quotes_kinds_partial_block_and_continued() -> None:
    assert quote_with("003", "for the exit of rebel groups").kind == "partial"
    assert quote_with("004", "Our response to the Americans").kind == "block"
    assert quote_with("004", "All diplomacy is still alive").kind == "block"
    # A quote running on in the next paragraph keeps its speaker (003, Lavrov via Reuters).
    continued = quote_with("003", "We believe that when the Americans proposed")
    assert continued.speaker == "Sergei Lavrov"


def test_quotes_channels() -> None:
    assert quote_with("001", "completely out of the question").channel == "Reuters"
    assert quote_with("003", "will be considered to be terrorists").channel == "Reuters"
    assert quote_with("003", "It is for the Russians to leave Aleppo").channel == "AFP"
    al_rai = quote_with("002", "Russia will provide a safe passage")
    assert al_rai.channel == "Al-Rai"
    assert al_rai.speaker is None


def test_quotes_role_and_affiliation_as_the_article_gives_them() -> None:
    first = quote_with("000", "completely reject any exit")
    assert first.role == "political officer"
    assert first.affiliation is not None and "Fastaqim" in first.affiliation
    # "Malahifji concluded" carries the role given earlier in the article.
    assert quote_with("000", "There are no terrorists").role == "political officer"
    konashenkov = quote_with("001", "On October 30")
    assert konashenkov.role == "spokesman"
    assert konashenkov.affiliation == "Russian Defense Ministry"
    assert quote_with("003", "for the exit of rebel groups").affiliation == "Nour al-Deen al-Zinki rebel group"
    # 001 names Malahifji's group only outside the quote's sentence: "Zakaria Malahifji of the Fastaqim group."
    assert quote_with("001", "completely out of the question").affiliation == "Fastaqim group"


def test_quotes_unnamed_sources_stay_unnamed() -> None:
    officials = quote_with("004", "Do you want to leave")
    assert officials.speaker is None
    assert officials.speaker_mention == "The US officials"
    sources = quote_with("003", "rebel fighters had kept control")
    assert sources.kind == "indirect"
    assert sources.speaker is None


def test_quotes_scare_quotes_are_not_quotes() -> None:
    texts = [q.text for q in quotes_of("000") + quotes_of("001")]
    assert "moderate" not in texts
    assert "capitulation" not in texts


def test_quotes_fixture_credits_abu_bakr() -> None:
    quotes = reuters_fixture().quotes
    arms = next(q for q in quotes if q.text.startswith("When we took up arms"))
    assert arms.speaker == "Al-Farouk Abu Bakr"
    pronoun = next(q for q in quotes if q.text.startswith("There are no terrorists"))
    assert (pronoun.speaker, pronoun.speaker_mention) == ("Al-Farouk Abu Bakr", "he")
    assert pronoun.affiliation == "Ahrar al-Sham movement"


def test_quotes_offsets_point_into_the_body() -> None:
    for article in seed_articles():
        for quote in article.quotes:
            assert article.body[quote.start : quote.end] == quote.text
            if quote.speaker_start is not None and quote.speaker_end is not None:
                assert article.body[quote.speaker_start : quote.speaker_end] == quote.speaker_mention


def test_quotes_title_points_back_and_unnamed_stays_unnamed() -> None:
    body = (FIXTURES / "titles.txt").read_text(encoding="utf-8")
    article = Article(id="t", page_id="t", source="fixture", outlet="Test", body=body)
    quotes = {q.text[:20]: q for q in annotate([article])[0].quotes}
    assert quotes["The pictures shown b"].speaker == "Igor Konashenkov"
    assert quotes["The pictures shown b"].speaker_mention == "the spokesman"
    official = quotes["We counted at least "]
    assert official.speaker is None
    assert official.role == "rebel official"
    residents = quotes["the bombing lasted a"]
    assert (residents.kind, residents.speaker, residents.speaker_mention) == ("indirect", None, "Residents")


def test_quotes_relative_clause_speaker_is_the_noun_it_hangs_on() -> None:
    body = (FIXTURES / "titles.txt").read_text(encoding="utf-8")
    article = Article(id="t", page_id="t", source="fixture", outlet="Test", body=body)
    shelled = next(q for q in annotate([article])[0].quotes if q.text.startswith("the town had been shelled"))
    assert (shelled.speaker, shelled.speaker_mention, shelled.role) == ("Ahmed Saleh", "who", "mayor")


@pytest.mark.parametrize(
    "body",
    [
        "",
        '"',
        "“An unclosed quote runs to the end of the paragraph, he said",
        "''Two apostrophes,'' she said. ``Backticks too.''",
        "“Outer “inner” outer again,” he said.",
        "PENCE:\nWALLACE: ",
        "“Words.” —\n- \n",
        "According to",
        "‘Single ’ marks ’ everywhere‘",
    ],
)
def test_quotes_odd_marks_do_not_break(body: str) -> None:
    article = annotate([Article(id="x", page_id="x", source="test", outlet="Test", body=body)])[0]
    for quote in article.quotes:
        assert body[quote.start : quote.end] == quote.text


def test_quotes_nested_and_two_apostrophe_marks() -> None:
    body = (
        "“Outer words and “inner words” and more outer words,” he said.\n\n"
        "''Two apostrophes stand for a quote mark,'' Ms. Reed said."
    )
    article = annotate([Article(id="x", page_id="x", source="test", outlet="Test", body=body)])[0]
    texts = [q.text for q in article.quotes]
    assert "Outer words and “inner words” and more outer words" in texts
    assert "Two apostrophes stand for a quote mark" in texts
