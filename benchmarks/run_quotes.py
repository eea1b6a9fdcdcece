"""Quotes and speakers on PolNeAR, side by side with textacy's direct quotation extractor.

Usage: `.venv/bin/python -m benchmarks.run_quotes [--parse-only] [--split test]`.
The spaCy parse of each split is cached under bench-results/ (not committed).
"""

from __future__ import annotations

import argparse
import re
import tarfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin

from benchmarks.readme import BENCH_DATA, RESULTS, save_results, table, write_section
from manysides.annotate.nlp import load_nlp

POLNEAR = BENCH_DATA / "polnear"
QUOTE_MARKS = "\"“”'‘’"


@dataclass
class Attribution:
    """A gold or predicted attribution as sets of character positions."""

    content: frozenset[int]
    source: frozenset[int] = frozenset()
    direct: bool = False


@dataclass
class Article:
    id: str
    text: str
    gold: list[Attribution] = field(default_factory=list)


def _positions(spans: str) -> frozenset[int]:
    points: set[int] = set()
    for fragment in spans.split(";"):
        start, end = fragment.split()
        points.update(range(int(start), int(end)))
    return frozenset(points)


def _parse_ann(text: str, ann: str) -> list[Attribution]:
    spans: dict[str, frozenset[int]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = _positions(offsets)
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    gold = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""), frozenset()) | spans.get(rel.get("Content2", ""), frozenset())
        if not content:
            continue
        source = spans.get(rel.get("Source", ""), frozenset())
        covered = text[min(content) : max(content) + 1].strip()
        direct = len(covered) > 1 and covered[0] in QUOTE_MARKS and covered.rstrip(",.")[-1] in QUOTE_MARKS
        gold.append(Attribution(content=content, source=source, direct=direct))
    return gold


def load_split(split: str) -> list[Article]:
    """The articles of a split with the gold of the first annotator (by code) for each."""
    texts: dict[str, str] = {}
    anns: dict[str, str] = {}
    with tarfile.open(POLNEAR / f"polnear-{split}.tar.gz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            handle = archive.extractfile(member)
            assert handle is not None
            body = handle.read().decode("utf-8")
            name = Path(member.name)
            if name.suffix == ".txt":
                texts[name.stem] = body
            elif name.suffix == ".ann":
                anns[name.stem] = body
    articles = []
    for doc_id in sorted(texts):
        files = sorted(k for k in anns if k.rsplit("_", 1)[0] == doc_id)
        gold = _parse_ann(texts[doc_id], anns[files[0]]) if files else []
        articles.append(Article(id=doc_id, text=texts[doc_id], gold=gold))
    return articles


def parsed_docs(split: str, articles: Sequence[Article]) -> list[Doc]:
    """spaCy parses of the articles, cached on disk per split."""
    nlp = load_nlp()
    cache = RESULTS / f"polnear-{split}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return docs
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    RESULTS.mkdir(exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parse-only", action="store_true", help="only fill the parse cache")
    parser.add_argument("--splits", nargs="*", default=["dev", "test"])
    args = parser.parse_args(argv)
    if args.parse_only:
        for split in args.splits:
            started = time.perf_counter()
            docs = parsed_docs(split, load_split(split))
            print(f"{split}: {len(docs)} docs parsed in {time.perf_counter() - started:.0f}s", flush=True)
        return


if __name__ == "__main__":
    main()
