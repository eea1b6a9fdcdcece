"""The plain-text cleaner on the seed scrapes, scored against hand labels of every line."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from manysides.extract import extract_page
from manysides.models import Article, Page

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
LABELS = ROOT / "tests" / "data" / "extract" / "seed_lines.tsv"
_LEAK_ROLES = frozenset({"comment", "comment_author", "widget", "caption"})
_NEUTRAL_ROLES = frozenset({"subheading"})


def seed_pages() -> list[Page]:
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pages = []
    for row in rows:
        content = (SEEDS / row["file"]).read_text(encoding="utf-8")
        day = date.fromisoformat(row["date"]) if row["date"] else None
        pages.append(Page.make(str(SEEDS / row["file"]), content, "text", row["url"], row["outlet"], day))
    return pages


def labelled_lines() -> dict[str, list[tuple[str, str]]]:
    """file prefix -> (role, line text) from the hand-labelled file."""
    with LABELS.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        labels: dict[str, list[tuple[str, int]]] = {}
        for row in reader:
            labels.setdefault(row["file"], []).append((row["role"], int(row["line"])))
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8").split("\n")
        found[path.name[:3]] = [(role, raw[number - 1].strip()) for role, number in labels[path.name[:3]]]
    return found


def _in_body(text: str, articles: list[Article]) -> bool:
    return any(text in a.body.split("\n\n") for a in articles)


def _whole_file(page: Page) -> list[Article]:
    body = "\n\n".join(line.strip() for line in page.content.split("\n") if line.strip())
    return [Article(id="x", page_id=page.id, source=page.source, outlet="x", body=body)]


def seed_rows() -> list[list[object]]:
    """Rows of (cleaner, body kept, comment/widget/caption leaked, other noise leaked, items)."""
    labels = labelled_lines()
    pages = seed_pages()
    rows: list[list[object]] = []
    for name, cleaner in (("manysides", extract_page), ("whole file is the article", _whole_file)):
        kept = body_total = leaked = leak_total = other = other_total = items = 0
        for page in pages:
            articles = cleaner(page)
            items += len(articles)
            for role, text in labels[Path(page.source).name[:3]]:
                inside = _in_body(text, articles)
                if role == "body":
                    body_total += 1
                    kept += inside
                elif role in _LEAK_ROLES:
                    leak_total += 1
                    leaked += inside
                elif role not in _NEUTRAL_ROLES:
                    other_total += 1
                    other += inside
        rows.append(
            [
                name,
                f"{kept}/{body_total} ({kept / body_total:.0%})",
                f"{leaked}/{leak_total} ({leaked / leak_total:.0%})",
                f"{other}/{other_total} ({other / other_total:.0%})",
                items,
            ]
        )
    return rows
