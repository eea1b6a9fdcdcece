"""Word-level helpers the summarizer and its verifier share: stems, figures, names, quotes."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z\u00C0-\u024F0-9]+(?:['’\-][A-Za-z\u00C0-\u024F0-9]+)*")
NUMBER = re.compile(r"\d[\d,.]*\d%?|\d%?")
NAME = re.compile(
    r"\b[A-Z][a-z\u00C0-\u024F]+(?:[\s\-](?:al|ad|de|abu|bin|el|van|von|der)?[\s\-]?[A-Z][a-z\u00C0-\u024F]+)+"
)
CAPITALISED = re.compile(r"(?<![\w\-’'])[A-Z][a-z\u00C0-\u024F]+(?![\w\-])")
QUOTED = re.compile(r"[\"“”]([^\"“”]{2,}?)[\"“”]|(?<![A-Za-z])[‘']([^‘’']{2,}?)[’'](?![A-Za-z])")
NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "fifty": "50",
    "hundred": "100",
    "hundreds": "100s",
    "thousand": "1000",
    "thousands": "1000s",
    "dozens": "12s",
    "two-thirds": "2/3",
    "one-third": "1/3",
    "half": "1/2",
}
STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according reported reports report
    added noted announced stated credits credit s t don won""".split()  # noqa: SIM905 (a word list reads better as text)
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stripper: enough to match 'refuses' with 'refused'."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            return w[: len(w) - len(suffix)] + keep
    return w


def words(text: str) -> list[str]:
    return WORD.findall(text)


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry content (no stop words, no one-letter words)."""
    return {stem(w) for w in words(text) if len(w) > 1 and w.lower() not in STOP}


def figures(text: str) -> set[str]:
    """Numbers as written digits (commas dropped) plus number words, normalised."""
    found = {n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)}
    lowered = text.lower()
    tokens = list(re.finditer(r"\w+", lowered))
    # 'two-thirds' is one number word and holds another ('two'), as a word-boundary search finds
    hyphened = {
        lowered[a.start() : b.end()] for a, b in itertools.pairwise(tokens) if lowered[a.end() : b.start()] == "-"
    }
    spans = {t.group(0) for t in tokens} | hyphened
    return found | {digits for word, digits in NUMBER_WORDS.items() if word in spans}


def names(text: str) -> set[str]:
    """Multi-word capitalised names, e.g. 'Zakaria Malahifji', 'Sergei Lavrov'."""
    return {m.group(0) for m in NAME.finditer(text)}


def proper_nouns(text: str) -> set[str]:
    """Capitalised words not opening a sentence or a quotation: names of people, places, days."""
    out = set()
    for m in CAPITALISED.finditer(text):
        before = text[: m.start()].rstrip()
        opens = (
            len(before) < 2
            or before[-1] in ".!?“‘([:;"
            or (before[-1] in "\"'" and before[:-1].rstrip() != before[:-1])
        )
        if not opens and m.group(0).lower() not in STOP:
            out.add(m.group(0))
    return out


def quoted(text: str) -> list[str]:
    """The words inside quotation marks."""
    return [(m.group(1) or m.group(2)).strip() for m in QUOTED.finditer(text)]


def unquoted(text: str) -> str:
    """The text with quoted words blanked out: what is said in the writer's own voice."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def normalize(text: str) -> str:
    """Lower case, straight quotes, single spaces: for verbatim comparison."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    return re.sub(r"\s+", " ", text).strip().lower()
