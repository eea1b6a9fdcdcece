"""Publication dates read from a dateline, a URL or the page markup; never guessed."""

from __future__ import annotations

import re
from datetime import date, datetime

from manysides.models import Page, PubDate

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PREFIX = r"(?:(?:published|posted|updated|last updated|first published|date)\s*(?:on|:)?\s*)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
_TIME = r"(?:[\s,|-]*(?:at\s*)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DAY_MONTH_YEAR = re.compile(
    rf"^{_PREFIX}{_WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}}){_TIME}\.?$", re.I
)
_MONTH_DAY_YEAR = re.compile(
    rf"^{_PREFIX}{_WEEKDAY}({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}\.?$", re.I
)
_ISO = re.compile(rf"^{_PREFIX}(\d{{4}})-(\d{{2}})-(\d{{2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?\S*)?{_TIME}$", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|-|_|$)")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_line(text: str) -> date | None:
    """The date when `text` is nothing but a date (in a common English or ISO form)."""
    text = text.strip()
    if match := _DAY_MONTH_YEAR.match(text):
        day, month, year = match.groups()
        return _safe_date(int(year), _MONTHS[month.lower()], int(day))
    if match := _MONTH_DAY_YEAR.match(text):
        month, day, year = match.groups()
        return _safe_date(int(year), _MONTHS[month.lower()], int(day))
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _safe_date(int(year), int(month), int(day))
    return None


_WIRE_DATELINE = re.compile(
    rf"^[A-Z][A-Z'’. -]+(?:,\s*[A-Z][\w'’. -]+)?,\s*(\d{{1,2}}\s+(?:{_MONTH})\.?,?\s+\d{{4}}|"
    rf"(?:{_MONTH})\.?\s+\d{{1,2}},?\s+\d{{4}})\s*(?:\([^)]{{1,30}}\))?\s*[–—-]",
    re.I,
)


def wire_dateline(text: str) -> tuple[date, str] | None:
    """The date of a wire dateline opening a paragraph: 'KESSA, Sarvenia, 4 March 2025 (CPA) – ...'."""
    match = _WIRE_DATELINE.match(text)
    if not match:
        return None
    found = parse_date_line(match.group(1))
    return (found, match.group(0)) if found else None


def date_from_url(url: str | None) -> date | None:
    """A full year/month/day in the URL path; a year and month alone is not a date."""
    if not url:
        return None
    for pattern in (_URL_DATE, _URL_COMPACT):
        if match := pattern.search(url):
            found = _safe_date(*(int(g) for g in match.groups()))
            if found and found <= date.today():
                return found
    return None


def given_date(page: Page) -> PubDate | None:
    """The date a manifest or a JSONL record gave for the page, if any."""
    if page.date is None:
        return None
    from_record = bool(re.search(r":\d+$", page.source))
    return PubDate(value=page.date, source="input" if from_record else "manifest", evidence=str(page.date))


def markup_date(value: str | None) -> PubDate | None:
    """A date found by the HTML metadata reader (trafilatura/htmldate), as YYYY-MM-DD."""
    if not value:
        return None
    try:
        found = datetime.strptime(value[:10], "%Y-%m-%d").date()
    except ValueError:
        return None
    return PubDate(value=found, source="markup", evidence=value)


def resolve_date(page: Page, *candidates: PubDate | None) -> PubDate:
    """The first known date among: the input's, the URL's, `candidates` in order, the capture date."""
    if (given := given_date(page)) is not None:
        return given
    if (from_url := date_from_url(page.url)) is not None:
        return PubDate(value=from_url, source="url", evidence=page.url or "")
    for candidate in candidates:
        # A dateline in the future (a typo, "2203") is not a publication date.
        if candidate is not None and candidate.known and candidate.value and candidate.value <= date.today():
            return candidate
    if page.captured is not None and page.captured <= date.today():
        # An upper bound, labelled as such: the page existed when the crawler saw it.
        return PubDate(value=page.captured, source="capture", evidence=f"captured {page.captured}")
    return PubDate()
