"""Data for the summary benchmark: NeuS/AllSides stories, BABE's marked words, the fact lists.

Everything is read in place from ../shared/bench and tests/data/summarize; nothing is copied.
"""

from __future__ import annotations

import ast
import csv
import gzip
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.readme import BENCH_DATA, ROOT
from manysides.models import Article, stable_id
from manysides.summarize.naming import loaded_terms
from manysides.summarize.text import STOP

NEUS = BENCH_DATA / "neus-allsides"
BABE = BENCH_DATA / "babe" / "babe_sg2.csv.gz"
FACTS = ROOT / "tests" / "data" / "summarize"
FRAMING_WORDS = ROOT / "manysides" / "data" / "loaded_words.tsv"
FACT_FILES = {"seeds": "seed_facts.json", "corpus": "corpus_facts.json"}
WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")


@dataclass(frozen=True)
class NeusStory:
    index: int
    articles: list[Article]
    reference: str


def neus_stories(split: str) -> list[NeusStory]:
    """The split's stories: three excerpts as articles, the editors' roundup as reference."""
    out = []
    with gzip.open(NEUS / f"neus_{split}.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            articles = [_article(split, row["index"], k, seg) for k, seg in enumerate(row["segments"])]
            out.append(NeusStory(row["index"], [a for a in articles if a.body.strip()], row["target_summary"]))
    return out


def _article(split: str, index: int, k: int, segment: dict[str, Any]) -> Article:
    page_id = stable_id("neus", split, str(index), str(k))
    lean = segment.get("lean_from_crawl")
    return Article(
        id=Article.make_id(page_id, None),
        page_id=page_id,
        source=f"neus-allsides/{split}:{index}:{k}",
        outlet=f"the {lean}-leaning outlet" if lean else f"outlet {'ABC'[k]}",
        title=segment["title"],
        body=segment["article"].strip(),
    )


def babe_words() -> set[str]:
    """Every word BABE's experts marked as biased in any sentence, lower case, stop words left out."""
    with gzip.open(BABE, "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    marked: set[str] = set()
    for row in rows:
        for phrase in ast.literal_eval(row["biased_words"] or "[]"):
            marked |= {w for w in WORD.findall(phrase.lower()) if w not in STOP and len(w) > 2}
    return marked


def framing_words() -> set[str]:
    """The framing engineer's loaded-word lexicon, when it is in the tree (else empty)."""
    if not FRAMING_WORDS.exists():
        return set()
    rows = [line.split("\t")[0].strip().lower() for line in FRAMING_WORDS.read_text(encoding="utf-8").splitlines()]
    return {w for w in rows if w and not w.startswith("#")}


def loaded_rate(texts: Sequence[str], lexicon: set[str]) -> float:
    """Words of the lexicon per 1,000 words."""
    tokens = [w for t in texts for w in WORD.findall(t.lower())]
    return 1000.0 * sum(w in lexicon for w in tokens) / len(tokens) if tokens else 0.0


def label_rate(texts: Sequence[str]) -> float:
    """Loaded labels and words of the summary lexicon (outside quotation marks) per 1,000 words."""
    tokens = sum(len(WORD.findall(t.lower())) for t in texts)
    return 1000.0 * sum(len(loaded_terms(t)) for t in texts) / tokens if tokens else 0.0


def fact_list(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FACTS / FACT_FILES[name]).read_text(encoding="utf-8"))
    return data


def _matches(text: str, groups: Sequence[Sequence[str]]) -> bool:
    lowered = text.lower()
    return all(any(option in lowered for option in group) for group in groups)


def coverage(sentences: Sequence[str], facts: dict[str, Any]) -> dict[str, Any]:
    """Share of corroborated facts and of disputes (every side) the sentences cover, and the core."""
    covered = {f["id"] for f in facts["corroborated"] if any(_matches(s, f["match"]) for s in sentences)}
    disputes = {
        d["id"]
        for d in facts["disputes"]
        if sum(any(_matches(s, side["match"]) for s in sentences) for side in d["sides"]) >= 2
    }
    return {
        "facts": len(covered) / len(facts["corroborated"]),
        "disputes": len(disputes) / len(facts["disputes"]),
        "core": all(c in covered for c in facts["core"]),
        "covered": sorted(covered | disputes),
    }


def shared_path(*parts: str) -> Path:
    return BENCH_DATA.parent.joinpath(*parts)
