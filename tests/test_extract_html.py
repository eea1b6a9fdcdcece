"""extract_page on HTML: trafilatura at the core, comments as records, encodings, bad pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from manysides.errors import ExtractionError
from manysides.extract import extract_page
from manysides.extract.encoding import declared_encoding, decode_html
from manysides.extract.htmlpage import HtmlParts
from manysides.extract.htmlprune import comment_teasers, split_comment_tail
from manysides.extract.htmltree import parse_html
from manysides.extract.splitbody import continuation
from manysides.models import Page

DATA = Path(__file__).resolve().parent / "data" / "extract"


def html_page(content: str, url: str | None = "https://www.example-herald.com/world/rebels-refuse") -> Page:
    return Page.make("page.html", content, "html", url=url)


def test_extract_html_body_metadata_and_comments() -> None:
    [article] = extract_page(html_page((DATA / "comments_page.html").read_text(encoding="utf-8")))
    assert article.title == "Rebels refuse to leave the old city"
    assert article.author == "Dana Reyes"
    assert article.outlet == "Example Herald" and article.domain == "example-herald.com"
    assert article.date.value == date(2016, 12, 5) and article.date.source == "markup"
    assert article.language == "en"
    assert article.body.startswith("Armed groups holding the eastern districts")
    assert "Diplomats are due to meet again on Wednesday" in article.body
    for noise in ("exactly what everyone expected", "Marta K", "Support Example Herald", "5,000 $", "Copyright"):
        assert noise not in article.body
    assert [(c.author, c.order) for c in article.comments] == [("Marta K", 0), ("old_reader", 1), ("Jon", 2)]
    assert article.comments[1].text.startswith("I have read three different accounts")
    assert {b.role for b in article.removed} >= {"widget", "headline"}


def test_extract_html_manifest_values_win() -> None:
    page = html_page((DATA / "comments_page.html").read_text(encoding="utf-8"))
    page = page.model_copy(update={"outlet": "Herald (manifest)", "date": date(2016, 12, 4)})
    [article] = extract_page(page)
    assert article.outlet == "Herald (manifest)"
    assert article.date.value == date(2016, 12, 4) and article.date.source == "manifest"


def test_extract_html_date_from_url_beats_markup() -> None:
    content = (DATA / "comments_page.html").read_text(encoding="utf-8")
    [article] = extract_page(html_page(content, "https://example-herald.com/2016/12/04/rebels-refuse/"))
    assert article.date.value == date(2016, 12, 4) and article.date.source == "url"


def test_extract_html_truncated_page_still_yields_text() -> None:
    content = (DATA / "comments_page.html").read_text(encoding="utf-8")
    cut = content[: content.index("Diplomats are due")]
    [article] = extract_page(html_page(cut))
    assert "Aid agencies say that tens of thousands of civilians" in article.body


def test_extract_html_without_text_raises() -> None:
    with pytest.raises(ExtractionError, match="no article text"):
        extract_page(html_page("<html><body><nav><a href='/'>Home</a></nav></body></html>"))


def test_extract_html_oversized_page_raises_quickly() -> None:
    huge = "<html><body>" + "<p>word </p>" * 5_000_000 + "</body></html>"
    with pytest.raises(ExtractionError, match="limit"):
        extract_page(html_page(huge))


@pytest.mark.parametrize(
    ("codec", "label", "text"),
    [
        ("cp1256", "windows-1256", "قال المتحدث إن المقاتلين لن يغادروا المدينة"),
        ("latin-1", "iso-8859-1", "Les rebelles refusent de quitter la ville, a déclaré le porte-parole à l'AFP"),
        ("cp1251", "windows-1251", "Боевики отказались покинуть город, заявил представитель"),
    ],
)
def test_extract_html_legacy_encodings_read_right(codec: str, label: str, text: str) -> None:
    raw = f"<html><head><meta charset='{label}'></head><body><p>{text}</p></body></html>".encode(codec)
    assert declared_encoding(raw) is not None
    assert text in decode_html(raw)


def test_extract_html_header_charset_and_undeclared_bytes() -> None:
    text = "Les rebelles refusent de quitter la ville, a déclaré le porte-parole à l'AFP. " * 5
    raw = f"<html><body><p>{text}</p></body></html>".encode("cp1252")
    assert text in decode_html(raw, header_charset="windows-1252")
    assert "déclaré" in decode_html(raw)  # detected without any declaration


def test_extract_html_lone_price_stays_amount_run_goes() -> None:
    prose = "".join(
        f"<p>The museum reopened on Monday after a long renovation, sentence number {i}.</p>" for i in range(6)
    )
    content = (
        f"<html><body><article><h1>Museum reopens</h1>{prose}<p>Entry for adults costs</p><p>€ 12</p>"
        f"{prose}<p>Donate</p><p>10 €</p><p>50 €</p><p>100 €</p></article></body></html>"
    )
    [article] = extract_page(html_page(content))
    lines = article.body.split("\n\n")
    assert "€ 12" in lines
    assert "50 €" not in lines and "100 €" not in lines


PROSE = "".join(
    f"<p>The council met on Tuesday to discuss the budget for the coming year, item {i} of the agenda.</p>"
    for i in range(6)
)


def article_html(middle: str, head: str = "") -> str:
    return (
        f"<html{head}><head><title>Budget</title></head><body><article>{PROSE}{middle}{PROSE}</article></body></html>"
    )


@pytest.mark.parametrize(
    "box", ["<aside>Related: other news</aside>", "<figure><img src='a.jpg'></figure>", "<button>Share</button>"]
)
def test_extract_html_words_around_a_removed_box_stay_apart(box: str) -> None:
    sentence = (
        f"<p>Asked about the vote, most of the people we met said alpha<span>{box}</span>beta was their answer.</p>"
    )
    [article] = extract_page(html_page(article_html(sentence)))
    words = article.body.split()
    assert "alpha" in words and "beta" in words


def test_extract_html_empty_anchor_does_not_lose_the_paragraph() -> None:
    # trafilatura alone drops this paragraph and everything after it.
    [article] = extract_page(html_page(article_html("<p>Mayor Ortiz <a name='p7'></a>vetoed the plan.</p>")))
    assert "Mayor Ortiz vetoed the plan." in article.body
    assert article.body.count("item 5 of the agenda") == 2


def test_extract_html_signed_comments_above_the_article_are_cut_out() -> None:
    comments = (
        "Comments Great piece, thank you. Posted by Ann on January 6, 2008 2:09 PM Report this comment "
        "I disagree with every word. Posted by Bob Lee on January 6, 2008 1:41 PM Report this comment Post a comment"
    )
    article = "The empire was a complicated thing, the historian wrote in his last book. " * 20
    body, cut = split_comment_tail(f"Empires By W. Langley {comments}\n{article}")
    assert body.startswith("Empires By W. Langley") and article.strip() in body
    assert "Posted by" not in body and cut.startswith("Comments Great piece")


def test_extract_html_signed_comments_at_the_end_take_the_rest() -> None:
    article = "The empire was a complicated thing, the historian wrote in his last book. " * 20
    comments = "Well said. Posted by Ann on January 6, 2008 2:09 PM Nonsense. Posted by Bob on January 6, 2008 1:41 PM"
    body, cut = split_comment_tail(f"{article}{comments} Older posts")
    assert body.startswith(article.strip()) and "Posted by" not in body and "Nonsense" not in body
    assert cut.startswith("Posted by Ann") and cut.endswith("Older posts")


def test_extract_html_latest_comments_box_is_not_body() -> None:
    teasers = [
        "The funding has been flat... W O, Turramurra on Public schools in dire state, teachers say",
        "I never voted for them... Hedo, Lane Cove on Public schools in dire state, teachers say",
        "You blame the government... W O, Turramurra on Public schools in dire state, teachers say",
        'slapmyface (Chelsea): "...Leave journalism to the journalists. There is nothing lazy about the ma..."',
    ]
    recipe = [
        "Eggs [2 eggs, 1 tsp. olive oil or butter for the toast]",
        "Tea",
        "Eggs [3 eggs, 1 tsp. olive oil or butter for the toast]",
    ]
    assert comment_teasers(["The match ended 2-1.", *teasers, *recipe]) == set(teasers)


def test_extract_html_date_search_skipped_when_the_input_or_url_dates_the_page() -> None:
    content = (DATA / "comments_page.html").read_text(encoding="utf-8")
    assert HtmlParts("p.html", content, None).markup_date is not None
    assert HtmlParts("p.html", content, None, date_known=True).markup_date is None
    assert HtmlParts("p.html", content, "https://example-herald.com/2016/12/04/rebels/").markup_date is None


def test_extract_html_declared_language_when_the_words_do_not_tell() -> None:
    swedish = "<p>" + "Rådet sammanträdde på tisdagen för att diskutera budgeten för nästa år. " * 6 + "</p>"
    [article] = extract_page(html_page(article_html(swedish, head=" lang='sv-SE'").replace(PROSE, "")))
    assert article.language == "sv"


def test_extract_html_declared_utf8_with_a_stray_byte_stays_utf8() -> None:
    raw = "<html><head><meta charset='utf-8'></head><body><p>Sprzeciw wobec ataków na Fundację</p>".encode()
    text = decode_html(raw + b"<p>\xb1</p></body></html>")
    assert "Sprzeciw wobec ataków na Fundację" in text


def test_extract_html_prices_in_a_table_stay() -> None:
    rows = "".join(f"<p>{amount}</p>" for amount in ("143,17 €", "154,24 €", "286,35 €"))
    [article] = extract_page(html_page(article_html(f"<p>Monthly rates for a loan of 10,000 euros:</p>{rows}")))
    assert "286,35 €" in article.body.split("\n\n")


def test_extract_html_related_box_inside_the_article_does_not_end_it() -> None:
    inset = "<p>Related</p><p>Other city budgets</p>"
    closing = (
        "<p>" + "The council will vote again in March, when the final figures for the year are known. " * 3 + "</p>"
    )
    [article] = extract_page(html_page(article_html(f"{inset}{closing}")))
    assert "when the final figures for the year are known" in article.body


def _split_body_page(between: str) -> str:
    first = "".join(
        f"<p>In the first part of the story, paragraph {i} tells how the mayor drafted the new budget.</p>"
        for i in range(5)
    )
    second = "".join(
        f"<p>In the second part, paragraph {i} tells how the council finally voted the budget down.</p>"
        for i in range(4)
    )
    return (
        "<html><head><title>Budget</title></head><body><article><h1>Budget</h1><div class='chunks'>"
        f"<div class='grid'><div class='body box'>{first}</div></div>"
        f"<div class='ad'>Advertisement</div>{between}"
        f"<div class='grid'><div class='body box'>{second}</div></div>"
        "</div></article></body></html>"
    )


def _first_part() -> str:
    return "\n".join(
        f"In the first part of the story, paragraph {i} tells how the mayor drafted the new budget." for i in range(5)
    )


def test_extract_html_body_split_into_boxes_is_read_through() -> None:
    tree = parse_html(_split_body_page(""))
    assert tree is not None
    found = continuation(tree, _first_part())
    assert len(found) == 4 and found[3].startswith("In the second part, paragraph 3")


def test_extract_html_next_article_on_a_list_page_is_not_read_on() -> None:
    tree = parse_html(_split_body_page("<h1>Another story</h1>"))
    assert tree is not None
    assert continuation(tree, _first_part()) == []
