"""Time expressions on the seed pages, normalised against their publication dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from manysides.annotate.timex import find_times, speaks_of_future
from manysides.models import TimeExpression

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _values(expressions: list[TimeExpression]) -> dict[str, str]:
    return {t.text: t.value for t in expressions}


def test_find_times_resolves_weekdays_and_late_august_in_the_live_blog() -> None:
    found = find_times(_seed("004").split("Related Posts")[0], dt.date(2016, 12, 4))
    values = _values(found)
    assert values["Saturday"] == "2016-12-03"
    assert values["Friday"] == "2016-12-02"
    assert values["late August"] == "2016-08"
    assert values["November 26"] == "2016-11-26"
    assert values["Last week"] == "2016-W47"
    saturday = next(t for t in found if t.text == "Saturday")
    assert saturday.day == dt.date(2016, 12, 3) and saturday.relative


def test_find_times_counts_the_day_before_from_the_date_just_given() -> None:
    found = find_times(_seed("001"), dt.date(2016, 11, 3))
    first = next(t for t in found if t.text == "November 4")
    before = next(t for t in found if t.text == "The day before")
    assert first.value == "2016-11-04"
    assert before.day == dt.date(2016, 11, 3)
    assert before.confidence < first.confidence
    assert "the day before" in _seed("001")[before.start - 200 : before.end].lower()


def test_find_times_tuesday_is_the_publication_day_of_seed_000() -> None:
    found = find_times(_seed("000"), dt.date(2016, 10, 18))
    assert _values(found)["Tuesday"] == "2016-10-18"


def test_find_times_without_a_date_does_not_guess() -> None:
    found = find_times("Russia will provide a safe passage this week, officials said on Tuesday.", None)
    assert _values(found) == {"this week": "XXXX-WXX", "Tuesday": "XXXX-WXX-2"}
    assert all(t.day is None for t in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It happened on 05 December, 2016.", "2016-12-05"),
        ("Talks are scheduled for next Monday.", "2016-12-05"),
        ("He spoke at 3 p.m. on Friday.", "2016-12-02T15:00"),
        ("Prices rose in the 1990s.", "199"),
        ("Sales fell two years ago.", "2014"),
        ("Output rose in the third quarter.", "2016-Q3"),
        ("They met last summer.", "2016-SU"),
        ("Nothing has changed now.", "PRESENT_REF"),
        ("The vote is due on 2016-12-10.", "2016-12-10"),
    ],
)
def test_find_times_values(text: str, value: str) -> None:
    found = find_times(text, dt.date(2016, 12, 4))
    assert found and found[0].value == value


def test_speaks_of_future_reads_the_last_clause_and_reported_speech_on_request() -> None:
    assert speaks_of_future("The corridor will close at noon on ")
    assert not speaks_of_future("It will rain. The corridor closed on ")  # the cue is in another sentence
    reported = "he said, indicating the talks would likely start on "  # seed 003
    assert not speaks_of_future(reported) and speaks_of_future(reported, reported=True)
