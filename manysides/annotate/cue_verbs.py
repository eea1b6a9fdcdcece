"""Verbs that attribute what their complement says to their subject, learned on PolNeAR train.

PolNeAR marks as attributions far more than speech: "Trump attacked Machado", "He plans to reduce the
cost", "The analysis shows Democrats outpacing Republicans". For each verb lemma and kind of
complement, `python -m benchmarks.run_quotes --tune` counts on the train split how often the
complement is the attributed content; the pairs kept in `manysides/data/cue_verbs.tsv` were right
often enough (a share chosen on dev, named in the file) and seen often enough to trust.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

CUE_VERBS = Path(__file__).resolve().parents[1] / "data" / "cue_verbs.tsv"

# Prepositions whose object can carry the position taken ("called for a ban", "spoke about the deal").
PREPOSITIONS = frozenset({"for", "about", "on", "against", "to", "as", "of", "with", "over", "in"})
LEARNED_MIN_SEEN = 5


def complements(verb: Token) -> list[tuple[str, Span]]:
    """What a verb's subject could be credited with, by kind: 'ccomp', 'xcomp', 'dobj' or 'prep:<word>'."""
    doc = verb.doc
    found: list[tuple[str, Span]] = []
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            if (clause := clause_span(child, min_tokens=2)) is not None:
                found.append((child.dep_, clause))
        elif child.dep_ == "dobj" and child.pos_ != "PRON":
            tokens = list(child.subtree)
            found.append(("dobj", doc[tokens[0].i : tokens[-1].i + 1]))
        elif child.dep_ == "prep" and child.lower_ in PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                tokens = list(objects[0].subtree)
                found.append((f"prep:{child.lower_}", doc[tokens[0].i : tokens[-1].i + 1]))
    return found


def clause_span(head: Token, min_tokens: int) -> Span | None:
    """The clause under `head` without a leading 'that' or punctuation and trailing punctuation, if long enough."""
    tokens = list(head.subtree)
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return head.doc[tokens[0].i : tokens[-1].i + 1] if len(tokens) >= min_tokens else None


def learned_complement(verb: Token, lemma: str) -> Span | None:
    """The complement of a learned attributing verb, of a kind learned for it ('attacked Machado')."""
    kinds = learned_verbs().get(lemma)
    if not kinds:
        return None
    for kind, span in complements(verb):
        if kind in kinds:
            return span
    return None


@lru_cache(maxsize=1)
def learned_verbs() -> dict[str, frozenset[str]]:
    """Lemma -> the complement kinds it attributes, as `--tune` wrote them to the data file."""
    rows = [line.split("\t") for line in CUE_VERBS.read_text(encoding="utf-8").splitlines()]
    return {row[0]: frozenset(row[1].split()) for row in rows if row[0] and not row[0].startswith("#")}


def write_learned(table: dict[str, frozenset[str]], share: float) -> None:
    """Replace the data file with `table` (kept at `share` of right uses) and drop the cached copy."""
    header = [
        "# Verbs that attribute their complement to their subject, and the kinds of complement that do,",
        "# learned on PolNeAR train by `python -m benchmarks.run_quotes --tune` (which rewrites this file):",
        f"# kept when right in at least {share} of at least {LEARNED_MIN_SEEN} uses (the share chosen on dev).",
        "# lemma<TAB>complement kinds (ccomp, xcomp, dobj, prep:<word>), space-separated",
    ]
    rows = [f"{verb}\t{' '.join(sorted(kinds))}" for verb, kinds in sorted(table.items())]
    CUE_VERBS.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    learned_verbs.cache_clear()
