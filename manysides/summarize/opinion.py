"""Signs that a sentence gives its writer's view rather than a report: what must stay attributed.

Neutral roundups state a reported development in their own words and credit views to whoever
holds them. A single-source sentence is a view when, outside quotation marks, it carries an
editorial marker or a loaded or evaluative word (the framing lexicons in `manysides/data/`), a
modal or hedge of speculation ('could', 'reportedly'), the writer's own first person, or ends
as an exclamation or a question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from manysides.compare.lexicons import editorial_pattern, loaded_words
from manysides.summarize.naming import loaded_terms
from manysides.summarize.text import unquoted

SPECULATION = re.compile(
    r"(?<!\w)(?:could|would|may|might|should|must|likely|unlikely|apparently|reportedly|allegedly|possibly|"
    r"perhaps|probably|appears?|seems?|seemingly)(?!\w)",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"(?<!\w)(?:I|[Ww]e|[Oo]ur|[Uu]s|[Mm]y|[Mm]e)(?!\w)")  # 'US' is a country


@lru_cache(maxsize=1)
def _evaluative() -> re.Pattern[str]:
    words = sorted(loaded_words(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def opinion_cues(text: str) -> list[str]:
    """The words that make the sentence read as a view in the writer's own voice (empty for a report)."""
    own = unquoted(text)
    cues = [m.group(0) for m in editorial_pattern().finditer(own.lower())]
    cues += [m.group(0) for m in _evaluative().finditer(own)]
    cues += loaded_terms(text)
    cues += [m.group(0) for m in SPECULATION.finditer(own)]
    cues += [m.group(0) for m in FIRST_PERSON.finditer(own)]
    if own.rstrip().rstrip("\"”’')").endswith(("!", "?")):
        cues.append(own.rstrip()[-1])
    return cues
