"""The three HTML extraction sets, read in place, and their scorers as their READMEs give them."""

from __future__ import annotations

import gzip
import json
import re
import tarfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.readme import BENCH_DATA

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


@dataclass
class Case:
    """One page and what a correct extraction must (not) hold."""

    key: str
    url: str | None
    html: bytes
    truth: str = ""
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    comments: str = ""


def trafilatura_eval(root: Path = BENCH_DATA / "trafilatura-eval") -> list[Case]:
    with gzip.open(root / "evaldata.json.gz", "rt", encoding="utf-8") as handle:
        annotations = json.load(handle)
    pages = dict(_tar_members(root / "pages.tar.gz", "pages/"))
    cases = []
    for url, entry in sorted(annotations.items()):
        cases.append(Case(url, url, pages[entry["file"]], with_=entry["with"], without=entry["without"]))
    return cases


def article_extraction(root: Path = BENCH_DATA / "article-extraction-benchmark") -> list[Case]:
    with gzip.open(root / "ground-truth.json.gz", "rt", encoding="utf-8") as handle:
        truth = json.load(handle)
    cases = []
    for key, entry in sorted(truth.items()):
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        cases.append(Case(key, entry.get("url"), html, truth=entry["articleBody"]))
    return cases


def l3s_gn1(root: Path = BENCH_DATA / "l3s-gn1") -> list[Case]:
    pages = dict(_tar_members(root / "pages.tar.gz", "l3s-gn1/original/"))
    cases = []
    with gzip.open(root / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            html = pages[f"{row['id']}.html"]
            cases.append(Case(row["id"], row["url"], html, truth=row["main_content"], comments=row["comments"]))
    return sorted(cases, key=lambda c: c.key)


def _tar_members(path: Path, prefix: str) -> Iterator[tuple[str, bytes]]:
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            if member.isfile() and member.name.startswith(prefix):
                handle = archive.extractfile(member)
                if handle is not None:
                    yield member.name[len(prefix) :], handle.read()


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def snippet_counts(case: Case, output: str) -> tuple[int, int, int, int]:
    """TP, FN, FP, TN of the with/without snippets (trafilatura-eval's scoring)."""
    text = squash(output)
    found = [squash(s) in text for s in case.with_]
    leaked = [squash(s) in text for s in case.without]
    return sum(found), len(found) - sum(found), sum(leaked), len(leaked) - sum(leaked)


def snippet_scores(counts: list[tuple[int, int, int, int]]) -> dict[str, float]:
    tp, fn, fp, _ = (sum(c[i] for c in counts) for i in range(4))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": precision, "recall": recall, "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0}


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def shingle_pr(truth: str, output: str) -> tuple[float | None, float | None]:
    """Per-page precision and recall of 4-token shingles (None where undefined)."""
    t, p = shingles(truth), shingles(output)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def shingle_scores(pairs: list[tuple[float | None, float | None]]) -> dict[str, float]:
    precisions = [p for p, _ in pairs if p is not None]
    recalls = [r for _, r in pairs if r is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def token_prf(truth: str, output: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall, F1 of lower-cased \\w+ tokens."""
    t = Counter(w.lower() for w in _TOKEN.findall(truth))
    p = Counter(w.lower() for w in _TOKEN.findall(output))
    overlap = sum((t & p).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(t.values()) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def comment_lines(case: Case, min_tokens: int = 5) -> list[str]:
    """The labelled comment lines long enough to tell apart (5 tokens or more), less those the gold
    article text holds too (a reader quoting the article): no tool can leave those out of a body."""
    article = _token_key(case.truth)
    lines = [_token_key(line) for line in case.comments.split("\n")]
    return [line for line in lines if len(line.split()) >= min_tokens and line not in article]


def found_share(lines: list[str], text: str) -> int:
    """How many of `lines` (token keys) occur in `text`."""
    key = _token_key(text)
    return sum(1 for line in lines if line in key)


def _token_key(text: str) -> str:
    return " ".join(w.lower() for w in _TOKEN.findall(text))
