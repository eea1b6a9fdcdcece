"""The static report: escaping, CSP, citations that resolve, views that say when data is missing."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from manysides.models import Article, Entity, Event, FigurePoint, FigureSeries, Quote, Story, StoryAnalysis
from manysides.report import write_story
from manysides.report.charts import figure_chart, timeline_chart
from manysides.report.html import csp, render_story, stylesheet
from manysides.report.marks import annotated_body

FIXTURE = Path(__file__).parent / "data" / "web" / "analysis.json"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def analysis() -> StoryAnalysis:
    return StoryAnalysis.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page(analysis: StoryAnalysis) -> str:
    return render_story(analysis)


class Tags(HTMLParser):
    """Collects start tags, ids and text, and checks that elements nest."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "circle", "line", "polyline", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    return tags


def test_report_escapes_page_text_and_runs_nothing(page: str) -> None:
    tags = parse(page)
    names = [t for t, _ in tags.tags]
    assert "script" not in names and "img" not in names
    assert not [a for _, attrs in tags.tags for a in attrs if a.startswith("on")]
    text = "".join(tags.text)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "Kessa Notes <b>blog</b>" in text


def test_report_elements_nest(page: str) -> None:
    tags = parse(page)
    assert tags.errors == []
    assert tags.stack == []


def test_report_csp_allows_only_its_own_stylesheet(page: str) -> None:
    policy = csp()
    assert f'content="{policy}"' in page
    assert "unsafe-inline" not in policy and "script-src" not in policy
    assert "default-src 'none'" in policy
    digest = base64.b64encode(hashlib.sha256(stylesheet().encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert f"<style>{stylesheet()}</style>" in page
    assert "frame-ancestors" not in policy  # ignored, with a console error, in a <meta> policy


def test_report_every_link_inside_the_page_resolves(page: str) -> None:
    tags = parse(page)
    ids = {attrs["id"] for _, attrs in tags.tags if attrs.get("id")}
    targets = [attrs["href"][1:] for t, attrs in tags.tags if t == "a" and (attrs.get("href") or "").startswith("#")]
    assert targets and all(target in ids for target in targets)
    assert sum(1 for target in targets if target.startswith("p-")) == 5  # summary and timeline citations
    assert sum(1 for target in targets if target.startswith("q-")) == 3  # the three carriers
    assert sum(1 for target in targets if target.startswith("c-")) == 4  # the claims' mentions
    assert sum(1 for target in targets if target.startswith("x-")) == 4  # the contradictions' sides


def test_report_citation_shows_its_source_passage(page: str) -> None:
    assert re.search(
        r'<a class=cite href="#p-a1-\d+">Harbour Gazette<span class=pop role=tooltip>'
        r"<b>Harbour Gazette, 2024-03-04</b> “Rebel commanders rejected the offer.”</span></a>",
        page,
    )


def test_report_summary_says_what_kind_of_sentence_each_is(page: str) -> None:
    summary = page.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    assert "2 of 2 sentences checked against the passages they cite." in summary
    assert 'class="tag kind-corroborated"' in summary and 'class="tag kind-attributed"' in summary
    assert "(2 independent sources)" in summary and "(1 independent source)" in summary
    assert "unchecked" not in summary


def test_report_timeline_lines_are_cited(page: str) -> None:
    timeline = page.split('<section id="timeline">', 1)[1].split("</section>", 1)[0]
    cited = timeline.split("<h3>The developments, cited</h3>", 1)[1]
    assert "5 March: 9,500 people have left, by one count." in cited
    assert re.search(r'<a class=cite href="#p-a2-\d+">Northern Courier', cited)


def test_report_shows_attribution_conflict(page: str) -> None:
    row = re.search(r"<tr class=conflict>.*?</tr>", page)
    assert row is not None
    assert "Leaving now is surrender" in row.group(0)
    assert "Tomas Arn" in row.group(0) and "Ilya Dorn" in row.group(0) and "via Reuters" in row.group(0)
    assert "credited to different speakers" in row.group(0)


def test_report_draws_timeline_and_figures(page: str) -> None:
    assert page.count("<g class=event>") == 3
    assert page.count("<g class=point>") == 6  # the compare stage's figure topic and the stories stage's series
    assert "<time>2024-03-05</time> 9,500 people have left" in page
    assert "<span class=tag>update</span> The count grows from day to day" in page
    assert "<td class=num>3,600 to 4,400</td>" in page  # what "About 4,000" allows
    assert re.search(r'<a href="#f-a2-\d+">Northern Courier</a>', page)  # each figure links to its place


def test_report_claims_matrix_marks_each_claims_standing(page: str) -> None:
    assert "3 claims: 1 corroborated by independent sources, 1 from a single source, 1 contradicted." in page
    rows = re.findall(r'<tr class="(corroborated|single-source|contradicted)"><td>([^<]*)', page)
    assert rows == [  # contested first, then corroborated, then (folded) single-source
        ("contradicted", "Nobody could confirm the figure of 12,000 who left by then. "),
        ("corroborated", "The Kessa corridor opened at dawn on Monday, the regional council said. "),
        ("single-source", "Rebel commanders rejected the offer. "),
    ]
    assert "<details class=single><summary>1 claim made by a single source</summary>" in page
    assert "reported by 2 outlets, 2 independent sources: Harbour Gazette, Reuters" in page
    assert page.count("<td class=absent") >= 5  # outlets that do not report a claim


def test_report_contradictions_show_both_sides(page: str) -> None:
    block = page.split("<h3>Contradictions</h3>", 1)[1].split("</section>", 1)[0]
    assert "<b>Tomas Arn</b>" in block and "<b>Ilya Dorn</b>" in block
    assert "<b>9,500</b>" in block and "<b>12,000</b>" in block
    assert "unconfirmed &lt;script&gt;" in block


def test_report_naming_matrix_lists_labels_per_outlet(page: str) -> None:
    naming = page.split('<section id="naming">', 1)[1].split("</section>", 1)[0]
    assert "<th>Outlet</th><th>armed opposition</th><th>regional council</th>" in naming
    row = naming.split("<th scope=row>Harbour Gazette</th>", 1)[1].split("</tr>", 1)[0]
    assert '<b>rebel commanders</b> 1</span>, <span class=label title="said Tomas Arn' in row
    assert "<b>regional council</b> 1" in row
    assert "<b>&#x27;officials&#x27;</b> 1 <span class=muted>(1 in scare quotes)</span>" in naming
    assert "Kessa Notes &lt;b&gt;blog&lt;/b&gt;</b> leaves out" in naming
    assert '<span class="loaded" title="loaded: evaluative wording">It is a trap</span>' in page


def test_report_missing_views_say_so() -> None:
    story = Story(id="s", label="Empty", article_ids=[])
    empty = StoryAnalysis(
        story=story, articles=[], outlets=[], entities=[], quotes=[], summary=[], generated="2024-01-01T00:00:00Z"
    )
    page = render_story(empty)
    for section in ("summary", "timeline", "claims", "quotes", "naming", "figures", "outlets", "entities", "articles"):
        match = re.search(rf'<section id="{section}"><h2>[^<]*</h2><p class=na>Not available: ', page)
        assert match, section


def test_report_print_and_phone_rules() -> None:
    css = stylesheet()
    assert "@media print" in css and "@media (max-width: 600px)" in css
    print_rules = css.split("@media print", 1)[1].split("@media (max-width", 1)[0]
    assert "nav.toc" in print_rules and ".pop" in print_rules and "break-inside: avoid" in print_rules


def test_write_story_writes_json_and_html(analysis: StoryAnalysis, tmp_path: Path) -> None:
    json_path, html_path = write_story(analysis, tmp_path)
    assert StoryAnalysis.model_validate_json(json_path.read_text(encoding="utf-8")) == analysis
    assert html_path.read_text(encoding="utf-8").startswith("<!doctype html>")


def _article(body: str, quotes: list[Quote], entities: list[Entity]) -> Article:
    return Article(id="x", page_id="p", source="t", outlet="O", body=body, quotes=quotes, entities=entities)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "vbscript:x"])
def test_report_links_only_web_addresses(analysis: StoryAnalysis, url: str) -> None:
    hostile = analysis.model_copy(deep=True)
    hostile.articles[0].url = url
    tags = parse(render_story(hostile))
    hrefs = [attrs.get("href") or "" for tag, attrs in tags.tags if tag == "a"]
    assert not [h for h in hrefs if not h.startswith(("#", "https://"))]


def test_marks_nest_crossing_spans_and_keep_every_character() -> None:
    body = 'He said "Aleppo will not fall" today.\n\nSecond <b>para</b> & more.'
    quote_start = body.index("Aleppo")
    quote = Quote(text="Aleppo will not fall", start=quote_start, end=quote_start + 20, speaker="X")
    entity = Entity(text="Aleppo", label="GPE", start=quote_start, end=quote_start + 6, key="aleppo")
    crossing = (body.index("will"), body.index("today") + 5)  # starts inside the quote, ends outside it
    html = annotated_body(_article(body, [quote], [entity]), [crossing])
    tags = parse(html)
    assert tags.errors == [] and tags.stack == []
    assert "".join(tags.text) == body.replace("\n\n", "")
    assert html.count("<p>") == 2
    assert '<span class="entity" title="GPE: aleppo">Aleppo</span>' in html


def test_marks_span_across_paragraphs_is_cut_and_anchored_once() -> None:
    body = "First part.\n\nSecond part."
    html = annotated_body(_article(body, [], []), [(6, len(body))])
    assert html.count("<mark class=passage") == 2
    assert html.count('id="p-x-6"') == 1


def test_timeline_chart_skips_undated_events() -> None:
    events = [
        Event(id="1", date="2016-10-18", label="a", article_ids=["x"]),
        Event(id="2", date=None, label="b", article_ids=["y"]),
        Event(id="3", date="2016-12-05", label="c", article_ids=["x", "y"]),
    ]
    svg = timeline_chart(events)
    assert svg.count("<circle") == 2
    assert ">2016-10-18</text>" in svg and ">2016-12-05</text>" in svg
    assert timeline_chart([events[1]]) == ""


def test_figure_chart_scales_values_to_the_largest() -> None:
    points = [
        FigurePoint(
            article_id="a", outlet="A", date="2016-11-28", value=21000, text="more than 21,000", start=0, end=1
        ),
        FigurePoint(article_id="b", outlet="B", date="2016-12-04", value=50000, text="about 50,000", start=0, end=1),
    ]
    svg = figure_chart(FigureSeries(topic="civilians who fled", points=points))
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert len(ys) == 2 and ys[1] < ys[0]  # the larger figure is drawn higher
    assert ">50,000</text>" in svg


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The reports `analyze` writes for the five seed pages, by story label."""
    from manysides.pipeline import analyze
    from manysides.store import Store

    work = tmp_path_factory.mktemp("seeds")
    with Store(work / "seeds.db") as store:
        analyze([SEEDS], store, work / "out", manifest=SEEDS / "manifest.csv")
    pages = [p.read_text(encoding="utf-8") for p in sorted((work / "out").glob("*.html"))]
    return {re.search(r"<h1>(.*?)</h1>", p).group(1): p for p in pages}  # type: ignore[union-attr]


def test_report_on_the_seeds_is_well_formed_and_linked(seed_reports: dict[str, str]) -> None:
    assert len(seed_reports) >= 2  # the Aleppo story and the round-up's other items
    for label, page in seed_reports.items():
        tags = parse(page)
        assert tags.errors == [] and tags.stack == [], label
        assert not [t for t, _ in tags.tags if t in ("script", "img", "iframe", "object")], label
        ids = {attrs["id"] for _, attrs in tags.tags if attrs.get("id")}
        links = [a["href"][1:] for t, a in tags.tags if t == "a" and (a.get("href") or "").startswith("#")]
        assert [target for target in links if target not in ids] == [], label


def test_report_on_the_seeds_shows_who_said_what(seed_reports: dict[str, str]) -> None:
    aleppo = next(page for page in seed_reports.values() if "Malahifji" in page)
    quotes = aleppo.split('<section id="quotes">', 1)[1].split("</section>", 1)[0]
    assert "The factions completely reject any exit" in quotes
    assert "Malahifji" in quotes
    outlets = aleppo.split('<section id="outlets">', 1)[1].split("</section>", 1)[0]
    for outlet in ("SouthFront", "Stalker Zone", "The New Arab", "EA WorldView"):
        assert outlet in outlets
    summary = aleppo.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    assert summary.count("<a class=cite") >= 3


def _point(outlet: str, day: str, value: float, text: str) -> FigurePoint:
    return FigurePoint(article_id=outlet, outlet=outlet, date=day, value=value, text=text, start=0, end=1)


def test_figure_chart_merges_the_same_report_and_draws_no_trend_through_a_conflict() -> None:
    same = [_point(o, "2025-03-04", 3000, "some 3,000") for o in ("A", "B", "C")]
    update = [*same, _point("D", "2025-03-06", 8500, "8,500")]
    svg = figure_chart(FigureSeries(topic="fled", points=update))
    assert svg.count("<circle") == 2 and ">some 3,000 (3 outlets)</text>" in svg
    assert "<polyline" in svg  # a growing count: one value per day, drawn as a trend
    conflict = [*update, _point("E", "2025-03-06", 12000, "more than 12,000")]
    svg = figure_chart(FigureSeries(topic="fled", points=conflict))
    assert svg.count("<circle") == 3 and "<polyline" not in svg
    assert figure_chart(FigureSeries(topic="fled", points=same)) == ""  # one value: the table says it all


def test_report_timeline_events_fold_their_reports(page: str) -> None:
    timeline = page.split('<section id="timeline">', 1)[1].split("</section>", 1)[0]
    assert "<details><summary>1 report</summary>" in timeline
    assert "(dated by “Tuesday evening” = 2024-03-05TEV)" in timeline


def test_report_shows_one_actor_under_many_names_with_evidence() -> None:
    from tests.seed_analysis import seed_story

    page = render_story(seed_story())
    section = page[page.index('<section id="actors">') : page.index('<section id="entities">')]
    assert "Istaqim Kama Aumert" in section and "Fastaqim" in section
    assert "previously known as the Al-Nusra Front" in section  # the words that state the merge
