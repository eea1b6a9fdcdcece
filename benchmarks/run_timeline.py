"""Timeline date selection on Timeline17: manysides' story timeline against publication-day counts.

For each of the 19 reference timelines, as in the usual setting (Martschat and
Markert 2018; Ghalandari and Ifrim 2020): the system sees the articles of the
folder published within the timeline's span and outputs as many dates as the
reference has; date-selection F1 is averaged over timelines. manysides ranks
days by the articles whose dated sentences (time expressions resolved against
the publication date) report a development on that day (`build_timeline`);
the baseline ranks days by how many articles were published on them.
Run: `.venv/bin/python -m benchmarks.run_timeline`.
"""

from __future__ import annotations

import datetime as dt
import re
import tarfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.readme import BENCH_DATA, save_results, table, write_section
from manysides.models import Article, Event, PubDate, Sentence
from manysides.stories import build_timeline

ARCHIVE = BENCH_DATA / "timeline17" / "Timeline17.tar.gz"


@dataclass
class Topic:
    folder: str
    articles: list[Article]
    timelines: dict[str, set[dt.date]]


def load() -> list[Topic]:
    """Every folder's articles (one sentence per line) and reference timeline dates."""
    articles: dict[str, list[Article]] = defaultdict(list)
    timelines: dict[str, dict[str, set[dt.date]]] = defaultdict(dict)
    with tarfile.open(ARCHIVE) as tar:
        for member in tar:
            if not member.isfile():
                continue
            parts = member.name.split("/")
            handle = tar.extractfile(member)
            if handle is None or len(parts) < 4:
                continue
            text = handle.read().decode("utf-8", errors="replace")
            folder = parts[1]
            if parts[2] == "InputDocs" and text.strip():
                articles[folder].append(_article(member.name, parts[3], text))
            elif parts[2] == "timelines":
                timelines[folder][parts[3]] = _timeline_dates(text)
    return [Topic(f, sorted(articles[f], key=lambda a: a.id), timelines[f]) for f in sorted(timelines)]


def _article(name: str, day: str, text: str) -> Article:
    lines = text.splitlines()
    sentences, position = [], 0
    for line in lines:
        if line.strip():
            sentences.append(Sentence(start=position, end=position + len(line)))
        position += len(line) + 1
    return Article(
        id=name,
        page_id=name,
        source="timeline17",
        outlet=name.split("/")[1].split("_")[-1],
        title=lines[0] if lines else "",
        body="\n".join(lines),
        date=PubDate(value=dt.date.fromisoformat(day), source="input"),
        sentences=sentences,
    )


def _timeline_dates(text: str) -> set[dt.date]:
    days = set()
    for line in text.splitlines():
        match = re.fullmatch(r"\s*(\d{4})-(\d\d)-(\d\d)\s*", line)
        if match:
            try:
                days.add(dt.date(int(match[1]), int(match[2]), int(match[3])))
            except ValueError:
                continue
    return days


Ranker = Callable[[Sequence[Article]], list[dt.date]]


def manysides_dates(articles: Sequence[Article]) -> list[dt.date]:
    """Days ranked by the articles reporting a development on them, weighted by date confidence."""
    score: Counter[dt.date] = Counter()
    for event in build_timeline(articles):
        if event.date is not None:
            score[event.date] += _event_weight(event)
    return [d for d, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))]


def _event_weight(event: Event) -> float:
    by_article: dict[str, float] = {}
    for mention in event.mentions:
        confidence = mention.time.confidence if mention.time else 0.5
        by_article[mention.article_id] = max(by_article.get(mention.article_id, 0.0), confidence)
    return sum(by_article.values())


def publication_dates(articles: Sequence[Article]) -> list[dt.date]:
    """Days ranked by how many articles were published on them."""
    counts = Counter(a.date.value for a in articles if a.date.value)
    return [d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def date_f1(chosen: set[dt.date], reference: set[dt.date]) -> float:
    hits = len(chosen & reference)
    if not hits:
        return 0.0
    p, r = hits / len(chosen), hits / len(reference)
    return 2 * p * r / (p + r)


def evaluate(topics: list[Topic], rankers: dict[str, Ranker]) -> dict[str, dict[str, float]]:
    per_timeline: dict[str, dict[str, float]] = {}
    for topic in topics:
        for name, reference in sorted(topic.timelines.items()):
            first, last = min(reference), max(reference)
            window = [a for a in topic.articles if a.date.value and first <= a.date.value <= last]
            scores = {}
            for system, rank in rankers.items():
                ranked = [d for d in rank(window) if first <= d <= last]
                scores[system] = date_f1(set(ranked[: len(reference)]), reference)
            per_timeline[f"{topic.folder}/{name}"] = scores
    return per_timeline


def main() -> None:
    topics = load()
    rankers: dict[str, Ranker] = {"manysides": manysides_dates, "publication days": publication_dates}
    start = time.process_time()  # CPU time: the machine is shared, wall time says more of the load
    per_timeline = evaluate(topics, rankers)
    seconds = time.process_time() - start
    mean = {s: sum(v[s] for v in per_timeline.values()) / len(per_timeline) for s in rankers}
    rows = [[key, *(v[s] for s in rankers)] for key, v in per_timeline.items()]
    rows.append(["**mean over timelines**", *(mean[s] for s in rankers)])
    caption = (
        "`manysides.stories.build_timeline(articles)` lists a story's dated developments, each with the "
        "articles and sentences reporting it and the time expression that dates it; "
        "`build_series(articles)` lines up figures over time (civilians who fled: 50,000 on 4 December, "
        "'tens of thousands' on 5 December). No tuning was done on Timeline17 (it has no training split). "
        f"Date-selection F1 on Timeline17, all {len(per_timeline)} reference timelines of "
        f"{len(topics)} folders, {sum(len(t.articles) for t in topics):,} non-empty articles; "
        "per timeline, articles published within its span, as many dates as it has. "
        f"Whole run {seconds:.0f} s of CPU time."
    )
    save_results("timeline", {"per_timeline": per_timeline, "mean": mean, "seconds": seconds})
    write_section("timeline", caption + "\n\n" + table(["timeline", *rankers], rows))


if __name__ == "__main__":
    main()
