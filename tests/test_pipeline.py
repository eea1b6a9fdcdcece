"""The whole path on the real seed pages: extract, annotate, stories, compare, summarize, store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from manysides.models import StoryAnalysis
from manysides.pipeline import analyze
from manysides.store import Store
from tests.conftest import ROOT, SEEDS

UNRELATED = ROOT / "tests" / "data" / "unrelated"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    base = tmp_path_factory.mktemp("pipeline")
    store = Store(base / "store.db")
    analyze([SEEDS, UNRELATED], store, base / "out", manifest=SEEDS / "manifest.csv")
    yield store, base / "out"
    store.close()


def _seed_story(store: Store) -> StoryAnalysis:
    for story in store.stories():
        analysis = store.analysis(story.id)
        if {a.outlet for a in analysis.articles} >= {"SouthFront", "The New Arab"}:
            return analysis
    raise AssertionError("no story holds SouthFront and The New Arab")


def test_pipeline_seeds_form_one_story_and_the_unrelated_article_its_own(run: tuple[Store, Path]) -> None:
    store, _ = run
    seed = _seed_story(store)
    sources = {Path(a.source).name[:3] for a in seed.articles}
    assert sources == {"000", "001", "002", "003", "004"}
    liveblog_items = [a for a in seed.articles if a.source.endswith(".txt") and a.item is not None]
    assert len(liveblog_items) == 1  # only the round-up's first item is the seed story
    others = [s for s in store.stories() if s.id != seed.story.id]
    regatta = [s for s in others if any("regatta" in a.body for a in store.articles(s.article_ids))]
    assert len(regatta) == 1 and len(regatta[0].article_ids) == 1


def test_pipeline_keeps_unknown_dates_unknown(run: tuple[Store, Path]) -> None:
    store, _ = run
    by_file = {Path(a.source).name[:3]: a for a in store.articles() if a.item in (None, 0)}
    assert by_file["002"].date.value is None and by_file["002"].date.source == "unknown"
    assert str(by_file["003"].date.value) == "2016-12-05"


def test_pipeline_compare_lists_outlets_entities_and_quotes(run: tuple[Store, Path]) -> None:
    seed = _seed_story(run[0])
    assert {o.outlet for o in seed.outlets} == {"SouthFront", "Stalker Zone", "The New Arab", "EA WorldView"}
    aleppo = next(e for e in seed.entities if "Aleppo" in e.names)
    assert set(aleppo.mentions) == {o.outlet for o in seed.outlets}
    speakers = {c.speaker for g in seed.quotes for c in g.carriers if c.speaker}
    assert any("Malahifji" in s for s in speakers) and any("Lavrov" in s for s in speakers)


def test_pipeline_summary_sentences_cite_real_passages(run: tuple[Store, Path]) -> None:
    seed = _seed_story(run[0])
    bodies = {a.id: a.body for a in seed.articles}
    assert 1 <= len(seed.summary) <= 5
    for sentence in seed.summary:
        assert sentence.citations
        for citation in sentence.citations:
            passage = bodies[citation.article_id][citation.start : citation.end]
            assert passage.strip() and citation.end <= len(bodies[citation.article_id])


def test_pipeline_writes_json_and_offline_html_per_story(run: tuple[Store, Path]) -> None:
    store, out = run
    for story in store.stories():
        html = (out / f"{story.id}.html").read_text()
        assert "Content-Security-Policy" in html and "<script" not in html
        assert StoryAnalysis.model_validate_json((out / f"{story.id}.json").read_text()).story.id == story.id


def test_pipeline_second_run_adds_nothing(run: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = run
    db = tmp_path / "copy.db"
    with sqlite3.connect(db) as target:
        store.conn.backup(target)
    with Store(db) as again:
        before = {t: again.count(t) for t in ("pages", "articles", "comments", "stories")}
        report = analyze([SEEDS, UNRELATED], again, tmp_path / "out", manifest=SEEDS / "manifest.csv")
        assert report.new_pages == 0 and report.articles == 0
        assert {t: again.count(t) for t in before} == before


def test_pipeline_stores_each_page_before_reading_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from manysides import pipeline
    from manysides.ingest.sources import read_sources

    stored_when_read: list[int] = []

    def watched(*args: object, **kwargs: object) -> Iterator[object]:
        for item in read_sources(*args, **kwargs):  # type: ignore[arg-type]
            stored_when_read.append(store.count("pages"))
            yield item

    monkeypatch.setattr(pipeline, "read_sources", watched)
    with Store(tmp_path / "s.db") as store:
        pipeline.analyze([SEEDS], store, tmp_path / "out", manifest=SEEDS / "manifest.csv")
    assert stored_when_read == [0, 1, 2, 3, 4]  # streamed: never all pages in memory at once
