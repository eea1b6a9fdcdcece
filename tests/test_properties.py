"""Properties every parser keeps for any input: a result or a documented error, nothing lost, nothing invented."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import fuzz_html, fuzz_jsonl, fuzz_manifest, fuzz_text, fuzz_warc
from fuzz.harness import seeds
from manysides.errors import ExtractionError, InputError, ManifestError, StoreError
from manysides.extract import extract_page
from manysides.ingest import read_inputs, read_manifest
from manysides.ingest.files import decode
from manysides.ingest.manifest import parse_day
from manysides.models import Article, Page, Skipped
from manysides.store import Store

TODAY = dt.date(2026, 11, 25)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Text as scrapes have it: letters of several scripts, punctuation, odd spaces and controls.
SCRAPED = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from("\n\n\r\t \u00a0\u200b«»“”'\"<>&"),
    max_size=400,
)
VOCABULARY = ["the", "council", "met", "Monday", "bridge", "said", "Reuters", "«oui»", "Zürich", "جسر", "мост"]
WORDS = st.lists(st.sampled_from(VOCABULARY), min_size=1)


def _folded(text: str) -> str:
    return " ".join(text.split())


@FAST
@given(st.text(max_size=30))
def test_properties_parse_day_is_a_past_date_or_a_named_error(value: str) -> None:
    try:
        day = parse_day(value, "m.csv:2", TODAY)
    except ManifestError as exc:
        assert exc.source == "m.csv:2" and repr(value.strip()) in exc.problem
        return
    assert day is None or day <= TODAY + dt.timedelta(days=1)


@FAST
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2300, 12, 31)))
def test_properties_parse_day_keeps_every_past_date_and_refuses_every_future_one(day: dt.date) -> None:
    if day <= TODAY + dt.timedelta(days=1):
        assert parse_day(day.isoformat(), "m.csv:2", TODAY) == day
    else:
        with pytest.raises(ManifestError, match="in the future"):
            parse_day(day.isoformat(), "m.csv:2", TODAY)


ROW = st.fixed_dictionaries(
    {
        "file": st.from_regex(r"[a-z0-9_]{1,12}\.(txt|html)", fullmatch=True),
        "url": st.just("") | st.from_regex(r"https://[a-z]{1,10}\.org/[a-z0-9/]{0,20}", fullmatch=True),
        "outlet": st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=20),
        "date": st.just("") | st.dates(max_value=TODAY).map(dt.date.isoformat),
    }
)


@FAST
@given(st.lists(ROW, max_size=8, unique_by=lambda r: r["file"]))
def test_properties_manifest_round_trips_what_a_csv_writer_wrote(rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["file", "url", "outlet", "date"])
    writer.writeheader()
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "manifest.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        read = read_manifest(path, today=TODAY)
    assert set(read) == {r["file"] for r in rows}
    for row in rows:
        got = read[row["file"]]
        assert got.url == (row["url"] or None)
        assert got.outlet == (row["outlet"].strip() or None)
        assert got.date == (dt.date.fromisoformat(row["date"]) if row["date"] else None)


RECORD = st.fixed_dictionaries(
    {"url": st.from_regex(r"https://[a-z]{1,10}\.org/[a-z0-9]{1,12}", fullmatch=True), "text": SCRAPED}
)


@FAST
@given(st.lists(st.one_of(RECORD.map(json.dumps), SCRAPED.map(lambda t: t.replace("\n", " "))), max_size=10))
def test_properties_jsonl_accounts_for_every_line(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        items = list(read_inputs([path]))
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.encode().strip()]
    if not numbered:
        assert items == [Skipped(source=str(path), reason="empty file")]
        return
    assert [i.source for i in items] == [f"{path}:{n}" for n, _ in numbered]
    for item, (_, line) in zip(items, numbered, strict=True):
        if isinstance(item, Page):
            record = json.loads(line)
            assert item.content == record["text"].replace("\x00", "") and item.url == record["url"]
        else:
            assert item.reason


@FAST
@given(st.binary(max_size=2000))
def test_properties_decode_gives_text_without_nul_or_names_the_source(data: bytes) -> None:
    try:
        text = decode(data, "page.txt")
    except InputError as exc:
        assert exc.source == "page.txt"
        return
    assert "\x00" not in text


@FAST
@given(SCRAPED, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_properties_decode_round_trips_unicode_in_any_utf(text: str, codec: str) -> None:
    if codec == "utf-8" and "\x00" in text[:1000]:
        return  # a NUL near the start in a BOM-less file is how binary files look
    assert decode(text.encode(codec), "page.txt") == text.replace("\x00", "")


@FAST
@given(st.lists(st.lists(WORDS.map(" ".join), min_size=1, max_size=6).map(" ".join), min_size=1, max_size=8))
def test_properties_text_extraction_invents_no_words(paragraphs: list[str]) -> None:
    content = "\n\n".join(paragraphs)
    page = Page.make(source="p.txt", content=content, kind="text")
    try:
        articles = extract_page(page)
    except ExtractionError as exc:
        assert exc.source == "p.txt"
        return
    known = set(content.split())
    for article in articles:
        assert set(article.body.split()) <= known
        assert set(article.title.split()) <= known


TAGS = st.sampled_from(["div", "p", "span", "article", "section", "h1", "h2", "li", "ul", "table", "td", "b", "a"])
NODE = st.recursive(
    WORDS.map(" ".join),
    lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4)).map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"),
    max_leaves=25,
)


@settings(FAST, max_examples=30)
@given(st.lists(NODE, min_size=1, max_size=5), st.integers(min_value=0, max_value=2000))
def test_properties_html_extraction_invents_no_words_even_when_cut(nodes: list[str], cut: int) -> None:
    content = "<html><head><title>t</title></head><body>" + "".join(nodes) + "</body></html>"
    content = content[: max(cut, 20)]
    page = Page.make(source="p.html", content=content, kind="html")
    try:
        articles = extract_page(page)
    except ExtractionError as exc:
        assert exc.source == "p.html"
        return
    # Compared without tags and spaces: text right after a closing tag comes out glued to the word before it.
    source = re.sub(r"<[^>]*>|\s+", "", html.unescape(content))
    for article in articles:
        assert all(word in source for word in re.findall(r"\w+", article.body))


@FAST
@given(page_text=SCRAPED.filter(str.strip), query=st.text(max_size=20))
def test_properties_store_keeps_any_text_exactly_and_search_never_crashes(page_text: str, query: str) -> None:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "m.db") as store:
        page = Page.make(source="p.txt", content=page_text, kind="text", url="https://x.org/a")
        article_id = Article.make_id(page.id, None)
        article = Article(id=article_id, page_id=page.id, source="p.txt", outlet="X", body=page_text)
        assert store.add_page(page, [article])
        assert not store.add_page(page, [article])
        assert store.articles() == [article]
        try:
            found = store.search(query)
        except StoreError as exc:
            assert repr(query) in str(exc)
        else:
            assert all(a.id == article.id for a in found)


@pytest.mark.parametrize(
    "target", [fuzz_manifest, fuzz_jsonl, fuzz_text, fuzz_html, fuzz_warc], ids=lambda m: m.__name__
)
def test_properties_fuzz_targets_pass_the_nasty_corpus(target: object) -> None:
    one_input = getattr(target, "one_input")  # noqa: B009 - modules are parametrized as objects
    for data in seeds():
        one_input(data)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=1500))
def test_properties_fuzz_targets_pass_random_bytes(data: bytes) -> None:
    for target in (fuzz_manifest, fuzz_jsonl, fuzz_text, fuzz_html, fuzz_warc):
        target.one_input(data)
