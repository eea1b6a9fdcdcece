"""Quotes and speakers on PolNeAR, side by side with textacy's direct quotation extractor.

Usage: `.venv/bin/python -m benchmarks.run_quotes [--parse-only] [--split test]`.
The spaCy parse of each split is cached under bench-results/ (not committed).
"""

from __future__ import annotations

import argparse
import re
import tarfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin

from benchmarks.readme import BENCH_DATA, RESULTS
from manysides.annotate.entities import find_entities
from manysides.annotate.nlp import load_nlp
from manysides.annotate.quotes import find_quotes

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
            _, _, offsets = parts[1].partition(" ")
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


@dataclass
class Counts:
    """Pooled matches for one measure: P = found / predicted, R = recovered / gold."""

    predicted: int = 0
    gold: int = 0
    found: int = 0
    recovered: int = 0

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.found += other.found
        self.recovered += other.recovered

    def prf(self) -> tuple[float, float, float]:
        p = self.found / self.predicted if self.predicted else 0.0
        r = self.recovered / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _source_ok(gold: Attribution, pred: Attribution) -> bool:
    return bool(gold.source & pred.source) if gold.source else not pred.source


def _overlap_counts(gold: list[Attribution], pred: list[Attribution], need_source: bool) -> Counts:
    """Partial matching as the PolNeAR README defines it: a span counts when it overlaps one of the other side."""

    def ok(g: Attribution, p: Attribution) -> bool:
        return bool(g.content & p.content) and (not need_source or _source_ok(g, p))

    found = sum(any(ok(g, p) for g in gold) for p in pred)
    recovered = sum(any(ok(g, p) for p in pred) for g in gold)
    return Counts(len(pred), len(gold), found, recovered)


def score_article(gold: list[Attribution], pred: list[Attribution]) -> dict[str, Counts]:
    """Content, source and whole-attribution counts, for all attributions and for direct quotes."""
    out: dict[str, Counts] = {}
    for subset in ("all", "direct"):
        g = [a for a in gold if subset == "all" or a.direct]
        p = [a for a in pred if subset == "all" or a.direct]
        content = _overlap_counts(g, p, need_source=False)
        whole = _overlap_counts(g, p, need_source=True)
        out[f"{subset}.content"] = content
        out[f"{subset}.attribution"] = whole
        # Among the quotes found, the share credited to the right source (the ">= 85%").
        out[f"{subset}.source_of_found"] = Counts(content.found, content.found, whole.found, whole.found)
        g_src = [Attribution(content=s) for s in {a.source for a in g if a.source}]
        p_src = [Attribution(content=s) for s in {a.source for a in p if a.source}]
        out[f"{subset}.source"] = _overlap_counts(g_src, p_src, need_source=False)
    return out


def textacy_attributions(doc: Doc) -> list[Attribution]:
    """textacy 0.13 direct_quotations on the whole article; it gives up on an odd count of quote marks."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return []
    found = []
    for speaker, _cue, content in triples:
        source = frozenset(p for tok in speaker for p in range(tok.idx, tok.idx + len(tok.text)))
        text = frozenset(range(content.start_char, content.end_char))
        found.append(Attribution(content=text, source=source, direct=True))
    return found


def textacy_by_paragraph(doc: Doc) -> list[Attribution]:
    """The same extractor run paragraph by paragraph (the README's second baseline row)."""
    found = []
    for para in re.finditer(r"[^\n]+", doc.text):
        span = doc.char_span(para.start(), para.end(), alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        for a in textacy_attributions(span.as_doc()):
            shift = span.start_char
            found.append(
                Attribution(
                    content=frozenset(p + shift for p in a.content),
                    source=frozenset(p + shift for p in a.source),
                    direct=True,
                )
            )
    return found


def manysides_attributions(doc: Doc) -> list[Attribution]:
    """manysides' find_quotes: every kind, with direct quotes marked."""
    found = []
    for quote in find_quotes(doc, find_entities(doc)):
        source: frozenset[int] = frozenset()
        if quote.speaker_start is not None and quote.speaker_end is not None:
            source = frozenset(range(quote.speaker_start, quote.speaker_end))
        found.append(
            Attribution(content=frozenset(range(quote.start, quote.end)), source=source, direct=quote.kind == "direct")
        )
    return found


SYSTEMS = {
    "textacy direct_quotations (whole article)": textacy_attributions,
    "textacy direct_quotations (by paragraph)": textacy_by_paragraph,
    "manysides find_quotes": manysides_attributions,
}


def evaluate(split: str, systems: Iterable[str] = SYSTEMS) -> dict[str, dict[str, object]]:
    """Pooled counts and P/R/F1 per system on one split, with the run time of each."""
    articles = load_split(split)
    docs = parsed_docs(split, articles)
    results: dict[str, dict[str, object]] = {}
    for name in systems:
        totals: dict[str, Counts] = {}
        started = time.perf_counter()
        for article, doc in zip(articles, docs, strict=True):
            for key, counts in score_article(article.gold, SYSTEMS[name](doc)).items():
                totals.setdefault(key, Counts()).add(counts)
        elapsed = time.perf_counter() - started
        results[name] = {"seconds": elapsed} | {k: c.prf() for k, c in totals.items()}
        results[name]["counts"] = {k: vars(c) for k, c in totals.items()}
    return results


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
    for split in args.splits:
        results = evaluate(split)
        for name, res in results.items():
            print(split, name, f"{res['seconds']:.1f}s")
            for key in sorted(k for k in res if "." in k):
                p, r, f = res[key]  # type: ignore[misc]
                print(f"   {key:28s} P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()
