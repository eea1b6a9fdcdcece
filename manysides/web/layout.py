"""The web app's page shell and forms; every value shown passes through `escape`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from urllib.parse import urlencode

from manysides.models import Article, Skipped, Story
from manysides.report.compare_views import not_available
from manysides.report.html import document
from manysides.web.ingest import AddResult
from manysides.web.queries import SearchResult, StoryRow


def page(title: str, body: str, query: str = "") -> str:
    """A full page: the top bar with search, then `body`."""
    bar = (
        "<div class=topbar><a class=brand href=/>manysides</a>"
        "<form class=inline role=search method=get action=/search>"
        f'<input type=search name=q value="{escape(query)}" placeholder="Search articles" aria-label="Search articles">'
        "<button type=submit>Search</button></form>"
        "<a href=/add>Add articles</a><a href=/exports>Exports</a><a href=/api>API</a></div>"
    )
    return document(title, f"{bar}<main>{body}</main>")


def stories_table(rows: Sequence[StoryRow]) -> str:
    if not rows:
        return (
            "<p class=na>Not available: the store holds no stories yet. "
            "<a href=/add>Add articles</a> or run <code>manysides analyze</code>.</p>"
        )
    body = "".join(
        f'<tr><td><a href="/stories/{escape(r.id)}">{escape(r.label)}</a>'
        f"<div class=muted>{escape(', '.join(r.keywords))}</div></td>"
        f"<td class=num>{r.articles}</td><td class=num>{r.outlets}</td>"
        f"<td>{escape(_span(r))}</td><td>{'yes' if r.analyzed else 'not yet'}</td></tr>"
        for r in rows
    )
    return (
        "<div class=table-wrap><table class=stories><thead><tr><th>Story</th><th>Articles</th><th>Outlets</th>"
        f"<th>Dates</th><th>Analysed</th></tr></thead><tbody>{body}</tbody></table></div>"
    )


def _span(row: StoryRow) -> str:
    if row.first_date is None:
        return "unknown"
    if row.first_date == row.last_date or row.last_date is None:
        return str(row.first_date)
    return f"{row.first_date} to {row.last_date}"


def unanalysed_story(story: Story, articles: Sequence[Article]) -> str:
    """A story whose analysis is missing: say so, and list its articles."""
    items = "".join(
        f'<li><a href="/articles/{escape(a.id)}">{escape(a.title or "(untitled)")}</a> '
        f"<span class=muted>{escape(a.outlet)}</span></li>"
        for a in articles
    )
    note = not_available("this story has not been analysed yet; `manysides analyze` or adding an article does it.")
    return f"<h1>{escape(story.label)}</h1>{note}<ol>{items}</ol>"


def search_results(result: SearchResult) -> str:
    """The hits of one page of a search, with the total and links to the pages before and after."""
    query = result.query
    if not query.strip():
        return "<p class=muted>Type words to search the titles, texts and outlets of all articles.</p>"
    if not result.total:
        return f"<p>No article matches <b>{escape(query)}</b>.</p>"
    words = [w for w in re.findall(r"\w+", query.lower()) if w]
    items = "".join(
        f'<li><a href="/articles/{escape(h.article_id)}">{escape(h.title or "(untitled)")}</a> '
        f"<span class=muted>{escape(h.outlet)} · {escape(str(h.date or 'date unknown'))}"
        + (f' · <a href="/stories/{escape(h.story_id)}">story</a>' if h.story_id else "")
        + f"</span><div class=snippet>{highlight(h.snippet, words)}</div></li>"
        for h in result.hits
    )
    verb = "article matches" if result.total == 1 else "articles match"
    shown = ""
    if len(result.hits) < result.total:
        shown = f" Showing {result.offset + 1} to {result.offset + len(result.hits)}."
    return (
        f"<p>{result.total} {verb} <b>{escape(query)}</b>.{shown}</p>"
        f"<ol class=results start={result.offset + 1}>{items}</ol>{_pager(result)}"
    )


def _pager(result: SearchResult) -> str:
    size = max(1, len(result.hits))
    links = []
    if result.offset > 0:
        before = max(0, result.offset - size)
        links.append(
            f'<a rel=prev href="/search?{escape(urlencode({"q": result.query, "offset": before}))}">Previous</a>'
        )
    if result.offset + len(result.hits) < result.total:
        after = result.offset + len(result.hits)
        links.append(f'<a rel=next href="/search?{escape(urlencode({"q": result.query, "offset": after}))}">Next</a>')
    return f"<p class=pager>{' · '.join(links)}</p>" if links else ""


def highlight(text: str, words: Sequence[str]) -> str:
    """Escaped text with the given words marked; matching happens before escaping, so entities stay whole."""
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    out, cursor = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[cursor : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        cursor = match.end()
    out.append(escape(text[cursor:]))
    return "".join(out)


def add_forms(token_needed: bool) -> str:
    """Three ways to add articles; URLs are fetched only by the third form's button."""
    token = (
        "<label>Write token <input type=password name=token required autocomplete=off></label>" if token_needed else ""
    )
    outlet = "<label>Outlet (optional) <input type=text name=outlet maxlength=200></label>"
    return (
        "<h1>Add articles</h1>"
        "<form method=post action=/add/text><fieldset><legend>Paste text or HTML</legend>"
        "<label>Text <textarea name=text required></textarea></label>"
        f"{outlet}<label>URL it came from (optional, not fetched) <input type=url name=url></label>"
        f"<label>Date (optional) <input type=date name=date></label>{token}"
        "<button type=submit>Add the text</button></fieldset></form>"
        "<form method=post action=/add/files enctype=multipart/form-data><fieldset><legend>Upload files</legend>"
        "<label>HTML or text files <input type=file name=files multiple accept=.html,.htm,.txt required></label>"
        f"{outlet}{token}<button type=submit>Upload</button></fieldset></form>"
        "<form method=post action=/add/urls><fieldset><legend>Fetch web pages</legend>"
        "<p class=muted>Only public http(s) addresses are fetched, and only when you press the button.</p>"
        "<label>URLs, one per line <textarea name=urls required></textarea></label>"
        f"{outlet}{token}<button type=submit>Fetch and add</button></fieldset></form>"
    )


def add_result(result: AddResult, labels: dict[str, str]) -> str:
    """What an add request stored, with links to the stories the new articles joined."""
    stories = "".join(
        f'<li><a href="/stories/{escape(s)}">{escape(labels.get(s, "story " + s))}</a></li>' for s in result.stories
    )
    articles = "".join(f'<li><a href="/articles/{escape(a)}">article {escape(a)}</a></li>' for a in result.articles)
    return (
        f"<h1>Added {len(result.articles)} article{'' if len(result.articles) == 1 else 's'}</h1>"
        + (f"<p class=flash>Stored. They are in:</p><ul>{stories}</ul><ul>{articles}</ul>" if result.articles else "")
        + skipped_list(result.skipped)
        + "<p><a href=/add>Add more</a> · <a href=/>All stories</a></p>"
    )


def skipped_list(skipped: Sequence[Skipped]) -> str:
    if not skipped:
        return ""
    items = "".join(f"<li><b>{escape(s.source)}</b>: {escape(s.reason)}</li>" for s in skipped)
    return f"<div class=error><p>{len(skipped)} inputs gave no article:</p><ul class=skipped>{items}</ul></div>"


def error_page(status: int, message: str) -> str:
    return page(f"Error {status}", f"<h1>Error {status}</h1><p class=error>{escape(message)}</p>")
