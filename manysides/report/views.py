"""The views of a story, as HTML fragments shared by the static report and the web app.

Each view is a `Section`; a view whose data the analysis does not carry (yet)
says so in a visible note instead of disappearing. All page text is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from manysides.models import (
    Actor,
    Article,
    Citation,
    Event,
    FigureSeries,
    FigureTopic,
    QuoteCarrier,
    QuoteGroup,
    StoryAnalysis,
    SummarySentence,
)
from manysides.report.charts import figure_chart, timeline_chart
from manysides.report.compare_views import claims_view, naming_view, not_available
from manysides.report.marks import Span, annotated_body, claim_id, figure_id, passage_id, quote_id, side_id

ArticleLink = Callable[[str], str | None]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    html: str


def _no_link(article_id: str) -> str | None:
    return None


def story_sections(analysis: StoryAnalysis, article_link: ArticleLink = _no_link) -> list[Section]:
    """Every view of the story, in reading order."""
    by_id = {a.id: a for a in analysis.articles}
    return [
        Section("summary", "Summary", summary_view(analysis, by_id)),
        Section("timeline", "Timeline", timeline_view(analysis.timeline, by_id, analysis.timeline_summary)),
        Section("claims", "Claims by outlet", claims_view(analysis)),
        Section("quotes", "Who said what", quotes_view(analysis.quotes)),
        Section("naming", "How each outlet names the actors", naming_view(analysis)),
        Section("figures", "Figures over time", figures_view(analysis)),
        Section("outlets", "Who covers it", outlets_view(analysis, by_id)),
        Section("actors", "One actor, many names", actors_view(analysis.actors)),
        Section("entities", "Who and where each outlet mentions", entities_view(analysis)),
        Section("articles", "The articles", articles_view(analysis, article_link)),
    ]


def header_view(analysis: StoryAnalysis, sections: Sequence[Section]) -> str:
    """Title, counts, date span and a table of contents."""
    dates = sorted(a.date.value for a in analysis.articles if a.date.value)
    span = f"{dates[0]} to {dates[-1]}" if dates else "dates unknown"
    keywords = ", ".join(analysis.story.keywords[:8])
    toc = "".join(f'<li><a href="#{s.id}">{escape(s.title)}</a></li>' for s in sections)
    return (
        f"<header><h1>{escape(analysis.story.label)}</h1>"
        f"<p class=meta>{len(analysis.articles)} articles from {len(analysis.outlets)} outlets, {span}."
        + (f" Keywords: {escape(keywords)}." if keywords else "")
        + f"</p><nav class=toc aria-label=Contents><ul>{toc}</ul></nav></header>"
    )


def render_sections(sections: Sequence[Section]) -> str:
    return "".join(f'<section id="{s.id}"><h2>{escape(s.title)}</h2>{s.html}</section>' for s in sections)


# summary


KIND_NOTES = {
    "corroborated": "corroborated by independent sources",
    "disputed": "disputed: the sources disagree",
    "attributed": "one side's claim, attributed",
    "reported": "one source's account of a development, attributed",
    "event": "a dated development",
}


def summary_view(analysis: StoryAnalysis, by_id: dict[str, Article]) -> str:
    if not analysis.summary:
        return not_available("no summary sentence could be verified against its sources; see the articles.")
    verified = sum(1 for s in analysis.summary if s.verified)
    lead = (
        f"<p class=meta>{verified} of {len(analysis.summary)} sentences checked against the passages they cite."
        "<span class=screen> Hover or focus a source to read its passage; click to jump to it.</span></p>"
    )
    items = "".join(summary_item(s, by_id) for s in analysis.summary)
    return f"{lead}<ol class=summary>{items}</ol>"


def summary_item(sentence: SummarySentence, by_id: dict[str, Article]) -> str:
    """One cited sentence: its text, its kind, its sources as chips that show their passages."""
    cites = "".join(citation_link(c, by_id.get(c.article_id)) for c in sentence.citations)
    kind = (
        f' <span class="tag kind-{escape(sentence.kind)}" title="{escape(KIND_NOTES.get(sentence.kind, ""))}">'
        f"{escape(sentence.kind)}</span>"
        if sentence.kind
        else ""
    )
    check = "" if sentence.verified else ' <span class=tag title="no support check recorded">unchecked</span>'
    sources = (
        f" <span class=muted>({_count(len(sentence.sources), 'independent source')})</span>" if sentence.sources else ""
    )
    return f"<li>{escape(sentence.text)}{kind}{check} {cites}{sources}</li>"


def citation_link(citation: Citation, article: Article | None) -> str:
    """A citation chip: hover or focus shows the source passage, a click jumps to it."""
    outlet = escape(citation.outlet)
    if article is None:
        return f'<span class=cite title="article not in this story">{outlet}</span>'
    passage = citation.quote or article.span(citation.start, citation.end)
    date = article.date.value or "date unknown"
    return (
        f'<a class=cite href="#{escape(passage_id(citation.article_id, citation.start))}">{outlet}'
        f"<span class=pop role=tooltip><b>{outlet}, {escape(str(date))}</b> "
        f"“{escape(_clip(passage, 400))}”</span></a>"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# timeline


def timeline_view(events: Sequence[Event], by_id: dict[str, Article], lines: Sequence[SummarySentence] = ()) -> str:
    """The events as a chart and a list, then the summary's cited line per event when there is one."""
    cited = (
        f"<h3>The developments, cited</h3><ol class=summary>{''.join(summary_item(s, by_id) for s in lines)}</ol>"
        if lines
        else ""
    )
    if not events:
        return not_available("no dated developments were found for this story.") + cited
    chart = timeline_chart(events)
    items = []
    for number, event in enumerate(events, 1):
        outlets = sorted({by_id[a].outlet for a in event.article_ids if a in by_id})
        links = ", ".join(
            f'<a href="#a-{escape(a)}">{escape(by_id[a].outlet)}</a>' for a in event.article_ids if a in by_id
        )
        when = str(event.date) if event.date else "undated"
        items.append(
            f"<li value={number}><time>{escape(when)}</time> {escape(event.label)}"
            f" <span class=muted>({_count(len(outlets), 'outlet')}: {links})</span>{_mentions(event)}</li>"
        )
    undated = "" if chart else "<p class=muted>None of the events has a date, so there is no chart.</p>"
    return f"{chart}{undated}<ol class=timeline>{''.join(items)}</ol>{cited}"


def _mentions(event: Event) -> str:
    """The sentences reporting an event, with the time expression that dated each, folded."""
    if not event.mentions:
        return ""
    items = "".join(
        f'<li><a href="#a-{escape(m.article_id)}">{escape(m.outlet)}</a>: “{escape(_clip(m.text, 300))}”'
        + (f" <span class=muted>(dated by “{escape(m.time.text)}” = {escape(m.time.value)})</span>" if m.time else "")
        + "</li>"
        for m in event.mentions
    )
    return f"<details><summary>{_count(len(event.mentions), 'report')}</summary><ul>{items}</ul></details>"


# quotes


def quotes_view(groups: Sequence[QuoteGroup]) -> str:
    if not groups:
        return not_available("no quotations were found in these articles.")
    conflicts = sum(1 for g in groups if _is_conflict(g))
    rows = []
    for group in sorted(groups, key=lambda g: (not _is_conflict(g), -len(g.carriers))):
        conflict = _is_conflict(group)
        badge = " <span class=badge>credited to different speakers</span>" if conflict else ""
        carriers = "".join(_carrier(c, group.earliest_article_id) for c in group.carriers)
        channels = f"<div class=muted>channels: {escape(', '.join(group.channels))}</div>" if group.channels else ""
        rows.append(
            f"<tr{' class=conflict' if conflict else ''}><td><q class=quote>{escape(group.text)}</q>{badge}"
            f"{channels}</td><td><ul class=carriers>{carriers}</ul></td></tr>"
        )
    lead = f"<p>{len(groups)} quotations; {conflicts} credited to different speakers by different articles.</p>"
    return (
        f"{lead}<div class=table-wrap><table><thead><tr><th>Quote</th><th>Carried by, credited to</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _is_conflict(group: QuoteGroup) -> bool:
    return group.conflict or len(group.speakers) > 1


def _carrier(carrier: QuoteCarrier, earliest: str | None) -> str:
    speaker = escape(carrier.speaker or "speaker not named")
    role = f", {escape(carrier.role)}" if carrier.role else ""
    cue = f" ({escape(carrier.cue)})" if carrier.cue else ""
    via = f", via {escape(carrier.channel)}" if carrier.channel else ""
    first = " <span class=tag>earliest</span>" if earliest and carrier.article_id == earliest else ""
    kind = f" <span class=tag>{escape(carrier.kind)}</span>" if carrier.kind != "direct" else ""
    date = escape(str(carrier.date or "date unknown"))
    return (
        f'<li><a href="#{escape(quote_id(carrier.article_id, carrier.start))}">{escape(carrier.outlet)}</a> ({date}): '
        f"<b>{speaker}</b>{role}{cue}{via}{kind}{first}</li>"
    )


# figures


def figures_view(analysis: StoryAnalysis) -> str:
    """Each measured quantity across articles: what the differences mean, a chart and the wording."""
    if not analysis.figure_topics and not analysis.figures:
        return not_available("no figure was reported by more than one article.")
    topics = "".join(_topic(t) for t in analysis.figure_topics)
    return topics + "".join(_series(s) for s in analysis.figures)


def _topic(topic: FigureTopic) -> str:
    """A figure topic: its verdict with why, the chart, and each figure with the range its wording allows."""
    verdict = f"<span class=tag>{escape(topic.verdict)}</span>"
    explanation = f" {escape(topic.explanation)}" if topic.explanation else ""
    title = f"{topic.counted} ({topic.unit})" if topic.unit else topic.counted
    rows = "".join(
        f"<tr><td>{escape(str(f.date or 'undated'))}</td>"
        f'<td><a href="#{escape(figure_id(f.article_id, f.start))}">{escape(f.outlet)}</a></td>'
        f'<td title="{escape(f.sentence)}">{escape(f.text)}</td><td class=num>{_range(f.low, f.high)}</td>'
        f"<td>{escape(f.baseline)}</td></tr>"
        for f in sorted(topic.figures, key=lambda f: (f.date is None, f.date, f.value))
    )
    return (
        f"<div class=series><h3>{escape(title)}</h3><p>{verdict}{explanation}</p>"
        f"{figure_chart(topic.as_series(title))}<div class=table-wrap><table>"
        "<thead><tr><th>Date</th><th>Outlet</th><th>As reported</th><th>Wording allows</th><th>Counted from</th></tr>"
        f"</thead><tbody>{rows}</tbody></table></div></div>"
    )


def _range(low: float, high: float | None) -> str:
    if high is None:
        return f"{low:,.6g} or more"
    return f"{low:,.6g}" if high == low else f"{low:,.6g} to {high:,.6g}"


def _series(series: FigureSeries, note: str = "") -> str:
    chart = figure_chart(series)
    rows = "".join(
        f"<tr><td>{escape(str(p.date or 'undated'))}</td>"
        f'<td><a href="#a-{escape(p.article_id)}">{escape(p.outlet)}</a></td>'
        f"<td>{escape(p.text)}</td><td class=num>{p.value:,.6g}</td></tr>"
        for p in sorted(series.points, key=lambda p: (p.date is None, p.date, p.value))
    )
    undated = ""
    if not chart and all(p.date is None for p in series.points):
        undated = "<p class=muted>None of these reports is dated, so there is no chart.</p>"
    return (
        f"<div class=series><h3>{escape(series.topic)}</h3>{note}{chart}{undated}<div class=table-wrap><table>"
        f"<thead><tr><th>Date</th><th>Outlet</th><th>As reported</th><th>Value</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></div>"
    )


# outlets and entities


def outlets_view(analysis: StoryAnalysis, by_id: dict[str, Article]) -> str:
    if not analysis.outlets:
        return not_available("no outlet coverage was computed.")
    rows = "".join(
        f"<tr><td>{escape(o.outlet)}</td><td class=num>{len(o.article_ids)}</td>"
        f"<td>{escape(str(o.first_date or 'unknown'))}</td><td class=num>{o.quotes}</td></tr>"
        for o in analysis.outlets
    )
    table = (
        "<div class=table-wrap><table><thead><tr><th>Outlet</th><th>Articles</th><th>First report</th>"
        f"<th>Quotes</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )
    return table + _copies(analysis, by_id)


def _copies(analysis: StoryAnalysis, by_id: dict[str, Article]) -> str:
    if not analysis.copies:
        return "<p class=muted>No copied or relayed articles were detected; every article counts as a source.</p>"
    items = []
    for copy in analysis.copies:
        article = by_id.get(copy.article_id)
        name = escape(article.outlet if article else copy.article_id)
        source = by_id.get(copy.source_id or "")
        origin = escape(source.outlet) if source else escape(copy.upstream or "an unknown source")
        share = f", {copy.share:.0%} of its text" if copy.share else ""
        evidence = f" <span class=muted>(“{escape(_clip(copy.evidence, 160))}”)</span>" if copy.evidence else ""
        items.append(f"<li>{name}: {escape(copy.kind)} of {origin}{share}{evidence}</li>")
    return f"<h3>Copies and relays</h3><ul class=copies>{''.join(items)}</ul>"


def actors_view(actors: Sequence[Actor]) -> str:
    """Actors named more than one way, each merge with the reason and the words that state it."""
    merged = [a for a in actors if len(a.names) > 1]
    if not merged:
        return not_available("no actor is named in more than one way.")
    rows = []
    for actor in merged:
        reasons = "".join(
            f"<li>{escape(' = '.join(e.names))}: {escape(e.reason)}"
            + (f" <span class=muted>(“{escape(_clip(e.text, 120))}”)</span>" if e.text else "")
            + "</li>"
            for e in actor.evidence
        )
        rows.append(
            f"<tr><td>{escape(actor.name)}<div class=muted>{escape(actor.label)}</div></td>"
            f"<td>{escape(', '.join(actor.names))}</td><td><ul>{reasons}</ul></td></tr>"
        )
    return (
        "<div class=table-wrap><table><thead><tr><th>Actor</th><th>Names used</th><th>Why they are one</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def entities_view(analysis: StoryAnalysis) -> str:
    if not analysis.entities:
        return not_available("no named entities were found.")
    outlets = [o.outlet for o in analysis.outlets]
    head = "".join(f"<th>{escape(o)}</th>" for o in outlets)
    rows = "".join(
        f"<tr><td>{escape(e.names[0] if e.names else e.key)}<div class=muted>{escape(e.label)}"
        f"{escape(' · also ' + ', '.join(e.names[1:4])) if len(e.names) > 1 else ''}</div></td>"
        + "".join(f"<td class=num>{e.mentions.get(o, '')}</td>" for o in outlets)
        + "</tr>"
        for e in analysis.entities
    )
    return (
        f"<div class=table-wrap><table><thead><tr><th>Entity</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


# articles


LEGEND = (
    "<p class=legend>Marked in the text: <mark class=passage>cited in the summary</mark> "
    "<span class=quote>quotation</span> <span class=entity>named entity</span> "
    "<span class=loaded>loaded wording</span> <span class=editorial>editorial voice</span> (hover for details).</p>"
)


def article_extras(analysis: StoryAnalysis) -> dict[str, list[Span]]:
    """Per article, the spans other views link to or mark: claims, contradiction sides, marked wording."""
    extras: dict[str, list[Span]] = defaultdict(list)
    for claim in analysis.claims:
        for m in claim.mentions:
            extras[m.article_id].append(Span(m.start, m.end, "claim", "", claim_id(m.article_id, m.start)))
    for contradiction in analysis.contradictions:
        for side in contradiction.sides:
            note = f"contradiction ({contradiction.kind}): {contradiction.topic}"
            extras[side.article_id].append(
                Span(side.start, side.end, "side", note, side_id(side.article_id, side.start))
            )
    for topic in analysis.figure_topics:
        for f in topic.figures:
            note = f"{topic.counted}: {f.text}"
            extras[f.article_id].append(Span(f.start, f.end, "figure", note, figure_id(f.article_id, f.start)))
    for mark in analysis.framing.marks:
        note = f"{mark.kind.replace('_', ' ')}: {mark.reason}" if mark.reason else mark.kind.replace("_", " ")
        extras[mark.article_id].append(Span(mark.start, mark.end, mark.kind, note))
    return extras


def cited_passages(analysis: StoryAnalysis) -> dict[str, list[tuple[int, int]]]:
    """Per article, the passages the summary and the timeline lines cite, in text order."""
    cited: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for sentence in [*analysis.summary, *analysis.timeline_summary]:
        for c in sentence.citations:
            cited[c.article_id].add((c.start, c.end))
    return {a: sorted(spans) for a, spans in cited.items()}


def articles_view(analysis: StoryAnalysis, article_link: ArticleLink = _no_link) -> str:
    if not analysis.articles:
        return not_available("the story has no articles.")
    cited = cited_passages(analysis)
    extras = article_extras(analysis)
    return LEGEND + "".join(
        article_view(a, cited.get(a.id, []), article_link(a.id), extras.get(a.id, [])) for a in analysis.articles
    )


def article_view(
    article: Article, passages: Sequence[tuple[int, int]], href: str | None = None, extra: Sequence[Span] = ()
) -> str:
    """One article with its annotations highlighted, its comments and what the cleaner removed."""
    title = escape(article.title or "(untitled)")
    heading = f'<a href="{escape(href)}">{title}</a>' if href else title
    date = f"{article.date.value} (from {article.date.source})" if article.date.value else "date unknown"
    author = f" · {escape(article.author)}" if article.author else ""
    link = ""
    if article.url and _is_web(article.url):
        link = f' · <a href="{escape(article.url)}" rel="noreferrer noopener">source</a>'
    elif article.url:
        link = f" · {escape(article.url)}"
    return (
        f'<article class=source id="a-{escape(article.id)}"><h3>{heading}</h3>'
        f"<p class=meta>{escape(article.outlet)}{author} · {escape(date)}{link}</p>"
        f"{annotated_body(article, passages, extra)}{_comments(article)}{_removed(article)}</article>"
    )


def _is_web(url: str) -> bool:
    """Only http(s) addresses become links; a javascript: or data: URL from a page stays inert text."""
    return urlsplit(url).scheme.lower() in ("http", "https")


def _comments(article: Article) -> str:
    if not article.comments:
        return ""
    items = "".join(f"<li><b>{escape(c.author or 'anonymous')}</b>: {escape(c.text)}</li>" for c in article.comments)
    return (
        f"<details><summary>{len(article.comments)} reader comments (not part of the article)</summary>"
        f"<ul class=comments>{items}</ul></details>"
    )


def _removed(article: Article) -> str:
    if not article.removed:
        return ""
    items = "".join(f"<li>[{escape(b.role)}] {escape(_clip(b.text, 300))}</li>" for b in article.removed)
    return (
        f"<details><summary>{len(article.removed)} blocks left out of the body, with why</summary>"
        f"<ul class=removed>{items}</ul></details>"
    )
