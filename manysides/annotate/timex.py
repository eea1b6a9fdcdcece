"""Time expressions: find them in a text and normalise them against the publication date.

Values follow TIMEX3 (TempEval-3): `2016-12-04`, `2016-11`, `2016-W48`,
`2016-Q4`, `2016-SU`, `199` (the 1990s), `2016-12-04TMO`, `PRESENT_REF`...
A relative expression ("on Tuesday", "last week", "the day before") is
resolved against the anchor, the article's publication date; without an anchor
it keeps the TIMEX3 unknown digits (`XXXX-XX-XX`) rather than guessing. News
reports mostly what already happened, so a bare weekday or month points back,
unless the words around it speak of the future ("will", "next", "scheduled").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from manysides.models import TimeExpression, TimexType

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Rough month at which each season starts, to tell which was the last one.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3, "few": 3,
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
PRESENT = {"now", "currently", "nowadays", "at present", "at the moment", "right now", "presently", "current"}
PAST = {"recently", "at the time", "formerly", "lately"}
FUTURE = {"the future", "in the future"}
# A bare month at most this many months ahead is taken as the coming one ("Dec. 7" written in October).
NEAR_FUTURE_MONTHS = 2
FUTURE_CUE = re.compile(
    r"\b(will|'ll|shall|going to|next|scheduled|upcoming|plans? to|is expected to|are expected to|"
    r"is due to|are due to|will be)\b",
    re.IGNORECASE,
)
# 'would' looks ahead from the time of speaking, which may be before the publication: values stay read
# back from the publication (TempEval-3 scores are the same either way), an event's day is not taken.
REPORTED_FUTURE_CUE = re.compile(r"\bwould\b", re.IGNORECASE)
FUTURE_REACH = 60  # characters before an expression that may say it lies ahead

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"
_MOD = r"(?:(?P<mod>early|late|mid|the end of|the beginning of|the start of|the middle of|the first half of|the second half of)[\s-]+)?"  # noqa: E501
_REL = r"(?P<rel>this|last|next|past|coming|previous|the past|the last|the next|the coming|the previous|earlier this|later this|the same|that)"  # noqa: E501
_PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
_CLOCK = (
    r"(?P<hour>[012]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)"
    r"|(?P<hour24>[012]\d):(?P<minute24>[0-5]\d)(?:\s*(?:GMT|UTC|EST|EDT|CET|local time))?"
)
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few)"
_UNIT = r"(?P<unit>day|week|month|year|decade|quarter)s?"


@dataclass(frozen=True)
class _Found:
    type: TimexType
    value: str
    relative: bool
    confidence: float


Handler = Callable[[re.Match[str], dt.date | None, str], _Found | None]


def find_times(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    """Time expressions of `text` with TIMEX3 values; relative ones resolved against `anchor`."""
    spans = _match_all(text)
    found: list[TimeExpression] = []
    narrative = anchor
    for start, end, match, handler in spans:
        window = text[max(0, start - FUTURE_REACH) : start]
        base = narrative if _narrative(match) else anchor
        result = handler(match, base, window)
        if result is None:
            continue
        expression = TimeExpression(
            text=text[start:end],
            start=start,
            end=end,
            type=result.type,
            value=result.value,
            day=_day_of(result.value),
            relative=result.relative,
            confidence=result.confidence,
        )
        found.append(expression)
        if expression.day and not _narrative(match):
            narrative = expression.day
    return found


def _narrative(match: re.Match[str]) -> bool:
    """'the day before', 'the next day' count from the last date the text gave, not the publication."""
    rday = match.groupdict().get("rday") or ""
    return rday.lower().startswith(("the", "that"))


def _match_all(text: str) -> list[tuple[int, int, re.Match[str], Handler]]:
    """Longest non-overlapping matches over all patterns, in text order."""
    candidates = []
    for pattern, handler in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            while end > start and text[end - 1] in " ,":
                end -= 1
            if end > start:
                candidates.append((start, end, match, handler))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[tuple[int, int, re.Match[str], Handler]] = []
    for cand in candidates:
        if chosen and cand[0] < chosen[-1][1]:
            continue
        chosen.append(cand)
    return chosen


def _day_of(value: str) -> dt.date | None:
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def speaks_of_future(window: str, reported: bool = False) -> bool:
    """Whether the clause ending `window` (the text just before a time expression) speaks of the future;
    with `reported`, also the future of reported speech ('said talks would start on Tuesday')."""
    clauses = re.split(r"[.;!?]\s|\n", window)
    clause = clauses[-1] if len(clauses) > 1 else window
    return bool(FUTURE_CUE.search(clause) or (reported and REPORTED_FUTURE_CUE.search(clause)))


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


# --- handlers -----------------------------------------------------------------------------------


def _full_date(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'December 4, 2016', '4 December 2016', 'Dec. 4', 'December 2016', 'late August'."""
    month = _month_number(match["month"])
    year = match.groupdict().get("year")
    day = match.groupdict().get("day")
    groups = match.groupdict()
    if match["month"] == "May" and not (
        year or day or groups.get("mod") or groups.get("rel") or _month_context(window)
    ):
        return None
    if year:
        y = int(year)
    elif anchor:
        y = _year_for_month(month, anchor, window, match.groupdict().get("rel"))
    else:
        y = None
    ystr = str(y) if y else "XXXX"
    if day:
        d = int(day)
        if not 1 <= d <= 31:
            return None
        return _Found("DATE", f"{ystr}-{month:02d}-{d:02d}", not year, 1.0 if year else 0.85)
    return _Found("DATE", f"{ystr}-{month:02d}", not year, 0.9 if year else 0.7)


def _month_context(window: str) -> bool:
    """'May' is a month only next to date words (in May, since May, last May...)."""
    return bool(re.search(r"\b(in|since|until|by|of|from|through|and|or)\s+$", window))


def _year_for_month(month: int, anchor: dt.date, window: str, rel: str | None) -> int:
    if rel in {"last", "previous", "the last", "the previous", "past", "the past"}:
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel in {"next", "coming", "the next", "the coming"}:
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "this":
        return anchor.year
    if month == anchor.month:
        return anchor.year
    ahead = (month - anchor.month) % 12
    if speaks_of_future(window) or ahead <= NEAR_FUTURE_MONTHS:
        return anchor.year if month > anchor.month else anchor.year + 1
    return anchor.year if month < anchor.month else anchor.year - 1


def _numeric_date(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'2016-12-04', '12/04/2016', '11/02/89', '19980303'."""
    groups = match.groupdict()
    if groups.get("iso"):
        y, m, d = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    else:
        y = int(groups["uy"])
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        m, d = int(groups["um"]), int(groups["ud"])
    try:
        return _Found("DATE", dt.date(y, m, d).isoformat(), False, 1.0)
    except ValueError:
        return None


def _year_only(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'2016', 'in 1998', 'fiscal 1997'; numbers that count things are skipped."""
    return _Found("DATE", match["year"], False, 0.9)


def _decade(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'the 1990s' -> 199."""
    return _Found("DATE", match["decade"][:3], False, 0.9)


def _century(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'the 20th century' -> 19."""
    return _Found("DATE", f"{int(match['cent']) - 1:02d}", False, 0.9)


def _weekday(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'Tuesday', 'last Tuesday', 'Sunday night', '15:00 GMT Saturday'."""
    target = WEEKDAYS[match["weekday"].lower().rstrip("s")]
    rel = (match.groupdict().get("rel") or "").lower()
    if anchor is None:
        value = f"XXXX-WXX-{target + 1}"
    else:
        forward = rel in {"next", "coming", "this coming"} or (rel != "last" and speaks_of_future(window))
        value = _iso(_nearest_weekday(anchor, target, forward, rel == "last"))
    return _with_time(match, value, relative=True, confidence=0.8)


def _nearest_weekday(anchor: dt.date, target: int, forward: bool, strictly_past: bool) -> dt.date:
    delta = target - anchor.weekday()
    if forward:
        return anchor + dt.timedelta(days=delta % 7)
    back = (-delta) % 7
    if strictly_past and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def _with_time(match: re.Match[str], value: str, relative: bool, confidence: float) -> _Found:
    groups = match.groupdict()
    if groups.get("part"):
        return _Found("TIME", f"{value}T{PARTS_OF_DAY[groups['part'].lower()]}", relative, confidence)
    clock = _clock(groups)
    if clock:
        return _Found("TIME", f"{value}T{clock}", relative, confidence)
    return _Found("DATE", value, relative, confidence)


def _clock(groups: dict[str, str | None]) -> str | None:
    if groups.get("hour24"):
        return f"{int(groups['hour24'] or 0):02d}:{groups['minute24']}"
    if not groups.get("hour"):
        return None
    hour = int(groups["hour"] or 0) % 12
    if (groups.get("ampm") or "").lower().startswith("p"):
        hour += 12
    return f"{hour:02d}:{groups.get('minute') or '00'}"


def _clock_time(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'3 p.m.', '10:30 a.m.', '15:00 GMT' on the anchor day."""
    clock = _clock(match.groupdict())
    if clock is None:
        return None
    day = _iso(anchor) if anchor else "XXXX-XX-XX"
    return _Found("TIME", f"{day}T{clock}", True, 0.7)


def _relative_day(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'today', 'yesterday morning', 'tonight', 'last night', 'the day before', 'the next day'."""
    word = re.sub(r"\s+", " ", match["rday"].lower())
    offsets = {
        "today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
        "the day before": -1, "the previous day": -1, "the day after": 1, "the next day": 1,
        "the following day": 1, "the same day": 0, "that day": 0,
    }  # fmt: skip
    offset = offsets.get(word)
    if offset is None:
        return None
    if anchor is None:
        value = "XXXX-XX-XX"
    else:
        value = _iso(anchor + dt.timedelta(days=offset))
    if word == "tonight":
        return _Found("TIME", f"{value}TNI", True, 0.9)
    if word in {"this", "last"} and not match.groupdict().get("part"):
        return None
    # Counting from another date of the text is a guess at what the writer meant: lower confidence.
    confidence = 0.5 if _narrative(match) else 0.9
    return _with_time(match, value, relative=True, confidence=confidence)


def _relative_period(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'this week', 'last month', 'next year', 'the third quarter', 'this weekend', 'last summer'."""
    rel = (match.groupdict().get("rel") or "this").lower()
    period = match["period"].lower()
    step = _step(rel)
    if anchor is None:
        unknown = {"month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "quarter": "XXXX-QX"}
        return _Found("DATE", unknown.get(period, "XXXX"), True, 0.3)
    if period == "year":
        return _Found("DATE", str(anchor.year + step), True, 0.8)
    if period == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + step
        return _Found("DATE", f"{month_index // 12}-{month_index % 12 + 1:02d}", True, 0.8)
    if period in {"week", "weekend"}:
        value = _week(anchor + dt.timedelta(weeks=step))
        return _Found("DATE", value + ("-WE" if period == "weekend" else ""), True, 0.8)
    if period == "quarter":
        quarter = (anchor.month - 1) // 3 + step
        year = anchor.year + (quarter // 4)
        return _Found("DATE", f"{year}-Q{quarter % 4 + 1}", True, 0.7)
    if period in SEASONS:
        return _Found("DATE", _season(anchor, SEASONS[period], step), True, 0.7)
    if period == "decade":
        return _Found("DATE", str(anchor.year + 10 * step)[:3], True, 0.6)
    return None


def _step(rel: str) -> int:
    if rel in {"last", "past", "the past", "the last", "previous", "the previous"}:
        return -1
    if rel in {"next", "coming", "the next", "the coming"}:
        return 1
    return 0


def _season(anchor: dt.date, code: str, step: int) -> str:
    year = anchor.year
    if step < 0:
        # the last completed one: this year's if it started (and ended) before the anchor
        year = anchor.year if SEASON_START[code] + 3 <= anchor.month else anchor.year - 1
    elif step > 0:
        year = anchor.year if SEASON_START[code] > anchor.month else anchor.year + 1
    return f"{year}-{code}"


def _ordinal_quarter(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'the third quarter', 'third-quarter', 'the first quarter of 2013'."""
    quarter = ORDINALS[match["ord"].lower()]
    year = match.groupdict().get("qyear")
    if year:
        return _Found("DATE", f"{year}-Q{quarter}", False, 0.9)
    if anchor is None:
        return _Found("DATE", f"XXXX-Q{quarter}", True, 0.4)
    current = (anchor.month - 1) // 3 + 1
    y = anchor.year if quarter <= current or speaks_of_future(window) else anchor.year - 1
    return _Found("DATE", f"{y}-Q{quarter}", True, 0.7)


def _latest_quarter(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'the quarter', 'the latest quarter': the last quarter completed before the publication."""
    if anchor is None:
        return None
    index = anchor.year * 4 + (anchor.month - 1) // 3 - 1
    return _Found("DATE", f"{index // 4}-Q{index % 4 + 1}", True, 0.6)


def _this_weekend(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'the weekend': the weekend of the publication week."""
    if anchor is None:
        return None
    # Early in the week "the weekend" is the one just past; later, the coming one.
    day = anchor - dt.timedelta(weeks=1) if anchor.weekday() <= 2 else anchor
    return _Found("DATE", _week(day) + "-WE", True, 0.6)


def _ago(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'two years ago', 'three weeks earlier', 'a month later', 'five days from now'."""
    if anchor is None:
        return None
    number = NUMBER_WORDS.get(match["num"].lower()) or (int(match["num"]) if match["num"].isdigit() else 1)
    sign = -1 if match["dir"].lower() in {"ago", "earlier", "before"} else 1
    unit = match["unit"].lower()
    amount = sign * number
    if unit == "day":
        return _Found("DATE", _iso(anchor + dt.timedelta(days=amount)), True, 0.8)
    if unit == "week":
        return _Found("DATE", _week(anchor + dt.timedelta(weeks=amount)), True, 0.7)
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + amount
        return _Found("DATE", f"{index // 12}-{index % 12 + 1:02d}", True, 0.7)
    if unit == "year":
        return _Found("DATE", str(anchor.year + amount), True, 0.8)
    if unit == "decade":
        return _Found("DATE", str(anchor.year + 10 * amount)[:3], True, 0.6)
    return None


def _reference(match: re.Match[str], anchor: dt.date | None, window: str) -> _Found | None:
    """'now', 'currently' -> PRESENT_REF; 'recently', 'the past' -> PAST_REF; 'the future' -> FUTURE_REF."""
    word = re.sub(r"\s+", " ", match[0].lower())
    if word in PRESENT:
        return _Found("DATE", "PRESENT_REF", True, 0.6)
    if word in PAST:
        return _Found("DATE", "PAST_REF", True, 0.5)
    if word in FUTURE:
        return _Found("DATE", "FUTURE_REF", True, 0.5)
    return None


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_I = re.IGNORECASE
PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (
        _compile(
            r"\b(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))\b"
            r"|\b(?P<um>[01]?\d)/(?P<ud>[0-3]?\d)/(?P<uy>(?:19|20)?\d\d)\b"
        ),
        _numeric_date,
    ),
    (
        _compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MOD}(?:{_REL}\s+)?{_MONTH}(?:\s+{_DAY})?(?:,?\s+{_YEAR})?\b(?!\s*[-/]?\d)"),
        _full_date,
    ),
    (_compile(rf"\b{_MOD}{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b"), _full_date),
    (
        _compile(
            rf"\b(?:(?P<rel>last|next|this|this coming|coming)\s+)?{_WEEKDAY}"
            rf"(?:\s+{_PART}|(?:\s+at)?\s+(?:{_CLOCK}))?\b",
            _I,
        ),
        _weekday,
    ),
    (_compile(rf"\b(?:{_CLOCK})\s+(?:[A-Z]{{2,4}}\s+)?(?:on\s+)?{_WEEKDAY}\b"), _weekday),
    (
        _compile(
            rf"\b(?P<rday>today|tonight|yesterday|tomorrow|this|last|the day before|the previous day|"
            rf"the day after|the next day|the following day|the same day|that day)(?:\s+{_PART})?\b",
            _I,
        ),
        _relative_day,
    ),
    (
        _compile(
            rf"\b{_MOD}(?:{_REL}\s+)(?P<period>week|weekend|month|year|quarter|decade|spring|summer|fall|autumn|winter)\b",
            _I,
        ),
        _relative_period,
    ),
    (
        _compile(
            r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of\s+(?P<qyear>(?:19|20)\d\d))?\b",
            _I,
        ),
        _ordinal_quarter,
    ),
    (_compile(r"\bthe\s+(?:latest\s+|most recent\s+|recent\s+)?quarter\b", _I), _latest_quarter),
    (_compile(r"\bthe\s+weekend\b", _I), _this_weekend),
    (_compile(rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>ago|earlier|later|before|from now)\b", _I), _ago),
    (_compile(r"\b(?:the\s+)?(?P<decade>(?:1[6-9]|20)\d0)s\b"), _decade),
    (_compile(r"\b(?:the\s+)?(?P<cent>1[5-9]|2[01])(?:st|nd|rd|th)[\s-]+century\b", _I), _century),
    (
        _compile(
            r"\b(?:(?:early|late|mid|fiscal)[\s-]+)?(?P<year>(?:1[6-9]|20)\d\d)\b"
            r"(?![\d,.]\d|\s*(?:%|percent|people|troops|soldiers|civilians|tons|km|miles|dollars))"
        ),
        _year_only,
    ),
    (_compile(rf"(?<![\w:]){_CLOCK}", _I), _clock_time),
    (
        _compile(
            r"\b(?:right now|now|currently|nowadays|at present|at the moment|presently|recently|lately|"
            r"at the time|formerly|the future)\b",
            _I,
        ),
        _reference,
    ),
]
