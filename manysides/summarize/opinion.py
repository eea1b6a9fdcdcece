"""Signs that a sentence gives its writer's view rather than a report: what must stay attributed.

Neutral roundups state a reported development in their own words and credit views to whoever
holds them. A single-source sentence is a view when, outside quotation marks, it carries an
editorial marker or a loaded or evaluative word (the framing lexicons in `manysides/data/`), a
modal or hedge of speculation ('could', 'reportedly'), a judging adverb ('surprisingly'), the
writer's own first person, or ends as an exclamation or a question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from manysides.compare.lexicons import editorial_pattern, loaded_words
from manysides.summarize.naming import loaded_terms
from manysides.summarize.text import unquoted

SPECULATION = re.compile(
    r"(?<!\w)(?:could|would|may|might|should|must|likely|unlikely|apparently|reportedly|allege[sd]?|allegedly|"
    r"possibly|perhaps|probably|appears?|seems?|seemingly)(?!\w)",
    re.IGNORECASE,
)
JUDGING_ADVERB = re.compile(r"(?<!\w)\w{3,}ingly(?!\w)", re.IGNORECASE)  # 'surprisingly', 'stunningly'

FIRST_PERSON = re.compile(r"(?<!\w)(?:I|[Ww]e|[Oo]ur|[Uu]s|[Mm]y|[Mm]e)(?!\w)")  # 'US' is a country


@lru_cache(maxsize=1)
def _evaluative() -> tuple[frozenset[str], re.Pattern[str]]:
    """The framing lexicon as a set of single words and one pattern of its phrases."""
    words = loaded_words()
    phrases = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if " " in w)
    return frozenset(w for w in words if " " not in w), re.compile(rf"(?<!\w)(?:{phrases})(?!\w)")


def opinion_cues(text: str) -> list[str]:
    """The words that make the sentence read as a view in the writer's own voice (empty for a report)."""
    own = unquoted(text)
    lowered = own.lower()
    cues = [m.group(0) for m in editorial_pattern().finditer(lowered)]
    single, phrases = _evaluative()
    cues += [w for w in re.findall(r"\w+", lowered) if w in single] + phrases.findall(lowered)
    cues += loaded_terms(text)
    cues += [m.group(0) for m in SPECULATION.finditer(own)] + JUDGING_ADVERB.findall(own)
    cues += [m.group(0) for m in FIRST_PERSON.finditer(own)]
    if own.rstrip().rstrip("\"”’')").endswith(("!", "?")):
        cues.append(own.rstrip()[-1])
    return cues
