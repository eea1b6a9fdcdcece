"""Summary sentences built from findings: corroborated ones in the summary's voice; a single
source's report of a development stated and cited; a single source's view credited to it.

Every builder neutralizes the wording first (loaded labels replaced by the story's neutral
names) and keeps only the citations whose passages support the result; what is left decides
the sentence's kind. A sentence that would still carry a loaded word in its own voice is not
built at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from manysides.models import Article, Citation, Quote, SummaryKind, SummarySentence
from manysides.summarize.naming import loaded_terms, neutralize
from manysides.summarize.opinion import opinion_cues
from manysides.summarize.support import Finding
from manysides.summarize.text import quoted, words
from manysides.summarize.units import CONTEXT_WORDS, Unit, protected_spans
from manysides.summarize.verify import Verifier

CONNECTIVE = re.compile(
    r"^(?:However|Meanwhile|But|And|Also|Earlier|In another comment|At the same time|Separately|Still|Yet|Thus)"
    r"\s*,?\s+"
)
ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
REPORTING_CUES = frozenset(
    [
        *("said", "says", "told", "tells", "according to", "reported", "reports", "added", "stated", "announced"),
        *("noted", "claimed", "claims", "insisted", "confirmed", "warned", "explained", "wrote", "concluded"),
        *("argued", "ruled", "declared", "acknowledged", "testified", "tweeted", "denied", "urged", "asserted"),
    ]
)  # a verb of saying, not of doing ('refused', 'rejected' make the subject an actor, not a source)
SELF_ATTRIBUTED_SHARE = 0.5  # share of a sentence credited speech must cover to need no outlet in front
MIN_SOURCES = 2  # independent sources for a fact to be stated in the summary's own voice


def earliest(citations: Sequence[Citation], articles: Mapping[str, Article]) -> dt.date | None:
    days = [d for c in citations if (d := articles[c.article_id].date.value) is not None]
    return min(days) if days else None


def neutral_text(unit: Unit, names: Mapping[str, str]) -> str | None:
    """The unit in the summary's words: loaded labels renamed, or None when that cannot be done safely."""
    raw = unit.text
    protected = protected_spans(unit)
    if loaded_terms(raw, protected) != loaded_terms(raw, protected_spans(unit, indirect=True)):
        return None  # a loaded label in reported speech: neither ours to rename nor to repeat
    if loaded_terms(raw, protected) and _unsafe_to_rename(raw, protected, names):
        return None
    text = without_connective(neutralize(raw, names, protected).strip())
    return text.rstrip(",;:–— ") + "." if unit.clause else text


def from_finding(finding: Finding, origin: Mapping[str, str], checker: Verifier) -> SummarySentence | None:
    """Corroborated when independent sources carry the sentence; else one source's report or view,
    cited and credited to it in words."""
    text = neutral_text(finding.unit, checker.names)
    if text is None:
        return None
    articles = checker.articles
    others = [s.citation() for s in finding.supporters]
    cited = [finding.unit.citation(), *checker.supporting(text, others)]
    sources = sorted({origin[c.article_id] for c in cited})
    if len(sources) >= MIN_SOURCES:
        kind = "corroborated"
    else:
        cited, speech = cited[:1], unmarked_speech(finding.unit)
        if self_attributed(finding.unit):
            kind = "attributed"
        elif speech is not None:  # a block quote: the speaker's words, shown as such
            kind, text = "attributed", f"{speech.speaker} says: “{text.strip()}”"
        else:
            # Only one side makes the claim: the summary credits it in words, whatever its kind.
            kind = _single_source_kind(finding.unit, text, origin)
            text = attribute(text, finding.unit.article)
    return SummarySentence(text=text, citations=cited, kind=kind, date=earliest(cited, articles), sources=sources)


def _single_source_kind(unit: Unit, text: str, origin: Mapping[str, str]) -> SummaryKind:
    """`reported` for an account of a development in a story other sources cover; `attributed` for a
    view, unnamed speech, or the only outlet's account."""
    covered = len(set(origin.values())) >= MIN_SOURCES
    speech = bool(quoted(text))  # someone's words, not named in the sentence: the outlet credits them
    return "reported" if covered and not speech and not opinion_cues(writer_words(unit)) else "attributed"


def writer_words(unit: Unit) -> str:
    """The unit with quotations and reported speech blanked: what its writer says in their own voice."""
    text = unit.text
    for start, end in protected_spans(unit, indirect=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def without_connective(text: str) -> str:
    """The sentence without a leading 'However,' or 'Meanwhile,' that ties it to a sentence not shown."""
    stripped = CONNECTIVE.sub("", text, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped != text else text


def _unsafe_to_rename(raw: str, protected: Sequence[tuple[int, int]], names: Mapping[str, str]) -> bool:
    """Loaded words that neutral naming cannot replace remain in the sentence's own voice."""
    renamed = neutralize(raw, names, protected)
    shift = len(renamed) - len(raw)
    if loaded_terms(renamed, [(s, e + shift) for s, e in protected]):
        return True
    # a rename that puts in a word the sentence already uses ("moderate fighters from
    # terrorists" -> "... from fighters") merges two groups the writer kept apart
    before, after = Counter(w.lower() for w in words(raw)), Counter(w.lower() for w in words(renamed))
    return any(after[w] > before[w] and before[w] > 0 for w in after)


def self_attributed(unit: Unit) -> bool:
    """The sentence already credits what it says to a named speaker or source ('X said', 'according to')."""
    text = unit.text
    if ACCORDING.search(text):
        return True
    for quote in unit.article.quotes:
        # the credited words must be most of the sentence: "X rejected the offer, as aid workers
        # said 3,000 fled" is the outlet's own claim with one clause credited
        covered = min(quote.end, unit.end) - max(quote.start, unit.start)
        named = [w for w in words(quote.speaker_mention or quote.speaker or "") if w.lower() not in CONTEXT_WORDS]
        mostly_credited = covered >= SELF_ATTRIBUTED_SHARE * (unit.end - unit.start)
        if (
            mostly_credited
            and (quote.cue or "").lower() in REPORTING_CUES
            and named
            and re.search(rf"(?<!\w){re.escape(named[-1])}(?!\w)", text)
        ):
            return True
    return False


def unmarked_speech(unit: Unit) -> Quote | None:
    """The credited quote that is most of the sentence when the sentence has no quotation marks
    (a block quote introduced by a colon): its words would otherwise read as the summary's."""
    if quoted(unit.text):
        return None
    for quote in unit.article.quotes:
        covered = min(quote.end, unit.end) - max(quote.start, unit.start)
        if quote.kind != "indirect" and quote.speaker and covered >= SELF_ATTRIBUTED_SHARE * (unit.end - unit.start):
            return quote
    return None


def attribute(text: str, article: Article) -> str:
    """The sentence credited to the outlet that alone gives it, at its end as wire copy does."""
    if text[:1] in "\"“‘'" or text.rstrip()[-1:] in "\"”’'!?":
        return f"{article.outlet} reports: {text}"
    return f"{text.rstrip().rstrip('.')}, {article.outlet} reports."
