"""Contradictions: figures that cannot both hold, quotes credited to different speakers, a claim and its
negation, differing dates for one event. A figure that grows between reports is an update, not a conflict."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence

from manysides.annotate.timex import FUTURE_REACH, find_times, speaks_of_future
from manysides.compare.claims import claim_tokens, negated
from manysides.compare.lexicons import stance_cues
from manysides.models import (
    Article,
    Claim,
    ClaimMention,
    Contradiction,
    ContradictionKind,
    ContradictionSide,
    Figure,
    FigureTopic,
    FigureVerdict,
    QuoteCarrier,
    QuoteGroup,
)

SAME_MOMENT_DAYS = 1  # figures this close in time describe the same moment
# Counts that only grow over a story (people who fled, the dead): a larger later figure is an update.
CUMULATIVE_EVENTS = {"flee", "kill", "wound", "arrest", "deliver", "return", "poison"}
TOPIC_CHARS = 120  # a claim or quote names its contradiction by its first words
NEGATION_MIN_OVERLAP = 0.6  # share of the shorter sentence's words the two sides must share
# Only a day named as the event's ('on Saturday', 'on 1 March') dates it: 'since Monday', 'by Saturday'
# or a bare clock time would set reports apart that agree.
_ON = re.compile(r"\bon\s+$", re.IGNORECASE)
EVENT_DAY_CONFIDENCE = 0.8  # timex's certainty for a named day; below it a day is borrowed or counted


def figure_topics(figures: Sequence[Figure]) -> list[FigureTopic]:
    """Figures of one topic side by side in date order, each group with its verdict and why."""
    by_topic: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_topic[figure.topic].append(figure)
    topics = []
    for topic, group in by_topic.items():
        group = _one_per_article(group)
        group.sort(key=lambda f: (f.date is None, f.date or dt.date.max, f.outlet))
        verdict, why = _verdict(topic, group)
        topics.append(
            FigureTopic(
                topic=topic,
                counted=group[0].counted,
                unit=group[0].unit,
                figures=group,
                verdict=verdict,
                explanation=why,
            )
        )
    return sorted(topics, key=lambda t: (-len({f.outlet for f in t.figures}), t.topic))


def _one_per_article(group: list[Figure]) -> list[Figure]:
    seen: dict[tuple[str, float], Figure] = {}
    for figure in group:
        seen.setdefault((figure.article_id, figure.value), figure)
    return list(seen.values())


def _verdict(topic: str, group: list[Figure]) -> tuple[FigureVerdict, str]:
    if len({f.article_id for f in group}) < 2:
        return "single", "one article gives this figure"
    cumulative = topic.split("|")[-1] in CUMULATIVE_EVENTS
    conflicts = [(a, b) for a, b in itertools.combinations(group, 2) if _conflict(a, b, cumulative)]
    growth = _growth(group) if cumulative else ""
    if conflicts:
        a, b = conflicts[0]
        why = f"{_say(a)} and {_say(b)} cannot both hold"
        baselines = [f"{f.outlet} counts {f.baseline}" for f in (a, b) if f.baseline]
        why += f" ({'; '.join(baselines)}: different baselines)" if baselines else ""
        return "conflict", why + (f"; {growth}" if growth else "")
    if max(f.value for f in group) > 1.15 * min(f.value for f in group):
        if growth:
            return "update", growth
        return "update", "the figures differ but their ranges overlap: " + " / ".join(_say(f) for f in group)
    return "agree", "the figures agree within their wording"


def _growth(group: list[Figure]) -> str:
    """The figures as a series for a count that rose between reports ('' when none rose), undated figures
    placed where their value fits; copies of one figure shown once."""
    dated = [f for f in group if f.date is not None]
    rises = any(
        a.date < b.date and b.value > 1.15 * a.value and b.low >= a.low
        for a, b in itertools.permutations(dated, 2)
        if a.date and b.date
    )
    fitting = [f for f in group if f.date is None and any(_overlaps(f, g) for g in dated)]
    if not dated or not (rises or fitting):
        return ""
    first, last = min(f.date for f in dated if f.date), max(f.date for f in dated if f.date)
    lowest = min(f.value for f in dated)

    def when(f: Figure) -> dt.date:
        if f.date:
            return f.date
        return first - dt.timedelta(days=1) if f.value < lowest else last + dt.timedelta(days=1)

    steps: dict[tuple[str, dt.date | None], list[str]] = {}
    for f in sorted(group, key=lambda f: (when(f), f.value)):
        steps.setdefault((f.text.lower(), f.date), []).append(f.outlet)
    series = " -> ".join(
        f"'{text}' ({', '.join(dict.fromkeys(outlets))}, {day.isoformat() if day else 'date unknown'})"
        for (text, day), outlets in steps.items()
    )
    return f"{series}: a growing count, an update rather than a conflict"


def _overlaps(a: Figure, b: Figure) -> bool:
    return a.low <= _high(b) and b.low <= _high(a)


def _conflict(a: Figure, b: Figure, cumulative: bool) -> bool:
    if a.article_id == b.article_id or _overlaps(a, b):
        return False
    if a.date is None or b.date is None:
        return not cumulative  # an undated count may be earlier or later: only non-counts clash
    if abs((a.date - b.date).days) <= SAME_MOMENT_DAYS:
        return True
    earlier, later = (a, b) if a.date < b.date else (b, a)
    return not (cumulative and later.value > earlier.value)


def _high(f: Figure) -> float:
    return math.inf if f.high is None else f.high


def _say(f: Figure) -> str:
    return f"'{f.text}' ({f.outlet}, {f.date.isoformat() if f.date else 'date unknown'})"


def figure_conflicts(topics: Sequence[FigureTopic]) -> list[Contradiction]:
    """One contradiction per topic whose figures conflict, every figure a side."""
    return [
        Contradiction(
            kind="figure",
            topic=t.counted,
            sides=[_side(f, f.sentence, f.text) for f in t.figures],
            explanation=t.explanation,
        )
        for t in topics
        if t.verdict == "conflict"
    ]


def attribution_conflicts(groups: Sequence[QuoteGroup]) -> list[Contradiction]:
    """Quotes that outlets credit to different speakers (grouped by compare.quotes)."""
    out = []
    for group in groups:
        if group.conflict:
            sides = [_side(c, c.text, c.speaker or "no speaker named") for c in group.carriers]
            speakers = ", ".join(sorted({s.value for s in sides}))
            out.append(_contradiction("attribution", group.text, sides, f"the same words are credited to: {speakers}"))
    return out


def negations(claims: Sequence[Claim]) -> list[Contradiction]:
    """Mentions of one claim where one side explicitly denies (denied, false, untrue ...) what the other
    asserts without any denial."""
    out = []
    for claim in claims:
        denial = {id(m): refutes(m.text) for m in claim.mentions}
        deniers = [m for m in claim.mentions if denial[id(m)]]
        asserters = [m for m in claim.mentions if not denial[id(m)] and not negated(m.text)]
        for a, b in itertools.product(deniers, asserters):
            if a.outlet == b.outlet or _overlap(a.text, b.text) < NEGATION_MIN_OVERLAP:
                continue
            sides = [_side(a, a.text, "denies"), _side(b, b.text, "asserts")]
            out.append(_contradiction("negation", claim.text, sides, "one report denies what the other asserts"))
    return out


def refutes(text: str) -> bool:
    """True when a sentence explicitly denies or refutes something."""
    cues = stance_cues()
    return any(cues.get(w) == "refute" for w in re.findall(r"[a-z]+", text.lower()))


def _overlap(a: str, b: str) -> float:
    deny = {"not", "no", "never", "nothing", "none", "nor", "without", "refuse"}
    ta, tb = set(claim_tokens(a)) - deny, set(claim_tokens(b)) - deny
    return len(ta & tb) / max(1, min(len(ta), len(tb)))


def date_conflicts(claims: Sequence[Claim], articles: Sequence[Article]) -> list[Contradiction]:
    """Mentions of one claim that date the event to different days."""
    published = {a.id: a.date.value for a in articles}
    out = []
    for claim in claims:
        dated = [(m, day) for m in claim.mentions if (day := event_day(m.text, published.get(m.article_id)))]
        if len({day for _, day in dated}) > 1 and len({m.outlet for m, _ in dated}) > 1:
            sides = [_side(m, m.text, day.isoformat()) for m, day in dated]
            out.append(_contradiction("date", claim.text, sides, "the reports date this to different days"))
    return out


def event_day(text: str, published: dt.date | None) -> dt.date | None:
    """The day an 'on Saturday' / 'on November 4' names, normalised by timex against the publication date;
    None when that day is still ahead ('will close on Thursday'): not the day something happened."""
    if published is None:
        return None
    for time in find_times(text, published):
        before = text[: time.start]
        if time.day is None or time.confidence < EVENT_DAY_CONFIDENCE or not _ON.search(before):
            continue
        if time.day > published or speaks_of_future(before[-FUTURE_REACH:], reported=True):
            return None
        return time.day
    return None


def _side(of: Figure | QuoteCarrier | ClaimMention, text: str, value: str) -> ContradictionSide:
    """One article's side: where it says it, its words, and what it says (a figure, a speaker, a day)."""
    return ContradictionSide(
        article_id=of.article_id, outlet=of.outlet, date=of.date, text=text, value=value, start=of.start, end=of.end
    )


def _contradiction(kind: ContradictionKind, about: str, sides: list[ContradictionSide], why: str) -> Contradiction:
    return Contradiction(kind=kind, topic=about[:TOPIC_CHARS], sides=sides, explanation=why)


def find_contradictions(
    topics: Sequence[FigureTopic], claims: Sequence[Claim], quotes: Sequence[QuoteGroup], articles: Sequence[Article]
) -> list[Contradiction]:
    """All contradictions of a story: figures, attributions, negations, dates."""
    return (
        figure_conflicts(topics) + attribution_conflicts(quotes) + negations(claims) + date_conflicts(claims, articles)
    )
