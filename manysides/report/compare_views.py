"""The compare stage's views: outlets x claims, contradictions, and how each outlet names the actors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from html import escape

from manysides.models import Claim, ClaimMention, Contradiction, Framing, NamingCell, StoryAnalysis
from manysides.report.marks import claim_id, side_id

Status = str  # "contradicted", "corroborated" or "single-source"

BADGES = {
    "contradicted": '<span class="badge">contradicted</span>',
    "corroborated": '<span class="tag ok">corroborated</span>',
    "single-source": '<span class="tag">single source</span>',
}


def not_available(what: str) -> str:
    """The visible note a view shows when the analysis does not carry its data."""
    return f"<p class=na>Not available: {escape(what)}</p>"


def claim_status(claim: Claim, contradictions: Sequence[Contradiction]) -> Status:
    """Contradicted when a contradiction's side overlaps one of its mentions, else by independent sources."""
    for contradiction in contradictions:
        for side in contradiction.sides:
            for m in claim.mentions:
                if side.article_id == m.article_id and side.start < m.end and m.start < side.end:
                    return "contradicted"
    return "single-source" if claim.single_source else "corroborated"


def claims_view(analysis: StoryAnalysis) -> str:
    """The outlets x claims matrix, then the contradictions with both sides."""
    if not analysis.claims:
        matrix = not_available("claims have not been aligned across outlets for this story.")
    else:
        matrix = _matrix(analysis)
    return matrix + contradictions_view(analysis.contradictions)


def _matrix(analysis: StoryAnalysis) -> str:
    outlets = [o.outlet for o in analysis.outlets] or sorted({m.outlet for c in analysis.claims for m in c.mentions})
    rated = [(c, claim_status(c, analysis.contradictions)) for c in analysis.claims]
    counts = {s: sum(1 for _, status in rated if status == s) for s in BADGES}
    lead = (
        f"<p>{len(analysis.claims)} claims: {counts['corroborated']} corroborated by independent sources, "
        f"{counts['single-source']} from a single source, {counts['contradicted']} contradicted.</p>"
    )
    shared = [(c, s) for c, s in rated if s != "single-source"]
    single = [(c, s) for c, s in rated if s == "single-source"]
    # Contested claims first, then corroborated; the long tail of single-source claims is folded.
    shared.sort(key=lambda cs: cs[1] != "contradicted")
    table = _claims_table(shared, outlets) if shared else ""
    folded = (
        f"<details class=single><summary>{len(single)} claim{'' if len(single) == 1 else 's'} made by a single source"
        "</summary>"
        f"{_claims_table(single, outlets)}</details>"
        if single
        else ""
    )
    return lead + table + folded


def _claims_table(rows: Sequence[tuple[Claim, Status]], outlets: Sequence[str]) -> str:
    head = "".join(f"<th>{escape(o)}</th>" for o in outlets)
    body = "".join(_claim_row(c, s, outlets) for c, s in rows)
    return (
        f"<div class=table-wrap><table class=claims><thead><tr><th>Claim</th>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )


def _claim_row(claim: Claim, status: Status, outlets: Sequence[str]) -> str:
    by_outlet: dict[str, list[ClaimMention]] = defaultdict(list)
    for m in claim.mentions:
        by_outlet[m.outlet].append(m)
    cells = "".join(_cell(by_outlet.get(o, [])) for o in outlets)
    return (
        f'<tr class="{status}"><td>{escape(claim.text)} {BADGES[status]}'
        f"<div class=muted>{escape(claim.corroboration)}</div></td>{cells}</tr>"
    )


def _cell(mentions: Sequence[ClaimMention]) -> str:
    if not mentions:
        return '<td class=absent title="not reported">–</td>'
    links = " ".join(
        f'<a href="#{escape(claim_id(m.article_id, m.start))}" title="{escape(m.text)} ({escape(m.via or m.source)})">'
        f"✓</a>"
        for m in mentions
    )
    sources = ", ".join(dict.fromkeys(m.source for m in mentions))
    return f"<td class=present>{links}<div class=muted>{escape(sources)}</div></td>"


def contradictions_view(contradictions: Sequence[Contradiction]) -> str:
    if not contradictions:
        return "<h3>Contradictions</h3><p class=muted>No contradiction was found between these articles.</p>"
    cards = "".join(_contradiction(c) for c in contradictions)
    return f"<h3>Contradictions</h3><div class=contradictions>{cards}</div>"


def _contradiction(contradiction: Contradiction) -> str:
    rows = "".join(
        f'<tr><td><a href="#{escape(side_id(s.article_id, s.start))}">{escape(s.outlet)}</a></td>'
        f"<td>{escape(str(s.date or 'date unknown'))}</td><td><b>{escape(s.value)}</b></td>"
        f"<td>{escape(s.text)}</td></tr>"
        for s in contradiction.sides
    )
    explanation = f"<p class=muted>{escape(contradiction.explanation)}</p>" if contradiction.explanation else ""
    return (
        f"<div class=contradiction><h4><span class=tag>{escape(contradiction.kind)}</span> "
        f"{escape(contradiction.topic)}</h4>{explanation}<div class=table-wrap><table><thead><tr><th>Outlet</th>"
        f"<th>Date</th><th>Says</th><th>In its words</th></tr></thead><tbody>{rows}</tbody></table></div></div>"
    )


def naming_view(analysis: StoryAnalysis) -> str:
    """Outlet x actor: the labels each outlet uses, with counts and where it uses them."""
    framing = analysis.framing
    if not framing.naming:
        body = not_available("the outlet × actor naming matrix has not been computed for this story.")
    else:
        body = _naming_matrix(framing, [o.outlet for o in analysis.outlets])
    return body + _wording(framing)


def _naming_matrix(framing: Framing, outlets: list[str]) -> str:
    """Outlets down, actors across: few actors and many outlets keep the table narrow enough for a phone."""
    actors = framing.actors or sorted({c.actor for c in framing.naming})
    named = {c.outlet for c in framing.naming}
    rows_outlets = [o for o in outlets if o in named] + sorted(named - set(outlets))
    cells: dict[tuple[str, str], list[NamingCell]] = defaultdict(list)
    for cell in framing.naming:
        cells[(cell.outlet, cell.actor)].append(cell)
    head = "".join(f"<th>{escape(a)}</th>" for a in actors)
    rows = "".join(
        f"<tr><th scope=row>{escape(outlet)}</th>"
        + "".join(_naming_cell(cells.get((outlet, actor), [])) for actor in actors)
        + "</tr>"
        for outlet in rows_outlets
    )
    return (
        "<p class=muted>The words each outlet uses for each actor, with how often; uses inside quotations "
        "and in scare quotes are counted apart from the outlet's own voice. Hover a label for an example.</p>"
        f"<div class=table-wrap><table class=naming><thead><tr><th>Outlet</th>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def _naming_cell(cells: Sequence[NamingCell]) -> str:
    if not cells:
        return "<td class=absent>–</td>"
    items = []
    for cell in sorted(cells, key=lambda c: -c.count):
        notes = [f"{cell.quoted} quoted"] if cell.quoted else []
        notes += [f"{cell.scare_quoted} in scare quotes"] if cell.scare_quoted else []
        example = f' title="{escape(cell.examples[0])}"' if cell.examples else ""
        items.append(
            f"<span class=label{example}><b>{escape(cell.label)}</b> {cell.count}"
            + (f" <span class=muted>({escape(', '.join(notes))})</span>" if notes else "")
            + "</span>"
        )
    return f"<td>{', '.join(items)}</td>"


def _wording(framing: Framing) -> str:
    parts = []
    if framing.marks:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for mark in framing.marks:
            counts[mark.outlet][mark.kind] += 1
        items = "".join(
            f"<li>{escape(outlet)}: "
            + ", ".join(f"{n} {escape(kind.replace('_', ' '))}" for kind, n in kinds.items())
            + "</li>"
            for outlet, kinds in counts.items()
        )
        parts.append(f"<h3>Marked wording</h3><p class=muted>Marked in each article's text below.</p><ul>{items}</ul>")
    if framing.distinctive:
        words: dict[str, list[str]] = defaultdict(list)
        for word in sorted(framing.distinctive, key=lambda w: -w.z):
            words[word.outlet].append(f"{word.word} (z {word.z:.1f})")
        items = "".join(f"<li>{escape(o)}: {escape(', '.join(ws[:10]))}</li>" for o, ws in words.items())
        parts.append(f"<h3>Words most distinctive of each outlet</h3><ul>{items}</ul>")
    if framing.omissions:
        items = "".join(
            f"<li><b>{escape(o.outlet)}</b> leaves out: {escape(o.text)} "
            f"<span class=muted>(reported by {escape(', '.join(o.reported_by))})</span></li>"
            for o in framing.omissions
        )
        parts.append(f"<h3>What each outlet leaves out</h3><ul>{items}</ul>")
    if framing.lexicons:
        items = "".join(f"<li>{escape(lexicon)}</li>" for lexicon in framing.lexicons)
        parts.append(
            f"<details class=lexicons><summary>{len(framing.lexicons)} word lists used, with their sources</summary>"
            f"<ul class=muted>{items}</ul></details>"
        )
    return "".join(parts)
