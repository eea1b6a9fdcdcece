"""extract_page on the five seed scrapes: body kept, noise out, comments and items found."""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from manysides.errors import ExtractionError
from manysides.extract import extract_page
from manysides.extract.lines import Line
from manysides.extract.liveblog import is_roundup, sections
from manysides.models import Article, Page

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@cache
def seed(prefix: str) -> tuple[Page, list[Article]]:
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["file"].startswith(prefix))
    content = (SEEDS / row["file"]).read_text(encoding="utf-8")
    day = date.fromisoformat(row["date"]) if row["date"] else None
    page = Page.make(str(SEEDS / row["file"]), content, "text", row["url"], row["outlet"], day)
    return page, extract_page(page)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def body_lines(articles: list[Article]) -> set[str]:
    return {p for a in articles for p in paragraphs(a.body)}


def test_extract_000_comment_thread_becomes_comments() -> None:
    page, articles = seed("000")
    assert len(articles) == 1
    article = articles[0]
    body = article.body
    assert body.startswith("Syrian ‘moderate’ opposition has rejected")
    assert body.endswith("and it will be enough.")
    assert "The terrorist states that there are no terrorists in Aleppo" in body  # the editorial paragraph
    assert "Normal Citizen" not in body and "Chop ‘me up!" not in body
    authors = [c.author for c in article.comments]
    assert authors == [
        "Normal Citizen",
        "Kire Stojanovski",
        "Gue Bjuen",
        "john mason",
        "Lord Humongous",
        "Igor Ochocinszk",
        "Lord Humongous",
    ]
    assert [c.order for c in article.comments] == list(range(7))
    assert "Chop ‘me up!" in article.comments[0].text
    assert article.title.startswith("Syrian ‘Moderate’ Opposition Refuses")
    assert article.date.value == date(2016, 10, 18) and article.date.source == "manifest"
    assert article.outlet == "SouthFront" and article.domain == "southfront.org"
    assert article.id == Article.make_id(page.id, None) and article.item is None


def test_extract_001_widgets_and_repeated_title_removed() -> None:
    _, [article] = seed("001")
    lines = paragraphs(article.body)
    assert article.title == "Militants Refuse to Leave Aleppo During Forthcoming Humanitarian Pause"
    assert article.title not in lines
    for noise in ("0 $", "2,500 $", "5,000 $", "100 $", "Support SouthFront", "Notify of", "Inline Feedbacks"):
        assert noise not in lines
    assert "View all comments" not in article.body and "please comment" not in article.body
    assert lines[0].startswith("‘Moderate’ opposition militants have refused")
    assert lines[-1].startswith("Earlier, it was reported that militants shelled")
    assert len(lines) == 8
    roles = {b.text: b.role for b in article.removed}
    assert roles["2,500 $"] == "widget" and roles["Notify of"] == "widget"


def test_extract_002_byline_author_footer_and_unknown_date() -> None:
    _, [article] = seed("002")
    assert article.author == "Elijah J.Magnier"
    assert "Translated by" not in article.body and "Elijah" not in article.body
    assert "Copyright" not in article.body
    assert article.date.value is None and article.date.source == "unknown"
    assert paragraphs(article.body)[0].startswith("More than 21,000 civilians have fled")
    assert paragraphs(article.body)[-1].startswith("However, the real controversy")
    assert len(paragraphs(article.body)) == 12


def test_extract_003_meta_lines_caption_and_pull_quote_removed() -> None:
    _, [article] = seed("003")
    body = article.body
    assert article.title == "Syrian rebels reject withdrawal plan amid Russia's chilling warnings"
    for noise in ("3 min read", "05 December, 2016", "[AFP]", "[Click to enlarge]", "Yasser al-Youssef\n"):
        assert noise not in body
    assert "Agencies contributed to this report." not in body
    lines = paragraphs(body)
    quote = "It is for the Russians to leave Aleppo, and for the sectarian militias"
    assert sum(quote in line for line in lines) == 1  # the body quote stays, the pull quote goes
    assert not any(line.startswith("-") for line in lines)
    assert lines[-1].startswith("Losing Aleppo to regime troops")
    roles = {b.role for b in article.removed}
    assert {"caption", "pull_quote", "dateline", "footer"} <= roles


def test_extract_003_dateline_used_when_no_manifest_date() -> None:
    page, _ = seed("003")
    bare = page.model_copy(update={"date": None, "url": None})
    [article] = extract_page(bare)
    assert article.date.value == date(2016, 12, 5) and article.date.source == "text"
    assert article.outlet == "unknown outlet" or article.outlet


def test_extract_004_roundup_split_into_items() -> None:
    page, articles = seed("004")
    assert [a.item for a in articles] == [0, 1, 2, 3, 4]
    titles = [a.title for a in articles]
    assert titles[0] == "Syria Daily: Rebels to US — We Will Not Leave Aleppo"
    assert titles[1] == "Russian Airstrikes Across Idlib and Aleppo Provinces"
    assert "Bana" in titles[2]
    assert "Jihadists of Jabhat Fatah al-Sham Attack Rebel Factions in Eastern Aleppo" in titles[3]
    assert "Pictures: Displaced Brother and Sister from al-Tal Arrive in Idlib Province" in titles[4]
    assert len({a.id for a in articles}) == 5
    assert all(a.id == Article.make_id(page.id, a.item) for a in articles)
    assert all(a.outlet == "EA WorldView" and a.date.value == date(2016, 12, 4) for a in articles)
    assert articles[0].body.startswith("Syria’s rebels have told the US")
    assert "An estimated 220,000 people remain." in articles[0].body
    assert "At least 51 people" in articles[1].body


def test_extract_004_no_caption_related_or_comment_in_any_body() -> None:
    _, articles = seed("004")
    noise = (
        "PHOTO:",
        "Eulogy for My Brother",
        "Touring Aleppo With Assad’s Industrialists",
        "See Syria Daily",
        "See Removal of People",
        "Related Posts",
        "Ronahi TV",
        "Leave a Comment",
        "My daughter has just signed",
        "Joke of the Weak",
    )
    for article in articles:
        for text in noise:
            assert text not in article.body, (article.item, text)
    assert len(articles[0].comments) >= 10
    assert articles[-1].body.endswith("Another young arrival:")


def test_extract_every_seed_body_paragraph_is_kept() -> None:
    """Each paragraph a reader would call the article is in some body, whole."""
    expected = {
        "000": ["Giving terrorists the last chance to withdraw"],
        "001": ["“This is completely out of the question."],
        "002": ["Russia delivered 280 tons of food aid"],
        "003": ["Syrian rebels have ruled out a withdrawal", "Tens of thousands of East Aleppo residents"],
        "004": ["Fastaqim was also attacked in late November", "The last tweet:"],
    }
    for prefix, starts in expected.items():
        _, articles = seed(prefix)
        lines = body_lines(articles)
        for start in starts:
            assert any(line.startswith(start) for line in lines), (prefix, start)


@pytest.mark.parametrize(
    ("content", "problem"),
    [("", "empty"), ("   \n\n ", "empty"), ("\x00\x01\x02\x03" * 200, "binary")],
)
def test_extract_bad_pages_raise_extraction_error(content: str, problem: str) -> None:
    page = Page.make("bad.txt", content, "text")
    with pytest.raises(ExtractionError, match=problem):
        extract_page(page)


def test_extract_page_of_only_comments_raises() -> None:
    thread = "\n\n".join(
        f"{name}\n\n{reply}"
        for name, reply in [
            ("Anna Berg", "I think this is wrong! You never listen."),
            ("tom k", "LOL you again? I said so last week."),
            ("Mara Sol", "Why do you care so much? I don't."),
        ]
    )
    page = Page.make("thread.txt", "Comments\n\n" + thread, "text")
    with pytest.raises(ExtractionError, match="no article text"):
        extract_page(page)


def test_extract_unseen_outlet_layout_is_cleaned() -> None:
    """A made-up outlet with its own navigation, byline, caption, crossheads and comment thread."""
    content = (Path(__file__).resolve().parent / "data" / "extract" / "unseen_outlet.txt").read_text(encoding="utf-8")
    [article] = extract_page(Page.make("unseen.txt", content, "text"))
    lines = paragraphs(article.body)
    assert article.title == "Port strike enters second week as talks stall"
    assert article.author == "Maria Lindqvist and Tom Okafor"
    assert article.date.value == date(2020, 3, 3) and article.date.source == "text"
    assert lines[0].startswith("Dock workers at the country's largest container port")
    assert lines[-1].startswith("Mediators are due to meet both sides on Thursday")
    assert "What the companies say" in lines and "What happens next" in lines  # crossheads stay, no split
    for noise in ("Skip to content", "Share this article", "Advertisement", "(Photo: Harbour Press)", "Read more:"):
        assert not any(noise in line for line in lines), noise
    assert "Follow us on Twitter" not in lines and "12 Comments" not in lines
    assert sum("we are against being thrown away" in line for line in lines) == 1  # the pull quote went
    assert [c.author for c in article.comments] == ["Peter Walsh", "sunny_day_88", "Anne-Marie"]
    assert all("Reply" not in c.text.split("\n") for c in article.comments)


def test_extract_crossheads_are_not_a_comment_thread() -> None:
    sections = {
        "Rising Tensions": "Troops were seen moving towards the border on Friday, according to satellite images "
        "published by a private company. Officials declined to comment on the images.",
        "Economic Fallout": "The currency fell by four per cent against the dollar, and the central bank raised "
        "its main interest rate for the second time this month.",
        "Diplomatic Efforts": "Envoys from three neighbouring states are expected in the capital next week, the "
        "foreign ministry said, in an attempt to restart talks that collapsed in the spring.",
    }
    lead = "The government announced new measures on Thursday after a week of protests in the capital and two "
    lead += "other cities, where thousands marched against rising prices and a new tax on fuel."
    content = "Government responds to protests\n\n" + lead + "\n\n"
    content += "\n\n".join(f"{head}\n\n{text}" for head, text in sections.items())
    [article] = extract_page(Page.make("crossheads.txt", content, "text"))
    assert article.comments == []
    for head, text in sections.items():
        assert head in article.body and text in article.body


def test_extract_interview_questions_are_not_roundup_items() -> None:
    questions_and_answers = [
        ("What first drew you to working on the city's water supply?", "Watching reservoir levels fall."),
        ("How did the drought of that summer change your planning?", "Farmers now share pumps weekly."),
        ("What would you tell a young engineer who wants to join?", "Learn hydraulics, then listen."),
    ]
    ordered = []
    for question, answer in questions_and_answers:
        ordered += [(Line(0, question, 0, True, True), "subheading"), (Line(0, answer, 0, True, True), "body")]
    assert not is_roundup("Leader spotlight: Ana Ruiz", sections(ordered))
    statements = [(Line(0, line.text.rstrip("?"), 0, True, True), role) for line, role in ordered]
    assert is_roundup("Leader spotlight: Ana Ruiz", sections(statements))
