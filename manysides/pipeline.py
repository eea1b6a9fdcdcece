"""The main job: pages in, stories with their analysis out, everything kept in the store."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from manysides.annotate import annotate
from manysides.compare import compare_story
from manysides.errors import ExtractionError, ManysidesError, NotFound
from manysides.extract import extract_page
from manysides.ingest import read_manifest
from manysides.ingest.sources import read_sources
from manysides.ingest.web import Fetcher
from manysides.models import Article, Page, RunReport, Skipped, Story, StoryAnalysis
from manysides.report import write_story
from manysides.settings import SUMMARY_SENTENCES
from manysides.store import Store
from manysides.stories import update_stories
from manysides.summarize import summarize_story, summarize_timeline

Progress = Callable[[int, int | None], None]  # (inputs done, total if known)
# spaCy's own max_length: past it the parser needs gigabytes, and no news article is that long.
MAX_ARTICLE_CHARS = 1_000_000

# Attempts at a write that another run sharing the store keeps overtaking.
_RETRIES = 5

log = logging.getLogger(__name__)


def analyze(
    paths: Sequence[Path | str],
    store: Store,
    out_dir: Path,
    manifest: Path | None = None,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
) -> RunReport:
    """Read, extract, annotate and store new pages; regroup stories; write each touched story.

    `paths` are files, folders, URLs, feeds or `.urls` files; fetched pages are kept in
    `cache_dir` (default: `cache/` beside the store) so a rerun needs no network.
    """
    rows = read_manifest(manifest, strict=False) if manifest else None
    fetcher = Fetcher(cache_dir or store.path.parent / "cache")
    # Streamed: a page is read, analysed and stored before the next is read, so memory stays flat.
    inputs = read_sources(paths, fetcher, rows, exclude=[manifest] if manifest else [])
    report = RunReport()
    page_ids: list[str] = []
    for done, item in enumerate(inputs, 1):
        if isinstance(item, Skipped):
            _skip(store, report, item)
        else:
            report.pages += 1
            page_ids.append(item.id)
            _ingest_page(item, store, report)
        if progress:
            progress(done, None)
    stories = regroup(store)
    touched = {a.id for a in store.articles_of_pages(page_ids)}
    for story in stories:
        if touched & set(story.article_ids) and (analysis := analyze_stored(story.id, store)) is not None:
            report.stories.append(story.id)
            report.outputs += [str(p) for p in write_story(analysis, out_dir)]
    return report


def analyze_stored(story_id: str, store: Store) -> StoryAnalysis | None:
    """Analyse a story as the store has it now and save it; None when other runs keep changing or removed it."""
    for _ in range(_RETRIES):
        try:
            story = store.story(story_id)
        except NotFound:
            return None
        analysis = analyze_story(story, store.articles(story.article_ids))
        if store.save_analysis(analysis):  # False: another run changed the story meanwhile
            return analysis
    log.warning("story %s kept changing under concurrent runs; its analysis is left to the next run", story_id)
    return None


def _ingest_page(page: Page, store: Store, report: RunReport) -> None:
    if store.has_page(page.id):
        return
    try:
        articles = annotate(_within_limits(page, extract_page(page)))
    except ManysidesError as exc:
        _skip(store, report, Skipped(source=page.source, reason=str(exc).removeprefix(f"{page.source}: ")))
        return
    except Exception as exc:  # one odd page must not end a run over thousands; the traceback goes to the log
        log.exception("%s: unexpected error while extracting or annotating", page.source)
        _skip(store, report, Skipped(source=page.source, reason=f"unexpected error {type(exc).__name__}: {exc}"))
        return
    if store.add_page(page, articles):
        report.new_pages += 1
        report.articles += len(articles)


def _within_limits(page: Page, articles: list[Article]) -> list[Article]:
    longest = max((len(a.body) for a in articles), default=0)
    if longest > MAX_ARTICLE_CHARS:
        raise ExtractionError(
            page.source, f"article text of {longest:,} characters is over the {MAX_ARTICLE_CHARS:,}-character limit"
        )
    return articles


def _skip(store: Store, report: RunReport, skipped: Skipped) -> None:
    report.skipped.append(skipped)
    store.add_skipped(skipped)


def regroup(store: Store) -> list[Story]:
    """Add articles not yet in a story to the stories in the store, incrementally.

    When another run sharing the store saves its stories meanwhile, start again from theirs.
    """

    def articles_of(story: Story) -> list[Article]:
        return store.articles(story.article_ids)

    while True:
        version = store.stories_version()
        new = store.unassigned_articles()
        if not new:
            return store.stories()
        stories = update_stories(new, store.stories(), articles_of)
        if store.save_stories(stories, expected_version=version):
            return stories


def analyze_story(story: Story, articles: Sequence[Article]) -> StoryAnalysis:
    """Compare a story's coverage and summarize it: a verified, cited summary and timeline lines."""
    analysis = compare_story(story, articles)
    analysis.summary = summarize_story(analysis, SUMMARY_SENTENCES)
    analysis.timeline_summary = summarize_timeline(analysis)
    return analysis


def skip_counts(skipped: Sequence[Skipped]) -> list[tuple[str, int]]:
    """How many inputs were skipped for each kind of reason, commonest first."""
    return Counter(_reason_kind(s.reason) for s in skipped).most_common()


def _reason_kind(reason: str) -> str:
    """The reason without its particulars (values, sizes, details in brackets)."""
    kind = re.sub(r"\s*\([^()]*\)", "", reason)
    # Quoted values go; quoted field names such as 'html' stay.
    kind = re.sub(r"'[^']*'", lambda m: m[0] if re.fullmatch(r"'[a-z_]+'", m[0]) else "'…'", kind)
    kind = re.sub(r"\d[\d,.]*", "N", kind)
    return kind.split(": ")[0].strip() or reason
