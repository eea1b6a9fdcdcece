"""Roles a single line reveals by its own shape: widgets, captions, bylines, datelines, footers.

Every pattern is vocabulary shared by many sites (currency amounts, calls to
action, comment-system buttons, photo credits, copyright lines), never one
outlet's own strings.
"""

from __future__ import annotations

import re
from datetime import date

from manysides.extract.dates import parse_date_line
from manysides.extract.lines import Line, ends_sentence, title_case_share
from manysides.models import BlockRole

_CURRENCY = "$€£¥₽₹"
_AMOUNT = re.compile(
    rf"^(?:[{_CURRENCY}]\s*\d[\d,.\s]*|\d[\d,.\s]*\s*(?:[{_CURRENCY}]|usd|eur|gbp|dollars?|euros?))$",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"^(?:support|donate|subscribe|sign up|sign in|log ?in|register|follow|share|tweet|email|print|"
    r"click|tap|download|join|become a (?:member|patron|supporter)|newsletter|advertisement|"
    r"accept|cookie|skip to|back to top|show more|load more)\b",
    re.IGNORECASE,
)
_CENTS = re.compile(r"\d[.,]\d{2}(?!\d)")
_READING_TIME = re.compile(r"^\d+\s*(?:-\s*\d+\s*)?(?:min(?:ute)?s?|m)\.?\s*(?:read|reading)$", re.I)
_COMMENT_WIDGET = re.compile(
    r"^(?:notify of|inline feedbacks?|view all comments|(?:newest|oldest|most voted)$|"
    r"(?:leave|post|add|write) (?:a |your )?(?:comment|reply|response)\s*:?$|(?:reply|report|flag|like)$|"
    r"(?:\d+ )?(?:comments?|responses?|replies)\s*(?:\(\d+\))?:?$|comments are closed|"
    r"join the (?:discussion|conversation)|you must be logged in|login to comment|"
    r"be the first to comment|would love your thoughts|.*please comment\b|"
    r"what (?:do )?you think\W*$|(?:have )?your (?:say|views|comments)\W*$|"
    r"(?:most recent |latest )?readers?'?’? (?:comments|views|reactions)\W*$)",
    re.IGNORECASE,
)
# Lines that talk to the reader about commenting, wherever they sit in a sentence.
_COMMENT_PROMPT = re.compile(
    r"\b(?:(?:click|tap) here|please|be the first) to (?:comment|post|reply|respond|have your say)\b|"
    r"\b(?:post|leave|add|send|submit|share|email) (?:your|a) (?:comments?|views|thoughts|reply|opinions?)\b|"
    r"\byour (?:views|say|comments) on this (?:story|article|post)\b|"
    r"\b(?:does not|doesn't|do not|don't) have any comments\b|\bno comments (?:yet|so far|have been)\b|"
    r"^(?:now )?(?:you(?:'re|’re| are) (?:now )?in|welcome to) the (?:\w+ )?(?:comments?|discussion|readers?'?) "
    r"(?:zone|section|area|forum)\b",
    re.IGNORECASE,
)
_MAX_PROMPT_WORDS = 60
_RELATED_HEADING = re.compile(
    r"^(?:related|recommended|see also|read more|also read|further reading|you (?:may|might) also like|"
    r"most (?:read|popular|viewed|shared)|"
    r"(?:related|more|latest|popular|trending|recommended|other|similar)\s+"
    r"(?:posts?|articles?|stories|news|coverage|content|reading|reads|on this (?:topic|story)|from [\w ]+))\s*:?$",
    re.IGNORECASE,
)
_RELATED_LINK = re.compile(r"^(?:see also|see|read more|read|also read|related|watch|listen)\s*:?\s+(.+)$", re.I)
_CAPTION_PREFIX = re.compile(
    r"^(?:photo|image|picture|pictured|graphic|illustration|file photo|caption|"
    r"(?:image|media|photo) (?:caption|source|credit))\s*[:|,–—-]\s*\S",
    re.I,
)
_CREDIT_END = re.compile(
    r"^(.*?)[\[(]\s*(?:(?i:photo|image|picture|credit|source)s?\s*:?\s*)?([A-Z][\w/&.,' -]{0,40})\s*[\])]$"
)
_TRAILING_CREDIT = re.compile(
    r"[.!?]\s+(?:(?:photo|picture|image|credit)s?:\s*[\w/&.' -]{1,40}|[A-Z][\w&.-]{1,15}/[A-Z][\w.' -]{1,30})$"
)
_PHOTO_CREDIT = re.compile(r"photo|getty|shutterstock|images?\b|pictures?\b", re.IGNORECASE)
_PROMO_VERB = re.compile(r"\b(?:subscribe|sign up|donate|become a (?:member|subscriber|supporter|patron))\b", re.I)
_PROMO_CUE = re.compile(
    r"\b(?:newsletter|briefing|our|us|today|now|here|free|a (?:week|month)|per month|membership)\b", re.I
)
_TIMESTAMP = re.compile(r"^(?:updated\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?$", re.IGNORECASE)
_MENU_SEPARATOR = re.compile(r"\s[|›»>/]\s")
_ADVERT = re.compile(r"\badvertisement\b|\bsponsored\b|\bad feedback\b", re.IGNORECASE)
_BRACKETED = re.compile(r"^[\[(][^\])]{1,60}[\])]$")
_BYLINE = re.compile(r"^(?:by|written by|words by|story by|author:?)\s+(.+)$", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"^(?:translated|edited|reported|compiled|photos?|illustrations?|video)\s+(?:and \w+\s+)?by\s+\S", re.I
)
_FOOTER = re.compile(
    r"(?:copyright\b|©|^\(c\)\s|\ball rights reserved\b|contributed to this report|"
    r"^(?:additional )?(?:reporting|editing|writing) by\b|"
    r"^this (?:article|story|piece) (?:was |first )?(?:originally )?(?:published|appeared)\b|"
    r"\bterms of (?:use|service)\b|\bprivacy policy\b)",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}|and|&)$")


def line_role(line: Line) -> BlockRole | None:
    """The role a line's own words give it, or None when only context can tell."""
    text = line.text
    words = line.words
    if _AMOUNT.match(text) or _READING_TIME.match(text):
        return "widget"
    if _BRACKETED.match(text) and len(words) <= 6:
        return "widget"
    if len(words) <= 8 and _CALL_TO_ACTION.match(text) and not ends_sentence(text):
        return "widget"
    if len(words) <= 15 and _PROMO_VERB.search(text) and _PROMO_CUE.search(text):
        return "widget"
    if len(words) <= 6 and _ADVERT.search(text):
        return "widget"
    if len(words) <= 12 and _COMMENT_WIDGET.match(text):
        return "widget"
    if is_caption(text):
        return "caption"
    if byline_author(text) is not None or (len(words) <= 8 and _CREDIT_LINE.match(text)):
        return "byline"
    if len(words) <= 25 and _FOOTER.search(text):
        return "footer"
    if len(words) <= 12 and _MENU_SEPARATOR.search(text) and not ends_sentence(text):
        return "navigation"
    if is_related_link(text):
        return "related"
    if dateline_date(text) is not None or is_timestamp(text):
        return "dateline"
    return None


def is_html_widget(line: Line) -> bool:
    """The widget lines safe to drop from extracted HTML text: buttons, comment-system UI.

    Bracketed lines stay: in HTML text they are as often citations or credits as buttons;
    so do lone amounts (a price), see `is_amount`.
    """
    text, words = line.text, line.words
    if _READING_TIME.match(text):
        return True
    if len(words) <= 4 and _CALL_TO_ACTION.match(text) and not ends_sentence(text):
        return True
    if len(words) <= _MAX_PROMPT_WORDS and _COMMENT_PROMPT.search(text):
        return True
    return len(words) <= 12 and bool(_COMMENT_WIDGET.match(text))


def is_timestamp(text: str) -> bool:
    """A line that is only a time of day, as live blogs stamp their entries ('17:45', '9.30am GMT')."""
    return bool(_TIMESTAMP.match(text))


def is_amount(text: str) -> bool:
    """A line that is only a sum of money, like a donation button ('2,500 $')."""
    return bool(_AMOUNT.match(text))


def is_price(text: str) -> bool:
    """An amount with cents ('143,17 €'): a price in a table, never a donation button."""
    return is_amount(text) and bool(_CENTS.search(text))


def is_section_end(line: Line) -> bool:
    """A heading after which a page holds only related links or comments."""
    return bool(_RELATED_HEADING.match(line.text) or _COMMENT_WIDGET.match(line.text)) and len(line.words) <= 8


def is_related_heading(text: str) -> bool:
    return bool(_RELATED_HEADING.match(text))


def is_caption(text: str) -> bool:
    """A photo caption: 'PHOTO: ...', or a short line ending in a credit like '[AFP]',
    '(Photo: X)', '. Photo: X' or '. AGENCY/Photographer'."""
    if _CAPTION_PREFIX.match(text):
        return True
    if len(text.split()) <= 45 and _TRAILING_CREDIT.search(text):
        return True
    match = _CREDIT_END.match(text)
    if not match or len(text.split()) > 45:
        return False
    before, credit = match.group(1).strip(), match.group(2)
    if not before or len(credit.split()) > 4:
        return False
    return not ends_sentence(before) or bool(_PHOTO_CREDIT.search(credit))


def is_related_link(text: str) -> bool:
    """'See ...', 'Read more: ...' followed by a headline, not a sentence."""
    match = _RELATED_LINK.match(text)
    if not match or ends_sentence(text):
        return False
    rest = match.group(1)
    if len(rest.split()) > 25:
        return False
    labelled = ":" in text[: match.start(1)]  # 'Read more: ...' needs no title case; bare 'See ...' does
    return labelled or title_case_share(rest) >= 0.6


def byline_parts(text: str) -> list[str]:
    """A byline cut at its separators: 'By X, Chief Reporter | Sunday 9 March 2025'."""
    return [part.strip() for part in re.split(r"\s[|·•]\s|\s[–—]\s", text) if part.strip()]


def byline_author(text: str) -> str | None:
    """The name in a byline such as 'by Jane Doe' or 'By J. Doe and A. Roe', else None.

    A role after a comma ('By Rick Danner, Chief Reporter') and a date after a bar are left out.
    """
    first = byline_parts(text)[0] if byline_parts(text) else text
    name = _byline_name(first)
    if name is None and "," in first:
        name = _byline_name(first.split(",")[0])
    return name


def _byline_name(text: str) -> str | None:
    match = _BYLINE.match(text.strip())
    if not match:
        return None
    name = match.group(1).strip().rstrip(",.;")
    tokens = name.replace(",", " ").split()
    if not 1 <= len(tokens) <= 8 or not all(_NAME_WORD.match(t) for t in tokens):
        return None
    if not tokens[0][0].isupper():
        return None
    return name


def dateline_date(text: str) -> date | None:
    """The date on a line that holds only a date (and maybe 'Published', a weekday, a time)."""
    if len(text.split()) > 9:
        return None
    return parse_date_line(text)


def is_attribution(text: str) -> bool:
    """A '- Name' line that credits the pull quote above it."""
    if not re.match(r"^[-–—―]\s*\S", text):
        return False
    rest = text.lstrip("-–—― ").strip()
    return 1 <= len(rest.split()) <= 8 and not ends_sentence(rest)
