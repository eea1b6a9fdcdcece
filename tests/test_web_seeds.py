"""The web app over a store made by `analyze` from the five real seed pages."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from manysides.models import StoryAnalysis
from manysides.pipeline import analyze
from manysides.store import Store
from manysides.web import create_app
from tests.test_report import parse

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    work = tmp_path_factory.mktemp("webseeds")
    with Store(work / "seeds.db") as store:
        analyze([SEEDS], store, work / "out", manifest=SEEDS / "manifest.csv")
    with TestClient(create_app(work / "seeds.db"), base_url="http://127.0.0.1:8765") as test_client:
        yield test_client


@pytest.fixture(scope="module")
def aleppo(client: TestClient) -> str:
    """The id of the seed story: the one whose articles quote Malahifji."""
    hits = client.get("/api/search", params={"q": "Malahifji"}).json()["hits"]
    story_ids = {h["story_id"] for h in hits}
    assert len(story_ids) == 1
    return str(story_ids.pop())


def test_web_seeds_search_finds_every_outlet_quoting_malahifji(client: TestClient) -> None:
    result = client.get("/api/search", params={"q": "Malahifji"}).json()
    assert {h["outlet"] for h in result["hits"]} == {"SouthFront", "EA WorldView"}
    assert result["total"] == len(result["hits"]) == 3  # 000, 001 and the round-up's first item
    page = client.get("/search", params={"q": "Fastaqim"}).text
    assert "<mark>Fastaqim</mark>" in page


def test_web_seeds_story_page_is_well_formed_and_linked(client: TestClient, aleppo: str) -> None:
    page = client.get(f"/stories/{aleppo}").text
    tags = parse(page)
    assert tags.errors == [] and tags.stack == []
    ids = {attrs["id"] for _, attrs in tags.tags if attrs.get("id")}
    links = [a["href"][1:] for t, a in tags.tags if t == "a" and (a.get("href") or "").startswith("#")]
    assert links and [target for target in links if target not in ids] == []
    for outlet in ("SouthFront", "Stalker Zone", "The New Arab", "EA WorldView"):
        assert outlet in page
    assert "The factions completely reject any exit" in page


def test_web_seeds_every_story_and_article_page_answers(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert len(stories) >= 2 and all(s["analyzed"] for s in stories)
    for story in stories:
        analysis = StoryAnalysis.model_validate(client.get(f"/api/stories/{story['id']}").json())
        assert len(analysis.articles) == story["articles"]
        assert client.get(f"/stories/{story['id']}").status_code == 200
        for article in analysis.articles:
            assert client.get(f"/articles/{article.id}").status_code == 200


def test_web_seeds_exports_agree(client: TestClient) -> None:
    for table in ("articles", "quotes", "entities", "comments"):
        rows = list(csv.reader(io.StringIO(client.get(f"/exports/{table}.csv").text)))
        parquet = pq.read_table(io.BytesIO(client.get(f"/exports/{table}.parquet").content))
        assert parquet.num_rows == len(rows) - 1 > 0, table
