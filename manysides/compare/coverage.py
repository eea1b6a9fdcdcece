"""Who covers a story and which actors each outlet mentions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from manysides.models import Article, EntityRow, OutletCoverage

MAX_ENTITY_ROWS = 40


def outlet_coverage(articles: Sequence[Article]) -> list[OutletCoverage]:
    """One row per outlet: its articles, first date, entity mentions and quotes."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_outlet[article.outlet].append(article)
    rows = []
    for outlet, own in by_outlet.items():
        dates = [a.date.value for a in own if a.date.value is not None]
        mentions = Counter(e.key for a in own for e in a.entities)
        rows.append(
            OutletCoverage(
                outlet=outlet,
                article_ids=[a.id for a in own],
                first_date=min(dates) if dates else None,
                entities=dict(mentions.most_common()),
                quotes=sum(len(a.quotes) for a in own),
            )
        )
    return sorted(rows, key=lambda r: (r.first_date is None, r.first_date, r.outlet))


def entity_rows(articles: Sequence[Article], limit: int = MAX_ENTITY_ROWS) -> list[EntityRow]:
    """Entities of the story, most widely covered first, with each outlet's mention count."""
    mentions: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for entity in article.entities:
            mentions[entity.key][article.outlet] += 1
            labels[entity.key][entity.label] += 1
            names[entity.key][entity.text] += 1
    ranked = sorted(mentions, key=lambda k: (-len(mentions[k]), -sum(mentions[k].values()), k))
    return [
        EntityRow(
            key=key,
            label=labels[key].most_common(1)[0][0],
            names=[name for name, _ in names[key].most_common()],
            mentions=dict(mentions[key]),
        )
        for key in ranked[:limit]
    ]
