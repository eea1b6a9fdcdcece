"""Bad input: every nasty file is read or skipped with a reason naming it, and the run goes on."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import threading
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from manysides.cli import app
from manysides.errors import ExtractionError, ManifestError
from manysides.extract import extract_page
from manysides.ingest import read_inputs, read_manifest
from manysides.models import Page, Skipped
from manysides.settings import MAX_PAGE_BYTES
from manysides.store import Store

NASTY = Path(__file__).resolve().parent / "data" / "nasty"
PARAGRAPH = (
    "The council of Dolmir met on Monday and agreed to reopen the tannery bridge after three weeks of repairs. "
    "Residents said the crossing had been closed since the flood, and traders welcomed the decision."
)


def _read(*paths: Path) -> tuple[dict[str, Page], dict[str, str]]:
    """Pages and skip reasons keyed by file name (with ':line' for JSONL records)."""
    pages: dict[str, Page] = {}
    reasons: dict[str, str] = {}
    for item in read_inputs(list(paths)):
        name = Path(item.source).name
        if isinstance(item, Skipped):
            reasons[name] = item.reason
        else:
            pages[name] = item
    return pages, reasons


@pytest.fixture(scope="module")
def nasty() -> tuple[dict[str, Page], dict[str, str]]:
    return _read(NASTY)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace_only.html", "empty file"),
        ("binary_png.html", "binary file"),
        ("binary_no_nul.txt", "not text in any known encoding"),
        ("notes.pdf", "not a page type manysides reads (.pdf)"),
        ("manifest_future_date.csv", "not a page type"),
    ],
)
def test_badinput_unreadable_files_are_skipped_with_their_reason(
    nasty: tuple[dict[str, Page], dict[str, str]], name: str, reason: str
) -> None:
    pages, reasons = nasty
    assert name not in pages
    assert reason in reasons[name]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("arabic_windows1256.html", "إعادة فتح الجسر"),
        ("arabic_windows1256_undeclared.txt", "أعلن مجلس المدينة يوم الاثنين"),
        ("french_latin1.txt", "de la tannerie après trois semaines"),
        ("mixed_utf8_latin1.txt", "« C'est une journée très attendue »"),
        ("mixed_utf8_latin1.txt", "The café owner in Zürich said “finally”"),
        ("utf16_bom.txt", "Bridge reopens in Dolmir"),
    ],
)
def test_badinput_legacy_and_mixed_encodings_decode_to_the_right_letters(
    nasty: tuple[dict[str, Page], dict[str, str]], name: str, expected: str
) -> None:
    page = nasty[0][name]
    assert expected in page.content
    assert "\ufffd" not in page.content


def test_badinput_late_nul_bytes_are_dropped_not_stored(nasty: tuple[dict[str, Page], dict[str, str]]) -> None:
    page = nasty[0]["nul_late.txt"]
    assert "\x00" not in page.content and page.content.endswith("tail")


def test_badinput_jsonl_broken_lines_each_named_by_line(nasty: tuple[dict[str, Page], dict[str, str]]) -> None:
    pages, reasons = nasty
    assert {n for n in pages if n.startswith("broken_lines.jsonl")} == {"broken_lines.jsonl:1", "broken_lines.jsonl:8"}
    assert pages["broken_lines.jsonl:1"].date == dt.date(2016, 11, 28)
    assert reasons["broken_lines.jsonl:2"].startswith("invalid JSON (column")
    assert "must be an object" in reasons["broken_lines.jsonl:3"]
    assert "neither 'html' nor 'text'" in reasons["broken_lines.jsonl:4"]
    assert reasons["broken_lines.jsonl:5"] == "date '2203-05-01' is in the future"
    assert "is not YYYY-MM-DD" in reasons["broken_lines.jsonl:6"]
    assert "broken_lines.jsonl:7" not in reasons  # a blank line is not a record
    assert "must be strings" in reasons["broken_lines.jsonl:9"]


def test_badinput_jsonl_too_deep_or_not_utf8_lines(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    good = json.dumps({"url": "https://example.org/ok", "text": PARAGRAPH})
    latin = json.dumps({"url": "https://example.org/fr", "text": "Réouverture du pont"}, ensure_ascii=False)
    path.write_bytes(b"[" * 100_000 + b"\n" + latin.encode("latin-1") + b"\n" + good.encode() + b"\n")
    pages, reasons = _read(path)
    assert reasons == {"odd.jsonl:1": "JSON nested too deeply to read"}
    assert pages["odd.jsonl:2"].content == "Réouverture du pont"
    assert "odd.jsonl:3" in pages


def test_badinput_empty_jsonl_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n  \n")
    assert _read(path) == ({}, {"blank.jsonl": "empty file"})


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("control_chars.txt", "looks binary"),
        ("markup_only.html", "no article text"),
        ("one_word.txt", "no article text"),
    ],
)
def test_badinput_pages_without_article_text_name_the_file(
    nasty: tuple[dict[str, Page], dict[str, str]], name: str, problem: str
) -> None:
    page = nasty[0][name]
    with pytest.raises(ExtractionError, match=problem) as info:
        extract_page(page)
    assert info.value.source == page.source and name in str(info.value)


def test_badinput_truncated_html_keeps_the_text_before_the_cut(nasty: tuple[dict[str, Page], dict[str, str]]) -> None:
    (article,) = extract_page(nasty[0]["truncated.html"])
    assert article.title == "Bridge reopens"
    assert "reopen the tannery bridge" in article.body


def test_badinput_dateline_in_2203_is_not_a_publication_date(nasty: tuple[dict[str, Page], dict[str, str]]) -> None:
    (article,) = extract_page(nasty[0]["future_dateline.txt"])
    assert article.date.value is None and article.date.source == "unknown"
    assert "reopen the tannery bridge" in article.body


@pytest.mark.slow
def test_badinput_deeply_nested_html_ends_quickly_with_a_result_or_a_reason(tmp_path: Path) -> None:
    depth = 100_000
    nested = "<html><body>" + "<div><span>" * depth + f"<p>{PARAGRAPH}</p>" + "</span></div>" * depth + "</body></html>"
    unclosed = "<html><body>" + "<div>" * depth + f"<p>{PARAGRAPH}"
    for content in (nested, unclosed):
        page = Page.make(source=str(tmp_path / "deep.html"), content=content, kind="html")
        started = time.monotonic()
        try:
            articles = extract_page(page)
        except ExtractionError as exc:
            assert "deep.html" in str(exc)
        else:
            assert articles and "tannery bridge" in articles[0].body
        assert time.monotonic() - started < 20


@pytest.mark.slow
def test_badinput_100mb_page_is_skipped_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.write(b"<html><body><p>")
        block = (PARAGRAPH + " ").encode() * 4096
        while handle.tell() < 100_000_000:
            handle.write(block)
    (tmp_path / "fine.txt").write_text("Bridge reopens\n\n" + PARAGRAPH)
    started = time.monotonic()
    pages, reasons = _read(tmp_path)
    assert time.monotonic() - started < 5
    assert "fine.txt" in pages
    assert f"over the {MAX_PAGE_BYTES:,}-byte page limit" in reasons["huge.html"]


@pytest.mark.slow
def test_badinput_jsonl_with_a_100mb_line_loses_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps({"url": "https://example.org/1", "text": PARAGRAPH}).encode() + b"\n")
        handle.write(b'{"url": "https://example.org/big", "text": "')
        chunk = b"x" * (1 << 22)
        for _ in range(100_000_000 // len(chunk)):
            handle.write(chunk)
        handle.write(b'"}\n')
        handle.write(json.dumps({"url": "https://example.org/3", "text": PARAGRAPH}).encode() + b"\n")
    pages, reasons = _read(path)
    assert set(pages) == {"export.jsonl:1", "export.jsonl:3"}
    assert reasons == {"export.jsonl:2": f"line is over the {MAX_PAGE_BYTES:,}-byte page limit"}


def test_badinput_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    found: list[tuple[dict[str, Page], dict[str, str]]] = []
    reader = threading.Thread(target=lambda: found.append(_read(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert found, "reading a FIFO blocked"
    assert "not a regular file" in found[0][1]["pipe.txt"]


def test_badinput_symlink_loop_in_a_folder_ends(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Bridge reopens\n\n" + PARAGRAPH)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    pages, _ = _read(tmp_path)
    assert "a.txt" in pages


def test_badinput_missing_file_and_unreadable_file_are_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(PARAGRAPH)
    locked.chmod(0)
    pages, reasons = _read(tmp_path / "gone.txt", locked)
    assert reasons["gone.txt"] == "no such file"
    if os.geteuid() == 0:  # root reads anything
        assert "locked.txt" in pages
    else:
        assert "cannot be read" in reasons["locked.txt"]


def test_badinput_manifest_without_file_column_names_file_and_columns() -> None:
    path = NASTY / "manifest_missing_file_column.csv"
    with pytest.raises(ManifestError) as info:
        read_manifest(path, strict=False)
    assert info.value.source == str(path)
    assert "missing column(s) file; expected file,url,outlet,date" in str(info.value)


def test_badinput_manifest_with_only_the_file_column_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text("file\nfrench_latin1.txt\n")
    rows = read_manifest(path)
    assert rows["french_latin1.txt"].url is None and rows["french_latin1.txt"].problem is None


def test_badinput_manifest_row_dated_2203_skips_its_file_and_only_it() -> None:
    manifest = NASTY / "manifest_future_date.csv"
    with pytest.raises(ManifestError, match="in the future"):
        read_manifest(manifest)
    rows = read_manifest(manifest, strict=False)
    items = list(read_inputs([NASTY / "future_dateline.txt", NASTY / "french_latin1.txt"], rows))
    skipped = [i for i in items if isinstance(i, Skipped)]
    pages = [i for i in items if isinstance(i, Page)]
    assert [s.source for s in skipped] == [str(NASTY / "future_dateline.txt")]
    assert f"{manifest}:2: date '2203-01-01' is in the future" in skipped[0].reason
    assert [(p.outlet, p.date) for p in pages] == [("Le Courrier", dt.date(2016, 11, 29))]


def test_badinput_manifest_in_a_legacy_encoding_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_bytes("file,outlet\na.txt,Le Courrier du Québec\n".encode("latin-1"))
    with pytest.raises(ManifestError, match="cannot be read as CSV") as info:
        read_manifest(path)
    assert info.value.source == str(path)


def test_badinput_file_names_that_are_not_utf8_are_stored_and_shown(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.txt", "wb") as handle:
        handle.write(("Bridge reopens\n\n" + PARAGRAPH).encode())
    with open(folder + b"/bad\xff.pdf", "wb") as handle:
        handle.write(b"%PDF")
    items = list(read_inputs([tmp_path]))
    assert sorted(Path(i.source).name for i in items) == ["bad\\xff.pdf", "caf\\xe9.txt"]
    with Store(tmp_path / "m.db") as store:
        for item in items:
            if isinstance(item, Skipped):
                store.add_skipped(item)
            else:
                assert store.add_page(item, [])
        assert store.count("pages") == 1 and store.count("skipped") == 1


def test_badinput_jsonl_escapes_for_nul_and_lone_surrogates_are_made_safe(tmp_path: Path) -> None:
    path = tmp_path / "escapes.jsonl"
    path.write_text(
        '{"url": "https://example.org/\\ud800", "text": "Bridge \\u0000reopens \\udc00 today"}\n'
        '{"url": "https://example.org/nul", "text": "\\u0000"}\n'
    )
    pages, reasons = _read(path)
    page = pages["escapes.jsonl:1"]
    assert page.content == "Bridge reopens \ufffd today" and page.url == "https://example.org/\ufffd"
    assert reasons == {"escapes.jsonl:2": "record has neither 'html' nor 'text'"}
    with Store(tmp_path / "m.db") as store:
        assert store.add_page(page, [])


def _cli_output(result_output: str) -> str:
    # Rich wraps long lines at the terminal width; compare with runs of spaces folded.
    return " ".join(result_output.split())


@pytest.mark.slow
def test_badinput_analyze_over_the_nasty_corpus_goes_on_and_counts_skips_by_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(NASTY, tmp_path / "n")
    with (tmp_path / "n" / "huge_article.txt").open("w") as handle:
        handle.write("Bridge reopens\n\n" + "\n\n".join([PARAGRAPH] * 5_000))  # 1.2 M characters
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["analyze", "n", "--manifest", "n/manifest_future_date.csv", "--db", "m.db", "--out", "out"]
    )
    assert result.exit_code == 0, result.output
    output = _cli_output(result.output)
    for line in (
        "skipped n/empty.txt: empty file",
        "skipped n/binary_png.html: binary file (NUL bytes), not a web page or text",
        "skipped n/broken_lines.jsonl:2: invalid JSON (column",
        "skipped n/broken_lines.jsonl:5: date '2203-05-01' is in the future",
        "skipped n/future_dateline.txt: its manifest row cannot be used (n/manifest_future_date.csv:2: date",
        "skipped n/control_chars.txt: the page looks binary",
        "skipped n/huge_article.txt: article text of 1,",
        "-character limit",
    ):
        assert line in output
    with Store(tmp_path / "m.db") as store:
        skipped = store.skipped()
        stored = {Path(s).name for (s,) in store.conn.execute("SELECT source FROM pages")}
    assert f"{len(skipped)} inputs skipped:" in output
    assert "2 empty file" in output and "3 not a page type manysides reads" in output
    assert "1 record has neither 'html' nor 'text'" in output and "1 date '…' is in the future" in output
    assert {"french_latin1.txt", "arabic_windows1256.html", "utf16_bom.txt", "broken_lines.jsonl:1"} <= stored
    counts = [int(n) for n in re.findall(r"(\d+) (?=[a-z'])", output.split("inputs skipped:")[1])]
    assert sum(counts) == len(skipped)


def test_badinput_analyze_with_an_unusable_manifest_stops_before_storing_anything(tmp_path: Path) -> None:
    manifest = NASTY / "manifest_missing_file_column.csv"
    db = tmp_path / "m.db"
    result = CliRunner().invoke(app, ["analyze", str(NASTY), "--manifest", str(manifest), "--db", str(db)])
    assert result.exit_code == 2
    assert "missing column(s) file" in _cli_output(result.output)
    with Store(db) as store:
        assert store.count("pages") == 0


def _warc_record(url: str, body: bytes, compress: bool = True, http: tuple[tuple[str, str], ...] = ()) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), *http], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def _gzip_bomb(size: int) -> bytes:
    """`size` zero bytes gzipped: about a thousandth of that on disk."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    chunk = bytes(1 << 24)
    return b"".join(packer.compress(chunk) for _ in range(size >> 24)) + packer.flush()


WARC_PAGE = f"<html><head><title>Bridge reopens</title></head><body><article><p>{PARAGRAPH}</p></article></body></html>"


@pytest.fixture(scope="module")
def nasty_warcs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("warc")
    first = _warc_record("https://example.org/a", WARC_PAGE.encode())
    last = _warc_record("https://example.org/b", WARC_PAGE.replace("Bridge", "Tower").encode())
    bomb = _warc_record("https://example.org/bomb", _gzip_bomb(128 << 20), http=(("Content-Encoding", "gzip"),))
    (folder / "bomb.warc.gz").write_bytes(first + bomb + last)
    big = _warc_record("https://example.org/big", b"<p>" + b"a" * (64 << 20) + b"</p>")
    (folder / "big_record.warc.gz").write_bytes(first + big + last)
    damaged = bytearray(last)
    damaged[len(damaged) // 2] ^= 0xFF
    (folder / "corrupt_gzip.warc.gz").write_bytes(first + bytes(damaged) + first)
    plain_first = _warc_record("https://example.org/a", WARC_PAGE.encode(), compress=False)
    (folder / "garbage_between.warc").write_bytes(plain_first + b"\x1b[31mnot a record\r\n\r\n" + plain_first)
    (folder / "not_a_warc.warc").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.warc").write_bytes(b"")
    (folder / "captured_2203.warc").write_bytes(
        _warc_record("https://example.org/f", WARC_PAGE.encode(), compress=False).replace(
            b"WARC-Date: 20", b"WARC-Date: 22", 1
        )
    )
    return folder


@pytest.mark.slow
def test_badinput_gzip_bomb_and_huge_record_in_a_warc_cost_only_themselves(nasty_warcs: Path) -> None:
    started = time.monotonic()
    pages, reasons = _read(nasty_warcs / "bomb.warc.gz", nasty_warcs / "big_record.warc.gz")
    assert time.monotonic() - started < 30
    for name in ("bomb.warc.gz", "big_record.warc.gz"):
        assert {pages[f"{name}#1"].url, pages[f"{name}#3"].url} == {"https://example.org/a", "https://example.org/b"}
        assert f"over the {MAX_PAGE_BYTES:,}-byte page limit" in reasons[f"{name}#2"]


def test_badinput_damaged_warcs_keep_what_came_before_and_say_where_they_broke(nasty_warcs: Path) -> None:
    names = ["corrupt_gzip.warc.gz", "garbage_between.warc", "not_a_warc.warc", "empty.warc"]
    pages, reasons = _read(*(nasty_warcs / n for n in names))
    assert set(pages) == {"corrupt_gzip.warc.gz#1", "garbage_between.warc#1"}
    assert "not a readable WARC file" in reasons["corrupt_gzip.warc.gz"]
    assert reasons["garbage_between.warc"].endswith("read up to there (1 pages)")
    assert "\\x1b[31mnot a record" in reasons["garbage_between.warc"]  # escaped, not sent to the terminal
    assert "not a readable WARC file (Unknown archive format" in reasons["not_a_warc.warc"]
    assert reasons["empty.warc"] == "no HTML or text responses in the web archive"
    assert not any(ch < " " for reason in reasons.values() for ch in reason)


def test_badinput_warc_captured_in_2203_gives_no_date(nasty_warcs: Path) -> None:
    pages, _ = _read(nasty_warcs / "captured_2203.warc")
    page = pages["captured_2203.warc#1"]
    assert page.captured is not None and page.captured.year >= 2200
    (article,) = extract_page(page)
    assert article.date.value is None


def test_badinput_warc_seed_pages_decode_their_declared_charset(nasty: tuple[dict[str, Page], dict[str, str]]) -> None:
    pages = nasty[0]
    for name in ("two_pages.warc", "two_pages.warc.gz"):
        assert {pages[f"{name}#1"].kind, pages[f"{name}#2"].kind} == {"html", "text"}
        assert "«Enfin», said the café owner" in pages[f"{name}#2"].content
        assert f"{name}#3" not in pages  # the image record is passed over
