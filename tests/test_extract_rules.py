"""The roles single lines reveal on their own, on wording from many outlets (none is one site's string)."""

from __future__ import annotations

import pytest

from manysides.extract.lines import Line, unbox_rows
from manysides.extract.textrules import byline_author, is_html_widget, line_role


def role(text: str) -> str | None:
    return line_role(Line(0, text, 0, True, True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€ 25", "widget"),
        ("1,000 $", "widget"),
        ("Donate now", "widget"),
        ("Sign up for our daily newsletter", "widget"),
        ("Story continues below advertisement", "widget"),
        ("5 min read", "widget"),
        ("[Click to enlarge]", "widget"),
        ("View all comments", "widget"),
        ("Protesters march in Paris on Tuesday. (AP Photo/Michel Euler)", "caption"),
        ("Image caption, Rescue workers at the site of the blast", "caption"),
        ("Smoke rises over the harbour [Reuters]", "caption"),
        ("By Jane Doe and John Roe", "byline"),
        ("Translated by Captain Ahab", "byline"),
        ("Published: 12 March 2019", "dateline"),
        ("Tuesday, December 6, 2016 10:42 am", "dateline"),
        ("Copyright © 2019 Example Media. All rights reserved.", "footer"),
        ("Additional reporting by Sam Lee; Editing by Ann Ko", "footer"),
        ("Read more: Talks collapse over border dispute", "related"),
        ("See also: Why the port matters", "related"),
        ("The minister said the talks would resume on Monday, by which time both sides hope to agree.", None),
        ("Follow the money, he said.", None),
        ("Support for the plan has grown among farmers in the north over the past year.", None),
    ],
)
def test_extract_rules_line_roles(text: str, expected: str | None) -> None:
    assert role(text) == expected


def test_extract_rules_byline_author_needs_a_name() -> None:
    assert byline_author("by Elijah J.Magnier") == "Elijah J.Magnier"
    assert byline_author("By Maria Lindqvist, Tom Okafor") == "Maria Lindqvist, Tom Okafor"
    assert byline_author("by the end of the week the talks had failed") is None


@pytest.mark.parametrize(
    ("text", "widget"),
    [
        ("Click Here to Comment on This Article", True),
        ("This article does not have any comments associated with it", True),
        ("Note: Please post your comments regarding our articles using the above link.", True),
        ("Your views on this story? Email the newsdesk", True),
        ("What do you think?", True),
        ("Have your say", True),
        ("The minister declined to comment on the article when reached on Tuesday.", False),
        ("Critics said the report left no comments on the budget unanswered.", False),
    ],
)
def test_extract_rules_comment_prompts_are_html_widgets(text: str, widget: bool) -> None:
    assert is_html_widget(Line(0, text, 0, True, True)) is widget


def test_extract_rules_table_rows_of_one_cell_become_text() -> None:
    text = "|  |  | Empires are built on men like him |\n|  |  |\n| Name | Goals |\n| Ann \\| Bo | 3 |"
    assert unbox_rows(text).split("\n") == [
        "Empires are built on men like him",
        "",
        "| Name | Goals |",
        "| Ann \\| Bo | 3 |",
    ]
