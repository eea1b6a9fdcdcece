"""Quotes credited without a known reporting verb beside them: tag clauses, name labels, a report just before."""

from __future__ import annotations

from pathlib import Path

import pytest

from manysides.annotate import annotate, cue_verbs
from manysides.models import Article, Quote


def quotes_in(body: str) -> dict[str, Quote]:
    """The quotes of a small hand-made article, by their first four words."""
    article = annotate([Article(id="x", page_id="x", source="test", outlet="Test", body=body)])[0]
    return {" ".join(q.text.split()[:4]): q for q in article.quotes}


@pytest.mark.parametrize(
    ("body", "words", "speaker"),
    [
        # A short clause after the quote, with a verb no list holds.
        (
            "Senator Jon Tester spoke first.\n\n"
            "“Why is this bank still too big to manage?” Senator David Vitter demanded.",
            "Why is this bank",
            "David Vitter",
        ),
        ("“This is not the end of the road for our party,” mused the host, Stu Burguiere.", "This is not the", "Stu"),
        # A short clause before the quote, ending in a comma.
        (
            "At the gala, Sarah Silverman interjected, “Ladies and gentlemen, please welcome Paul Simon.”",
            "Ladies",
            "Sarah",
        ),
        # A name label before a colon.
        ("Hillary Clinton: “Our goal is not to contain the group but to defeat it.”", "Our goal is not", "Clinton"),
        # The sentence before the quote reports speech and has no quote of its own.
        (
            "Iowa pollster Ann Selzer agreed. “Mainstream Republicans are running out of time here.”",
            "Mainstream Republicans are running",
            "Ann Selzer",
        ),
        (
            "Governor Mark Dayton said the plan would pass.\n\n“We have the votes and we will use them tomorrow.”",
            "We have the votes",
            "Mark Dayton",
        ),
        # An intro paragraph whose sentence the parser runs on into the quote.
        (
            "On July 6, Bernie Sanders made the following comment:\n\n"
            "“For young people who have dropped out of high school, the rate is 51 percent.”",
            "For young people who",
            "Bernie Sanders",
        ),
        # Climbing from a participle to the clause with the subject.
        (
            "Donald Trump explained the headline by saying: “It was because I asked the country to pray.”",
            "It was because I",
            "Donald Trump",
        ),
        (
            "The ad shows footage of Hillary Clinton asking, “Why am I not fifty points ahead of him?”",
            "Why am I not",
            "Clinton",
        ),
    ],
)
def test_cues_credit_the_speaker(body: str, words: str, speaker: str) -> None:
    quote = next(q for k, q in quotes_in(body).items() if k.startswith(words))
    assert quote.kind == "direct"
    assert quote.speaker is not None and speaker in quote.speaker


def test_cues_quoted_title_is_not_the_subject() -> None:
    body = (
        "“He is absolutely right about the generals and the military,” Michael Flynn, a top surrogate, "
        "said Thursday on Fox News’s “Fox and Friends.”"
    )
    quote = quotes_in(body)["He is absolutely right"]
    assert quote.speaker == "Michael Flynn"


def test_cues_straight_mark_closed_by_a_curly_one() -> None:
    body = '"Oz has a huge bully pulpit behind him,” said David Gorski, a surgeon. “He can dispense with facts.”'
    quotes = quotes_in(body)
    assert quotes["Oz has a huge"].text == "Oz has a huge bully pulpit behind him"
    assert quotes["Oz has a huge"].speaker == "David Gorski"


def test_cues_no_credit_from_a_sentence_that_only_ends_a_quote() -> None:
    # A quote closed by a full stop is not followed by a credit clause: "The crowd cheered" says nothing.
    body = "“We will win this state and then the next one.” The crowd cheered loudly."
    quote = quotes_in(body)["We will win this"]
    assert quote.speaker is None


def test_cues_long_subject_is_cut_at_its_description() -> None:
    body = (
        "“It is crazy that nobody else is trying to win,” said Stuart Stevens, who took direct aim at "
        "Senator Marco Rubio of Florida, long viewed by many within the leadership of the party as their best "
        "chance to overtake the front runner in the primaries and in the general election that follows in the "
        "autumn of the year."
    )
    quote = quotes_in(body)["It is crazy that"]
    assert quote.speaker == "Stuart Stevens"
    assert quote.speaker_mention == "Stuart Stevens"


def test_cues_dash_credit_a_blank_line_below() -> None:
    body = (
        "“Almost all new income and wealth is going to the top one percent of the country.”\n\n"
        "- Bernie Sanders.\n\n"
        "“The senator relies on an outdated statistic from a year when the numbers were different.”\n\n"
        "- Trump leads in the polls\n"
    )
    quotes = quotes_in(body)
    assert quotes["Almost all new income"].speaker == "Bernie Sanders"
    # A dash line that is not all a name credits nothing.
    assert quotes["The senator relies on"].speaker is None


def test_cues_pronoun_is_the_subject_not_a_person_named_in_passing() -> None:
    body = (
        "“We have had problems with intrusions before,” President Barack Obama said after meeting "
        "Russian President Vladimir Putin. He did not suggest retaliation. "
        "“Our goal is not to start a cycle of escalation,” he said."
    )
    assert quotes_in(body)["Our goal is not"].speaker == "Barack Obama"


def test_cues_the_one_told_or_asked_is_not_the_speaker() -> None:
    body = (
        "Governor Rick Snyder seemed unimpressed on Tuesday, telling reporters, “A lot of people said that.”\n\n"
        "Senator Bernie Sanders was asked by host Bill Maher, “Did you really say all of that?”\n\n"
        "When Donald Trump suggested that Cuba would sue, Marco Rubio fired back: “If they sue us in Miami, "
        "they are going to lose.”"
    )
    quotes = quotes_in(body)
    assert quotes["A lot of people"].speaker == "Rick Snyder"
    assert quotes["Did you really say"].speaker == "Bill Maher"
    assert quotes["If they sue us"].speaker == "Marco Rubio"


def test_cues_learned_verbs_credit_their_complement() -> None:
    body = (
        "Donald Trump attacked Alicia Machado in a series of early morning posts.\n\n"
        "Hillary Clinton plans to raise taxes on the richest households.\n\n"
        "The river rose to record heights in the spring."
    )
    quotes = quotes_in(body)
    attacked = quotes["Alicia Machado"]
    assert (attacked.kind, attacked.speaker, attacked.cue) == ("indirect", "Donald Trump", "attacked")
    # Verbs PolNeAR does not credit stay out: a river says nothing.
    assert not any("record heights" in q.text for q in quotes.values())


def test_cues_learned_table_is_read_from_what_tuning_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cue_verbs, "CUE_VERBS", tmp_path / "cue_verbs.tsv")
    try:
        text = "Senator Ann Lowe decried the budget cuts in a speech on Monday."
        cue_verbs.write_learned({}, 0.5)
        assert quotes_in(text) == {}  # 'decry' is no reporting verb of ours until tuning learns it
        cue_verbs.write_learned({"decry": frozenset({"dobj", "prep:as"})}, 0.5)
        assert cue_verbs.learned_verbs() == {"decry": frozenset({"dobj", "prep:as"})}
        assert "at least 0.5" in (tmp_path / "cue_verbs.tsv").read_text()
        assert [q.speaker for q in quotes_in(text).values() if q.text.startswith("the budget cuts")] == ["Ann Lowe"]
    finally:
        cue_verbs.learned_verbs.cache_clear()  # the package's table again for the other tests


def test_cues_colon_label_with_party_in_brackets_and_a_reversed_closing_mark() -> None:
    body = (
        "Rep. Trey Gowdy (R-S.C.):“I have not heard anyone other than you ever cite that figure.”\n\n"
        "“The reality is that losing both states could create real problems here,“ said Jim Clyburn."
    )
    quotes = quotes_in(body)
    assert quotes["I have not heard"].speaker_mention == "Rep. Trey Gowdy"
    assert quotes["The reality is that"].speaker == "Jim Clyburn"


def test_cues_a_verb_leading_into_the_next_quote_is_not_this_ones() -> None:
    body = (
        "“We are refugees,” Amina Alawee said. “We are not terrorists at all.” Abdullah Zahed said: "
        "“The attack that happened today is the work of terrorists.”"
    )
    quotes = quotes_in(body)
    assert quotes["We are not terrorists"].speaker == "Amina Alawee"
    assert quotes["The attack that happened"].speaker == "Abdullah Zahed"


def test_cues_short_speech_in_capitals_is_not_a_title() -> None:
    body = (
        "“Can we win Illinois?” Paul Manafort asked. “I don't know. But we can make them spend money there.”\n\n"
        "Mr. Trump said on Twitter: “Hillary Clinton has announced that she is letting her husband campaign.”\n\n"
        "She read “The Art of the Deal” on the plane."
    )
    quotes = quotes_in(body)
    assert quotes["Can we win Illinois?"].speaker == "Paul Manafort"
    assert quotes["I don't know. But"].speaker == "Paul Manafort"
    # A channel before a colon is not a name label.
    assert quotes["Hillary Clinton has announced"].speaker_mention == "Mr. Trump"
    assert not any(q.text.startswith("The Art") for q in quotes.values())


def test_cues_name_lines_and_a_line_opened_by_a_closing_mark() -> None:
    body = (
        "Pat Caddell: Democrat Voters Worried About Hillary Clinton’s Health Issues\n\n"
        "Update: the story was changed on Friday to add the latest figures.\n\n"
        "”Fear. I am truly afraid that Donald Trump will win this election.” ― Edwin G. Monroy\n"
    )
    quotes = quotes_in(body)
    caddell = quotes["Democrat Voters Worried About"]
    assert (caddell.kind, caddell.speaker) == ("block", "Pat Caddell")
    assert caddell.text.startswith("Democrat Voters")
    # A label that names nobody the article knows is not a speaker.
    assert not any(q.text.startswith("the story was changed") for q in quotes.values())
    assert quotes["Fear. I am truly"].speaker == "Edwin G. Monroy"


@pytest.mark.parametrize(
    ("body", "words", "mention"),
    [
        # "He added," starts a new sentence and leads into the next quote, not back into this one.
        (
            "Later Ben Brafman replied, “This was one of my finest moments in thirty years of work.” "
            "He added, “I will also have great joy in telling the story.”",
            "This was one of",
            "Ben Brafman",
        ),
        # The lead into the quote beats a reporting verb in the sentence after it.
        (
            "Senator Shelley Moore Capito called over her shoulder, “His comments are not helping the party.” "
            "But Ms. Capito also said in an interview that the economy mattered more.",
            "His comments are not",
            "Senator Shelley Moore Capito",
        ),
        # A name as the object of a preposition before 'saying' is spoken about.
        (
            "Mitch McConnell deflected questions about Donald Trump before saying, “It is time to quit attacking "
            "the people you competed with.”",
            "It is time to",
            "Mitch McConnell",
        ),
        # A label after a dash and a non-breaking space.
        (
            "Turnout matters - Michael P. McDonald:\xa0“At long last the contests have started and we have data.”",
            "At long last the",
            "Michael P. McDonald",
        ),
    ],
)
def test_cues_which_words_name_the_speaker(body: str, words: str, mention: str) -> None:
    quote = next(q for k, q in quotes_in(body).items() if k.startswith(words))
    assert quote.speaker_mention == mention


def test_cues_a_clause_after_the_verb_is_not_the_speaker() -> None:
    body = "Donald Trump told a rally, saying Hillary Clinton would “abolish the second amendment for good.”"
    quote = quotes_in(body)["abolish the second amendment"]
    assert quote.speaker_mention != "Hillary Clinton would"


def test_cues_a_quoted_name_with_a_particle_is_no_quote() -> None:
    # Seed 002 names groups in quotes; "ad-Din" is part of the name, not speech credited to Turkey.
    body = "Turkey has taken the decision to abandon affiliated groups such as “Nur ad-Din” in Aleppo, officials said."
    assert not any(q.text == "Nur ad-Din" for q in quotes_in(body).values())
