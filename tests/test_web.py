"""The web app through its HTTP interface: pages, search, API, exports, and the guards around writes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from manysides.models import Page, StoryAnalysis
from manysides.store import Store
from manysides.web import create_app

FIXTURE = Path(__file__).parent / "data" / "web" / "analysis.json"
BASE = "http://127.0.0.1:8765"


def build_store(path: Path) -> StoryAnalysis:
    """A store holding the hand-made story of tests/data/web/analysis.json, without running the pipeline."""
    analysis = StoryAnalysis.model_validate_json(FIXTURE.read_text(encoding="utf-8"))
    with Store(path) as store:
        for article in analysis.articles:
            page = Page(id=article.page_id, source=article.source, url=article.url, kind="text", content=article.body)
            store.add_page(page, [article])
        store.save_stories([analysis.story])
        store.save_analysis(analysis)
    return analysis


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "web.db"
    build_store(path)
    return path


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), base_url=BASE) as test_client:
        yield test_client


def test_web_home_lists_stories_with_counts(client: TestClient) -> None:
    page = client.get("/").text
    assert '<a href="/stories/s-kessa">Kessa corridor opens</a>' in page
    assert "<td class=num>3</td><td class=num>3</td><td>2024-03-04 to 2024-03-06</td>" in page


@pytest.mark.parametrize("path", ["/", "/search?q=kessa", "/stories/s-kessa", "/articles/a3", "/add", "/api/stories"])
def test_web_every_response_sends_strict_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "script-src" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_web_story_page_has_every_view_and_escapes(client: TestClient) -> None:
    page = client.get("/stories/s-kessa").text
    for section in ("summary", "timeline", "claims", "quotes", "naming", "figures", "outlets", "entities", "articles"):
        assert f'<section id="{section}">' in page
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="/articles/a1">Corridor opens in Kessa</a>' in page


def test_web_article_page_marks_cited_passages(client: TestClient) -> None:
    page = client.get("/articles/a1").text
    assert '<mark class=passage id="p-a1-0"' in page
    assert '<a href="/stories/s-kessa">Back to the story</a>' in page
    assert "3 quotations" not in page and "2 quotations" in page
    assert '<span class="claim" id="c-a1-' in page  # the claims and marked wording of its story show here too
    assert '<span class="loaded" title="loaded: loaded term in a quote">surrender</span>' in page


def test_web_search_finds_words_and_marks_them(client: TestClient) -> None:
    page = client.get("/search", params={"q": "buses"}).text
    assert "No article matches <b>buses</b>" in page  # reader comments are not part of the article
    page = client.get("/search", params={"q": "Tuesday"}).text
    assert "1 article matches <b>Tuesday</b>" in page
    assert "<mark>Tuesday</mark>" in page
    result = client.get("/api/search", params={"q": "corrid"}).json()  # the last word is a prefix
    assert result["total"] == 3
    assert {h["article_id"] for h in result["hits"]} == {"a1", "a2", "a3"}
    assert all(h["story_id"] == "s-kessa" for h in result["hits"])


def test_web_search_says_when_a_list_is_one_page_of_more(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "kessa", "limit": 2}).json()
    rest = client.get("/api/search", params={"q": "kessa", "limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] == 3
    assert len(first["hits"]) == 2 and len(rest["hits"]) == 1
    assert {h["article_id"] for h in first["hits"] + rest["hits"]} == {"a1", "a2", "a3"}


@pytest.mark.parametrize("query", ['"', "OR (", "NEAR(a b", "title:x", "*", "a AND", "<script>"])
def test_web_search_takes_any_text_without_error(client: TestClient, query: str) -> None:
    assert client.get("/search", params={"q": query}).status_code == 200
    assert client.get("/api/search", params={"q": query}).status_code == 200


def test_web_search_escapes_the_query(client: TestClient) -> None:
    page = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert" not in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_web_api_story_is_the_stored_analysis(client: TestClient) -> None:
    body = client.get("/api/stories/s-kessa").json()
    assert StoryAnalysis.model_validate(body) == StoryAnalysis.model_validate_json(FIXTURE.read_text())
    assert client.get("/api/articles/a2").json()["outlet"] == "Northern Courier"
    assert client.get("/api/stories").json()[0]["articles"] == 3


def test_web_api_errors_have_one_shape(client: TestClient) -> None:
    missing = client.get("/api/stories/nope")
    assert missing.status_code == 404
    assert missing.json()["ok"] is False and missing.json()["status"] == 404 and "nope" in missing.json()["error"]
    invalid = client.get("/api/search")
    assert invalid.status_code == 422 and set(invalid.json()) == {"ok", "status", "error"}
    assert client.get("/stories/nope").headers["content-type"].startswith("text/html")


def test_web_openapi_describes_every_view(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/search"):
        assert "200" in paths[path]["get"]["responses"]
    for path in ("/api/articles", "/api/fetch", "/api/upload"):
        assert "post" in paths[path]
    assert "StoryAnalysis" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # it would load scripts from a CDN
    index = client.get("/api").text
    assert "<code>/api/stories/{story_id}</code>" in index and "<td>POST</td><td><code>/api/upload</code>" in index


def test_web_exports_are_complete(client: TestClient) -> None:
    rows = list(csv.reader(io.StringIO(client.get("/exports/articles.csv").text)))
    assert len(rows) == 4 and rows[0][0] == "article_id"
    quotes = client.get("/exports/quotes.parquet")
    table = pq.read_table(io.BytesIO(quotes.content))
    assert table.num_rows == 4 == int(quotes.headers["x-row-count"])
    assert set(table.column("speaker").to_pylist()) == {"Mara Velin", "Tomas Arn", "Ilya Dorn", None}
    everything = json.loads(client.get("/api/export/all.json").content)
    assert len(everything["articles"]) == 3


@pytest.mark.parametrize(
    "path",
    [
        "/exports/..%2F..%2Fetc%2Fpasswd",
        "/exports/../../etc/passwd",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/exports/x.csv",
    ],
)
def test_web_no_path_traversal(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text


def test_web_refuses_foreign_host_names(db: Path) -> None:
    with TestClient(create_app(db), base_url="http://rebound.example") as foreign:
        assert foreign.get("/").status_code == 400
    with TestClient(create_app(db, token="t", local_only=False), base_url="http://rebound.example") as open_app:
        assert open_app.get("/").status_code == 200


def test_web_body_limit(db: Path) -> None:
    with TestClient(create_app(db, max_body=1000), base_url=BASE) as small:
        declared = small.post("/add/text", data={"text": "x" * 5000})
        assert declared.status_code == 413

        def chunks() -> Iterator[bytes]:
            yield b"text=" + b"x" * 800
            yield b"y" * 800

        streamed = small.post(
            "/add/text", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
        )
        assert streamed.status_code == 413


def test_web_writes_need_the_token_when_set(db: Path) -> None:
    with TestClient(create_app(db, token="s3cret", local_only=False), base_url=BASE) as guarded:
        assert guarded.post("/api/articles", json={"text": " "}).status_code == 401
        wrong = guarded.post("/api/articles", json={"text": " "}, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = guarded.post("/api/articles", json={"text": " "}, headers={"authorization": "Bearer s3cret"})
        assert right.status_code == 400 and "nothing was pasted" in right.json()["error"]
        assert guarded.post("/add/text", data={"text": " ", "token": "s3cret"}).status_code == 400
        assert "name=token" in guarded.get("/add").text


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},  # a sandboxed frame, from a client that does not send Sec-Fetch-Site
        {"sec-fetch-site": "cross-site", "origin": "null"},
        {"sec-fetch-site": "same-site", "origin": "http://other.127.0.0.1:8765"},
    ],
)
def test_web_refuses_cross_site_writes(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/add/text", data={"text": " "}, headers=headers)
    assert response.status_code == 403


def test_web_accepts_same_origin_form_posts(client: TestClient) -> None:
    # What a browser sends for our own form under Referrer-Policy no-referrer: Origin "null".
    headers = {"sec-fetch-site": "same-origin", "origin": "null"}
    response = client.post("/add/text", data={"text": " "}, headers=headers)
    assert response.status_code == 400 and "nothing was pasted" in response.text


def test_web_upload_keeps_only_the_base_name_and_names_what_it_skips(client: TestClient) -> None:
    files = [("files", ("../../evil.exe", b"MZ\x00\x00", "application/octet-stream"))]
    page = client.post("/add/files", files=files).text
    assert "<b>evil.exe</b>: not a page type the web app reads (.exe)" in page
    assert "../" not in page


def test_web_paste_adds_an_article_that_shows_as_text(client: TestClient, db: Path) -> None:
    text = (
        "Kessa corridor shut again\n\nThe Kessa corridor stayed shut on Saturday, officials in Kessa said. "
        '<script>alert(1)</script> <img src=x onerror=alert(1)> "We are waiting for guarantees," said '
        "Mara Velin of the regional council. About 3,000 people remain in the old town."
    )
    page = client.post("/add/text", data={"text": text, "outlet": "Test Wire", "date": "2024-03-09"}).text
    assert "Added 1 article" in page
    with Store(db) as store:
        added = [a for a in store.articles() if a.outlet == "Test Wire"]
    assert len(added) == 1 and added[0].date.value is not None
    article_page = client.get(f"/articles/{added[0].id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article_page and "<script>" not in article_page
    assert client.get("/api/search", params={"q": "guarantees"}).json()["hits"][0]["article_id"] == added[0].id
    again = client.post("/add/text", data={"text": text, "outlet": "Test Wire", "date": "2024-03-09"}).text
    assert "already in the store" in again


def test_web_unreadable_stored_analysis_is_named(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        store.conn.execute("UPDATE analyses SET data = json_set(data, '$.generated', 'not a date')")
    api = client.get("/api/stories/s-kessa")
    assert api.status_code == 500
    assert "stored StoryAnalysis cannot be read" in api.json()["error"] and "generated" in api.json()["error"]
    assert "stored StoryAnalysis cannot be read" in client.get("/stories/s-kessa").text


def test_web_search_page_links_to_the_rest(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from manysides.web import pages

    monkeypatch.setattr(pages, "SEARCH_PAGE", 2)
    first = client.get("/search", params={"q": "kessa"}).text
    assert "3 articles match <b>kessa</b>. Showing 1 to 2." in first
    assert '<a rel=next href="/search?q=kessa&amp;offset=2">Next</a>' in first
    second = client.get("/search", params={"q": "kessa", "offset": 2}).text
    assert "Showing 3 to 3." in second and "<ol class=results start=3>" in second and "rel=prev" in second


def test_web_story_without_analysis_lists_its_articles(client: TestClient, db: Path) -> None:
    with Store(db) as store:
        store.conn.execute("DELETE FROM analyses")
    page = client.get("/stories/s-kessa").text
    assert "Not available: this story has not been analysed yet" in page
    assert page.count('<li><a href="/articles/') == 3
    assert client.get("/api/stories/s-kessa").status_code == 404
    assert "Back to the story" in client.get("/articles/a1").text


def test_web_unexpected_errors_still_send_the_policy(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from manysides.web import pages

    def broken(store: Store) -> list[object]:
        raise RuntimeError("boom <script>")

    monkeypatch.setattr(pages, "story_rows", broken)
    with TestClient(create_app(db), base_url=BASE, raise_server_exceptions=False) as failing:
        response = failing.get("/")
    assert response.status_code == 500
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "boom" not in response.text
