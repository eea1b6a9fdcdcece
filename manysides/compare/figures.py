"""Figures in an article: the number, what it counts, its unit, the range its wording allows.

The one place figures are found: `compare.contradictions` aligns them into topics with verdicts,
`stories.figures` turns those topics into series to chart."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

from manysides.annotate.timex import find_times
from manysides.compare.lexicons import figure_words
from manysides.models import Article, Figure, TimeExpression
from manysides.stories.timeline import sentence_spans

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
FRACTIONS = {
    "half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3, "two thirds": 2 / 3,
    "two-thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75,
    "three-quarters": 0.75,
}  # fmt: skip
# Vague magnitudes: "tens of thousands" is 20,000 to 99,999 by the usual reading.
VAGUE = {
    "tens of thousands": (20_000.0, 99_999.0), "hundreds of thousands": (200_000.0, 999_999.0),
    "thousands": (2_000.0, 9_999.0), "hundreds": (200.0, 999.0), "dozens": (24.0, 99.0),
    "millions": (2e6, 9.99e6),
}  # fmt: skip
# How far each qualifier lets the true value lie from the number given.
QUALIFIERS = {
    "about": (0.8, 1.2), "around": (0.8, 1.2), "approximately": (0.8, 1.2), "roughly": (0.8, 1.2),
    "some": (0.8, 1.2), "an estimated": (0.8, 1.2), "estimated": (0.8, 1.2), "nearly": (0.85, 1.0),
    "almost": (0.85, 1.0), "more than": (1.0, math.inf), "over": (1.0, math.inf), "at least": (1.0, math.inf),
    "up to": (0.0, 1.0), "less than": (0.0, 1.0), "fewer than": (0.0, 1.0), "under": (0.0, 1.0),
}  # fmt: skip
EXACT_SLACK = (0.98, 1.02)
EVENT_REACH = 80  # characters between a number and the event word it counts  # "21,000" is a rounded figure too

_WORDNUM = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,/:-])(?:(?P<vague>tens of thousands|hundreds of thousands|thousands|hundreds|dozens|millions)"
    r"|(?P<frac>" + "|".join(re.escape(f) for f in sorted(FRACTIONS, key=len, reverse=True)) + r")"
    r"|(?P<slash>\d+/\d+)(?!/)"
    r"|(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<pct>\s?%|\s(?:per\s?cent|percent))?"
    r"|(?P<word>(?:" + _WORDNUM + r")(?:-(?:" + _WORDNUM + r"))?))(?![\w/])",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"(?:" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$", re.IGNORECASE)
_BASELINE = re.compile(r"\bsince\s+((?:mid-|late\s|early\s)?[A-Z][a-z]+(?:\s\d{1,2})?)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Time expressions are found to skip their numbers; their spans do not depend on the day, but 'two years
# ago' is only reported with a day to count from.
_ANY_DAY = dt.date(2000, 1, 1)


def find_figures(article: Article) -> list[Figure]:
    """Every figure in the article's sentences that counts something, with the range its wording allows."""
    figures = []
    for sentence in sentence_spans(article):
        text = article.body[sentence.start : sentence.end]
        numbers = list(_NUMBER.finditer(text))
        times = find_times(text, article.date.value or _ANY_DAY) if numbers else []
        for match in numbers:
            if _in_time(match, times):
                continue
            figure = _figure(article, text, sentence.start, match)
            if figure is not None:
                figures.append(figure)
    return figures


def _in_time(match: re.Match[str], times: Sequence[TimeExpression]) -> bool:
    """A number inside a time expression ('4 December', 'in 2016', '3 p.m.') is a date, not a figure."""
    return any(t.start <= match.start() and match.end() <= t.end for t in times)


def _figure(article: Article, sentence: str, offset: int, match: re.Match[str]) -> Figure | None:
    before, after = sentence[: match.start()], sentence[match.end() :]
    if _is_label(match, after):
        return None
    parsed = _value(match)
    if parsed is None:
        return None
    value, low, high, unit = parsed
    qualifier = _QUALIFIER.search(before)
    start = offset + (qualifier.start() if qualifier else match.start())
    if qualifier and not match.group("vague"):
        lo, hi = QUALIFIERS[qualifier.group(0).strip().lower()]
        low, high = value * lo, min(value * hi, 1.0) if unit == "share" else value * hi
    counted, topic, unit = _counted(sentence, match, unit)
    if not topic:
        return None
    baseline = _BASELINE.search(after)
    return Figure(
        article_id=article.id,
        outlet=article.outlet,
        date=article.date.value,
        value=value,
        low=low,
        high=None if math.isinf(high) else high,
        qualifier=qualifier.group(0).strip().lower() if qualifier else "",
        unit=unit,
        counted=counted,
        topic=topic,
        text=article.body[start : offset + match.end()],
        start=start,
        end=offset + match.end(),
        sentence=sentence,
        baseline=f"since {baseline.group(1)}" if baseline else "",
    )


def _is_label(match: re.Match[str], after: str) -> bool:
    """'7-year-old', 'five-year civil war': an age or a duration; 'one of the': a pronoun; "9 o'clock"."""
    if re.match(r"-(?:year|month|day|week|hour)|\s*o'clock", after):
        return True
    return bool(match.group("word") and re.match(r"\s+of\s+(?:the|them|those|these)\b", after))


def _value(match: re.Match[str]) -> tuple[float, float, float, str] | None:
    """(value, low, high, unit) of a number as written, before any qualifier."""
    if match.group("vague"):
        low, high = VAGUE[match.group("vague").lower()]
        return (low + high) / 2, low, high, ""
    if match.group("frac"):
        value = FRACTIONS[match.group("frac").lower().replace("-", " ").replace("one third", "a third")]
        return value, value * 0.95, value * 1.05, "share"
    if match.group("slash"):
        num, den = (int(x) for x in match.group("slash").split("/"))
        if den == 0 or num >= den:
            return None
        return num / den, num / den * 0.95, num / den * 1.05, "share"
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        if match.group("pct"):
            return value / 100, value / 100 * 0.98, min(1.0, value / 100 * 1.02), "share"
        return value, value * EXACT_SLACK[0], value * EXACT_SLACK[1], ""
    word = match.group("word").lower()
    value = float(sum(WORD_NUMBERS[p] for p in word.split("-")))
    return value, value, value, ""


def _counted(sentence: str, match: re.Match[str], unit: str) -> tuple[str, str, str]:
    """(what is counted, alignment key, unit) from the words after the number and the sentence's event."""
    words = figure_words()
    event = _event(sentence, match.start(), match.end(), words["event"])
    if unit == "share":
        what = re.match(r"\s*(?:of\s+)?((?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3})", sentence[match.end() :])
        return f"share {event or 'of'} {what.group(1) if what else ''}".strip(), f"share|{event}", "share"
    following = _WORD.findall(sentence[match.end() : match.end() + 60])[:5]
    # "the number of people who have fled ... has risen to 8,500": what is counted comes first
    number_of = re.search(r"\bnumber\s+of\s+([A-Za-z]+)", sentence[: match.start()])
    for word in following + ([number_of.group(1)] if number_of else []):
        lowered = word.lower()
        if lowered in words["unit"]:
            return f"{words['unit'][lowered]} {event}".strip(), f"{words['unit'][lowered]}|{event}", lowered
        if lowered in words["person"]:
            who = words["person"][lowered]
            return f"{lowered} {event or ''}".strip(), f"{who}|{event}" if event else "", who
    return "", "", unit


def _event(sentence: str, start: int, end: int, events: dict[str, str]) -> str:
    """The event word nearest the number within a clause's reach, e.g. 'flee' for 'fled'."""
    best, best_distance = "", EVENT_REACH
    for word in _WORD.finditer(sentence):
        key = events.get(word.group(0).lower())
        if key:
            distance = word.start() - end if word.start() >= end else start - word.end()
            if distance < best_distance:
                best, best_distance = key, distance
    return best
