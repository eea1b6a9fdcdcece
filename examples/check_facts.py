"""Check that every entry of examples/corpus/facts.json is literally true of the pages.

Run: python examples/check_facts.py (standard library only). Exits 1 on the first
list of failures, so a hand edit to a page or to the facts cannot drift silently.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
DATE_IN_URL = re.compile(r"(\d{4})[/-](\d{2})[/-](\d{2})")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def load_pages() -> dict[str, str]:
    """Page text by facts key: HTML unescaped, JSONL records by '#line'."""
    pages: dict[str, str] = {}
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in {".html", ".txt"}:
            pages[path.name] = html.unescape(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                record = json.loads(line)
                body = record.get("text") or record["html"]
                pages[f"{path.name}#{number}"] = html.unescape(body)
    return pages


def check(facts: dict, pages: dict[str, str], urls: dict[str, str]) -> list[str]:
    """Return one message per fact that is not true of the pages."""
    errors: list[str] = []

    def need(key: str, text: str, why: str) -> None:
        if key not in pages:
            errors.append(f"{why}: no page {key}")
        elif text not in pages[key]:
            errors.append(f"{why}: {text!r} not in {key}")

    for key, title in facts["titles"].items():
        need(key, title, "title")
    for quote in facts["quotes"]:
        for key in quote["files"]:
            need(key, quote["text"], "quote")
            if quote["speaker"]:
                surname = quote["speaker"].split()[-1]
                need(key, surname, f"speaker of {quote['text'][:30]!r}")
    for conflict in facts["attribution_conflicts"]:
        for key, speaker in conflict["by_file"].items():
            need(key, conflict["text"], "attribution conflict")
            need(key, speaker, "attribution conflict speaker")
        if len(set(conflict["by_file"].values())) < 2:
            errors.append("attribution conflict with one speaker only")
    for copy in facts["copies"]:
        for cut in copy["cut_paragraphs"]:
            need(copy["original"], cut, "cut paragraph in original")
            if cut in pages[copy["copy"]]:
                errors.append(f"cut paragraph still in {copy['copy']}")
    for figure in facts["figures"]:
        for value in figure["values"]:
            need(value["file"], value["value"], f"figure {figure['what']}")
    for key, sentences in facts["body_must_contain"].items():
        for sentence in sentences:
            need(key, sentence, "body sentence")
    for key, noise in facts["body_must_not_contain"].items():
        for line in noise:
            need(key, line, "noise line (must be on the page)")
    for key, names in facts["comments"].items():
        for name in names:
            need(key, name, "comment author")
    for outlet, actors in facts["naming"].items():
        keys = [k for k, o in facts["outlets"].items() if o == outlet]
        for labels in actors.values():
            for label in labels:
                if not any(label in pages[k] for k in keys):
                    errors.append(f"label {label!r} not in any page of {outlet}")
    for key, labels in facts["scare_quotes"].items():
        for label in labels:
            need(key, label, "scare quote")
    for group in facts["independent_sources"]["main_story"]:
        for key in group:
            if key not in pages:
                errors.append(f"independent source group names unknown page {key}")
    blog = facts["liveblog"]
    for heading in [blog["main_story_item_heading"], *blog["other_item_headings"]]:
        need(blog["file"], heading, "live blog heading")
    for key, date in facts["dates"].items():
        errors.extend(check_date(key, date, pages[key], urls.get(key, "")))
    return errors


def check_date(key: str, date: dict, page: str, url: str) -> list[str]:
    """Each place a date is said to be must hold it; an undated page holds none."""
    errors: list[str] = []
    value = date["date"]
    if value is None:
        if re.search(rf"\b(?:{MONTHS})\b.*\d|\b(?:19|20)\d\d\b", page) or DATE_IN_URL.search(url):
            errors.append(f"{key} is meant to carry no date but has one")
        return errors
    year, month, day = value.split("-")
    if "url" in date["where"]:
        found = DATE_IN_URL.search(url)
        if not found or found.groups() != (year, month, day):
            errors.append(f"{key}: date not in url {url}")
    if "markup" in date["where"] and f'"{value}T' not in page:
        errors.append(f"{key}: date not in markup")
    if "text" in date["where"]:
        month_name = MONTHS.split("|")[int(month) - 1]
        if not re.search(rf"\b0?{int(day)} {month_name},? {year}\b", page):
            errors.append(f"{key}: date not in text")
    return errors


def main() -> int:
    facts = json.loads((CORPUS / "facts.json").read_text(encoding="utf-8"))
    pages = load_pages()
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        urls = {row["file"]: row["url"] for row in csv.DictReader(handle)}
    urls.update(facts["jsonl_records"])
    errors = check(facts, pages, urls)
    for error in errors:
        print(error)
    print(f"{len(errors)} problem(s) in {len(pages)} pages")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
