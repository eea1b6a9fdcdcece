"""name_key: spellings of one name meet, different names stay apart."""

from __future__ import annotations

import pytest

from manysides.annotate.names import name_key
from manysides.annotate.speakers import strip_titles


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nour al-Deen al-Zinki", "Nur al-Din al-Zinki"),
        ("Nur ad-Din", "Nour al-Deen"),
        ("the Syrian Army", "Syrian army"),
        ("Assad's", "Assad"),
        ("Jabhat al‑Nusra", "Jabhat el-Nusra"),
    ],
)
def test_names_key_joins_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Jaish al-Islam", "Jaish al-Sham"), ("Sergei Lavrov", "Igor Konashenkov")])
def test_names_key_keeps_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_names_strip_titles() -> None:
    assert strip_titles("Major General Igor Konashenkov") == "Igor Konashenkov"
    assert strip_titles("President") == "President"


def test_names_key_sun_letters_and_english_words() -> None:
    assert name_key("an-Nusra Front") == name_key("al-Nusra Front")
    assert name_key("Ahrar ash-Sham") == name_key("Ahrar al-Sham")
    assert name_key("Fighting at Dawn") == "fighting at dawn"
