"""The web app as an attacker meets it: hostile scraped text, foreign hosts, traversal, SSRF, big bodies.

Each test states one promise of the local server and tries to break it from the outside
(FastAPI's TestClient over HTTP semantics; the serve command and the fetcher for real).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

import httpx
import lxml.html
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from manysides.errors import InputError
from manysides.models import Page, StoryAnalysis
from manysides.store import Store
from manysides.web import api, create_app, pages
from manysides.web.fetch import fetch
from tests.loopback import QuietHandler, serve

BASE = "http://127.0.0.1:8765"
FIXTURE = Path(__file__).parent / "data" / "web" / "analysis.json"
NASTY = Path(__file__).parent / "data" / "nasty"
PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(2)><a href=javascript:alert(3)>x</a>"
# Values that are ids, keys, dates or fixed vocabularies: links and lookups need them as they are.
STRUCTURAL = {
    "id", "article_id", "page_id", "story_id", "claim_id", "source_id", "earliest_article_id", "actor_id",
    "key", "speaker_key", "keys", "article_ids", "speaker_ids", "ids", "value", "date", "first_date", "day",
    "generated", "kind", "verdict", "standing", "type", "role", "source", "label", "topic", "unit", "domain",
    "item", "channel", "via", "lexicons", "stance", "status", "cue",
}  # fmt: skip


def _poison(value: Any, key: str = "") -> Any:
    """Every free-text string of a record with the payload appended (offsets into texts stay valid)."""
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key not in STRUCTURAL:
        return value + PAYLOAD
    return value


def _hostile_store(path: Path) -> StoryAnalysis:
    raw = _poison(json.loads(FIXTURE.read_text(encoding="utf-8")))
    raw["story"]["label"] += PAYLOAD
    for article in raw["articles"]:
        article["url"] = "javascript:alert(4)"
    analysis = StoryAnalysis.model_validate(raw)
    with Store(path) as store:
        for article in analysis.articles:
            page = Page(id=article.page_id, source=article.source, url=article.url, kind="text", content=article.body)
            store.add_page(page, [article])
        store.save_stories([analysis.story])
        assert store.save_analysis(analysis)
    return analysis


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, StoryAnalysis]:
    db = tmp_path_factory.mktemp("hostile") / "web.db"
    return db, _hostile_store(db)


@pytest.fixture
def client(hostile: tuple[Path, StoryAnalysis]) -> Iterator[TestClient]:
    with TestClient(create_app(hostile[0]), base_url=BASE, raise_server_exceptions=False) as test_client:
        yield test_client


def _html_pages(analysis: StoryAnalysis) -> list[str]:
    story = analysis.story.id
    return [
        "/",
        f"/stories/{story}",
        f"/stories/{story}/report.html",
        *(f"/articles/{a.id}" for a in analysis.articles),
        "/search?q=corridor",
        f"/search?q={httpx.QueryParams({'q': PAYLOAD})['q']}",
        "/exports",
        "/add",
        "/api",
    ]


def _assert_inert(markup: str, where: str) -> None:
    """No element, attribute or URL in `markup` that a browser would run."""
    document = lxml.html.document_fromstring(markup)
    for bad in ("script", "iframe", "object", "embed", "base", "frame"):
        assert not document.xpath(f"//{bad}"), f"{where}: <{bad}> element"
    for element in document.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{where}: {name}= on <{element.tag}>"
            if name.lower() in ("href", "src", "action", "formaction", "srcset", "poster"):
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
                assert scheme in ("", "http", "https", "data" if element.tag == "img" else ""), f"{where}: {value}"
        assert not (element.tag == "meta" and element.get("http-equiv", "").lower() == "refresh"), where


def test_web_security_scraped_text_is_shown_as_text_on_every_page(
    client: TestClient, hostile: tuple[Path, StoryAnalysis]
) -> None:
    for path in _html_pages(hostile[1]):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert response.headers["content-type"].startswith("text/html"), path
        _assert_inert(response.text, path)
        if path not in ("/add", "/exports", "/api"):
            # the payload is there for the reader to see, as text
            assert "<script>alert(1)</script>" in lxml.html.document_fromstring(response.text).text_content(), path


def test_web_security_api_answers_are_json_that_browsers_do_not_sniff(
    client: TestClient, hostile: tuple[Path, StoryAnalysis]
) -> None:
    analysis = hostile[1]
    for path in ("/api/stories", f"/api/stories/{analysis.story.id}", f"/api/articles/{analysis.articles[0].id}"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert PAYLOAD in json.dumps(response.json())  # kept whole as data, not mangled


def _policy(headers: Mapping[str, str]) -> dict[str, list[str]]:
    header = headers["content-security-policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in header.split(";")) if d}


@pytest.mark.parametrize(
    ("method", "path", "host", "body"),
    [
        ("GET", "/", "127.0.0.1:8765", None),
        ("GET", "/no/such/page", "127.0.0.1:8765", None),
        ("GET", "/api/stories/nope", "127.0.0.1:8765", None),
        ("GET", "/", "evil.example", None),
        ("POST", "/api/articles", "127.0.0.1:8765", b"{not json"),
        ("POST", "/api/articles", "127.0.0.1:8765", b"x" * 11_000_000),
        ("HEAD", "/", "127.0.0.1:8765", None),
        ("OPTIONS", "/api/stories", "127.0.0.1:8765", None),
    ],
)
def test_web_security_strict_policy_on_every_answer_even_errors(
    client: TestClient, method: str, path: str, host: str, body: bytes | None
) -> None:
    headers = {"host": host, "content-type": "application/json"}
    response = client.request(method, path, headers=headers, content=body)
    policy = _policy(response.headers)
    assert policy["default-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "script-src" not in policy  # so default-src 'none' forbids every script
    assert all(s.startswith("'sha256-") for s in policy["style-src"])
    assert not any(v in ("*", "'unsafe-inline'", "'unsafe-eval'", "http:", "https:") for v in chain(*policy.values()))
    assert response.headers["x-frame-options"] == "DENY" and response.headers["x-content-type-options"] == "nosniff"


def _write_routes() -> list[tuple[str, str]]:
    routes = [r for router in (api.router, pages.router) for r in router.routes if isinstance(r, APIRoute)]
    writes = [(m, r.path) for r in routes for m in r.methods or () if m not in ("GET", "HEAD", "OPTIONS")]
    assert len(writes) >= 6  # paste, upload and fetch, in the API and as forms
    return writes


TEXT = "The council met on Monday and agreed to reopen the bridge after three weeks of repairs, residents said."
UPLOAD = {"files": ("a.txt", TEXT.encode(), "text/plain")}
# A valid body for each write, so that only the token decides (URLs point inside and are refused anyway).
WRITE_BODIES: dict[str, dict[str, Any]] = {
    "/api/articles": {"json": {"text": TEXT}},
    "/api/fetch": {"json": {"urls": ["http://10.0.0.1/"]}},
    "/api/upload": {"files": UPLOAD},
    "/add/text": {"data": {"text": TEXT}},
    "/add/files": {"files": UPLOAD},
    "/add/urls": {"data": {"urls": "http://10.0.0.1/"}},
}


@pytest.mark.parametrize(("method", "path"), _write_routes())
def test_web_security_every_write_needs_the_token_when_bound_elsewhere(tmp_path: Path, method: str, path: str) -> None:
    db = tmp_path / "web.db"
    _hostile_store(db)
    body = WRITE_BODIES[path]  # a new write route needs a body here, and so a look at its guard
    app = create_app(db, token="correct-horse", local_only=False)
    with TestClient(app, base_url="http://192.0.2.10:8765", raise_server_exceptions=False) as remote:
        for auth in ({}, {"authorization": "Bearer wrong"}, {"authorization": "Basic correct-horse"}):
            response = remote.request(method, path, headers=auth, **body)
            assert response.status_code == 401, (path, auth, response.text)
        with Store(db) as store:
            assert store.count("skipped") == 0 and store.count("pages") == 3
        form_token = {**body, "data": {**body.get("data", {}), "token": "correct-horse"}}
        trusted = remote.request(method, path, headers={"authorization": "Bearer correct-horse"}, **body)
        assert trusted.status_code == 200, trusted.text
        if path.startswith("/add"):
            assert remote.request(method, path, **form_token).status_code == 200
        assert remote.get("/").status_code == 200  # reading needs no token


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on `port`, from the kernel's table."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":
                found.add(address)
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(db: Path, *args: str) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    cli = Path(sys.executable).parent / "manysides"
    env = {k: v for k, v in os.environ.items() if k != "MANYSIDES_TOKEN"}
    command = [str(cli), "serve", "--db", str(db), "--port", str(port), *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env), port


def _wait_listening(proc: subprocess.Popen[bytes], port: int) -> set[str]:
    deadline = time.monotonic() + 120
    while not (addresses := _listening_addresses(port)):
        assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
        time.sleep(0.1)
    return addresses


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the Linux socket table")
def test_web_security_serve_binds_loopback_by_default_and_elsewhere_demands_a_token(
    hostile: tuple[Path, StoryAnalysis],
) -> None:
    (local, local_port), (wide, wide_port) = _serve(hostile[0]), _serve(hostile[0], "--host", "0.0.0.0")
    try:
        assert _wait_listening(local, local_port) == {"0100007F"}  # 127.0.0.1 and nothing else
        assert _wait_listening(wide, wide_port) == {"00000000"}
        assert httpx.get(f"http://127.0.0.1:{local_port}/api/stories", timeout=10).status_code == 200
        rebound = httpx.get(
            f"http://127.0.0.1:{local_port}/", headers={"host": f"evil.example:{local_port}"}, timeout=10
        )
        assert rebound.status_code == 400  # DNS rebinding: a foreign Host name is refused
        write = {"text": TEXT}
        assert httpx.post(f"http://127.0.0.1:{wide_port}/api/articles", json=write, timeout=10).status_code == 401
    finally:
        for proc in (local, wide):
            proc.terminate()
        output = wide.communicate(timeout=10)[0].decode()
        local.wait(timeout=10)
    assert "adding articles needs this write token" in output


def test_web_security_body_limit_holds_with_and_without_content_length(hostile: tuple[Path, StoryAnalysis]) -> None:
    app = create_app(hostile[0], max_body=50_000)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as small:
        big = ("big.html", b"<p>" + b"x" * 60_000 + b"</p>", "text/html")
        assert small.post("/api/upload", files={"files": big}).status_code == 413

        def chunks() -> Iterator[bytes]:
            for _ in range(20):
                yield b"x" * 5_000

        streamed = small.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert "content-security-policy" in streamed.headers
    with Store(hostile[0]) as store:
        assert store.count("pages") == len(hostile[1].articles)


TRAVERSALS = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "....//....//etc/passwd",
    "..\\..\\..\\etc\\passwd",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "web.db",
    "../web.db",
    "all.json%00.csv",
]


@pytest.mark.parametrize("attempt", TRAVERSALS)
def test_web_security_no_path_parameter_reaches_a_file(client: TestClient, attempt: str) -> None:
    for template in (
        "/exports/{}",
        "/api/export/{}",
        "/stories/{}",
        "/stories/{}/report.html",
        "/articles/{}",
        "/api/stories/{}",
        "/api/articles/{}",
    ):
        response = client.get(template.format(attempt))
        assert response.status_code in (400, 404, 422), (template, attempt, response.status_code)
        assert "root:" not in response.text and "SQLite format" not in response.text


def test_web_security_upload_names_never_become_paths(client: TestClient, tmp_path: Path) -> None:
    before = set(Path.cwd().iterdir())
    names = ["../../../../tmp/escaped.html", "..\\..\\escaped.txt", "/etc/cron.d/escaped.txt", "a/../../b.html"]
    files = [
        ("files", (n, b"<p>The council met on Monday and agreed to reopen the bridge.</p>", "text/html")) for n in names
    ]
    response = client.post("/api/upload", files=files)
    assert response.status_code == 200
    sources = [s["source"] for s in response.json()["skipped"]] + response.json()["articles"]
    assert not Path("/tmp/escaped.html").exists() and set(Path.cwd().iterdir()) == before
    assert all(".." not in s and "/etc" not in s for s in sources)


class _Canary:
    """A TCP listener on loopback that counts who connects: an SSRF that got through would show here."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = int(self.server.getsockname()[1])
        self.hits = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.server.close()


def _inside_urls(port: int) -> list[str]:
    return [
        f"http://127.0.0.1:{port}/",
        f"http://localhost:{port}/",
        f"http://LOCALHOST.:{port}/",
        f"http://[::1]:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
        f"http://0.0.0.0:{port}/",
        f"http://127.1:{port}/",
        f"http://2130706433:{port}/",
        f"http://0x7f000001:{port}/",
        f"http://0177.0.0.1:{port}/",
        f"https://127.0.0.1:{port}/",
        f"http://user:pass@127.0.0.1:{port}/",
        f"http://127.0.0.1:{port}@example.org/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1%25lo]/",
        "http://10.0.0.1/",
        "http://192.168.0.1/",
        "http://100.64.0.1/",
        "http://[fc00::1]/",
        "http://224.0.0.1/",
        f"file:///etc/passwd?{port}",
        f"gopher://127.0.0.1:{port}/_x",
        f"ftp://127.0.0.1:{port}/",
        f"dict://127.0.0.1:{port}/",
        "javascript:alert(1)",
        f"//127.0.0.1:{port}/",
        f"127.0.0.1:{port}",
    ]


def test_web_security_fetch_never_reaches_inside_the_network(client: TestClient) -> None:
    canary = _Canary()
    try:
        urls = _inside_urls(canary.port)
        for start in range(0, len(urls), 20):
            response = client.post("/api/fetch", json={"urls": urls[start : start + 20]})
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["articles"] == []
            assert len(body["skipped"]) == len(urls[start : start + 20])
            assert all(s["reason"] for s in body["skipped"])
        form = client.post("/add/urls", data={"urls": "\n".join(urls[:10])})
        assert form.status_code == 200
    finally:
        canary.close()
    assert canary.hits == 0


class _Drip(QuietHandler):
    """A page that never ends: a byte every tenth of a second."""

    def do_GET(self) -> None:
        self.answer(200, "text/html", b"")
        try:
            for _ in range(600):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass


def test_web_security_fetch_time_limit_holds_against_a_dripping_server() -> None:
    with serve(_Drip) as site:
        started = time.monotonic()
        with pytest.raises(InputError, match="time limit"):
            fetch(f"{site}/", timeout=1.0, allowed=lambda a: a.is_loopback)
        assert time.monotonic() - started < 3


def test_web_security_pasted_date_in_2203_is_refused(client: TestClient) -> None:
    text = (NASTY / "future_dateline.txt").read_text()
    response = client.post("/api/articles", json={"text": text, "date": "2203-01-01"})
    assert response.status_code == 400 and "in the future" in response.json()["error"]
