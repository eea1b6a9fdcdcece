"""Page metadata that needs no markup: the domain, an outlet name, the language."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"})
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "that",
            "for",
            "it",
            "with",
            "was",
            "on",
            "as",
            "are",
            "by",
            "this",
            "from",
            "have",
            "be",
            "at",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "und",
            "das",
            "ist",
            "nicht",
            "mit",
            "den",
            "von",
            "zu",
            "ein",
            "eine",
            "auf",
            "für",
            "sich",
            "dem",
            "des",
            "im",
            "auch",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "des",
            "est",
            "une",
            "que",
            "pour",
            "dans",
            "qui",
            "pas",
            "sur",
            "au",
            "du",
            "avec",
            "ce",
            "il",
            "sont",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "que",
            "de",
            "y",
            "en",
            "un",
            "una",
            "es",
            "por",
            "con",
            "para",
            "se",
            "del",
            "su",
            "al",
            "como",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "di",
            "che",
            "la",
            "per",
            "non",
            "una",
            "sono",
            "della",
            "con",
            "del",
            "le",
            "gli",
            "è",
            "anche",
            "nel",
            "alla",
        ]
    ),
    "pt": frozenset(
        [
            "de",
            "que",
            "não",
            "uma",
            "os",
            "para",
            "com",
            "por",
            "mais",
            "as",
            "dos",
            "como",
            "mas",
            "foi",
            "ao",
            "ele",
            "das",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "is",
            "dat",
            "niet",
            "op",
            "te",
            "zijn",
            "voor",
            "met",
            "die",
            "aan",
            "er",
            "ook",
        ]
    ),
    "pl": frozenset(
        ["nie", "się", "na", "jest", "że", "do", "to", "jak", "za", "po", "od", "tak", "ale", "czy", "jego", "przez"]
    ),
}
_TOKEN = re.compile(r"[^\W\d_]+")


def domain_of(url: str | None) -> str | None:
    """The host of `url` without 'www.', lower-cased; None when there is no host."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.").lower()


def outlet_from_domain(domain: str | None) -> str | None:
    """A display name from a domain: 'www.aljazeera.co.uk' -> 'Aljazeera'."""
    if not domain:
        return None
    labels = domain.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        name = labels[-3]
    elif len(labels) >= 2:
        name = labels[-2]
    else:
        name = labels[0]
    return name.replace("-", " ").title()


def guess_language(text: str) -> str | None:
    """The language whose common words are most frequent in `text`, if clear enough."""
    tokens = [t.lower() for t in _TOKEN.findall(text[:5000])]  # a few hundred words tell the language
    if len(tokens) < 5:
        return None
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] / len(tokens) >= 0.05 else None
