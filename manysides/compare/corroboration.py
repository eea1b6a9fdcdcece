"""Independent sources: which upstream each sentence rests on, so relays and copies count once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from manysides.compare.lexicons import media_names
from manysides.models import Article, Claim, Copy

_NAME = r"((?:[A-Z][\w.&'-]*|al-[A-Z][\w'-]*)(?:\s+(?:[A-Z][\w.&'-]*|al-[A-Z][\w'-]*|of|the)){0,3})"
# "told Reuters", "according to AFP", "citing the Associated Press", "reported by TASS"
_BEFORE = re.compile(
    r"\b(?:told|according\s+to|reported\s+by|citing|cited\s+by|quoted\s+by|in\s+an\s+interview\s+with|speaking\s+to)"
    r"\s+(?:the\s+)?" + _NAME
)
# "Reuters reported", "the Reuters news agency reported", "AFP quoted"
_AFTER = re.compile(_NAME + r"(?:\s+news\s+agency)?\s+(?:reported|quoted|cited|noted|said\s+in\s+a\s+report)\b")
_AGENCY_BACKREF = re.compile(r"\b(?:the|this)\s+(?:news\s+)?agency\b", re.IGNORECASE)
_NOT_CHANNEL = {"He", "She", "They", "It", "We", "I", "The", "A", "An", "This", "That", "Meanwhile", "Earlier"}
RELAY_MIN_MENTIONS = 2  # an article naming one channel this often relays it


def channels_in(article: Article, start: int, end: int) -> list[str]:
    """Channels (news agencies, media) that the text between two offsets names as its source."""
    text = article.body[start:end]
    found = [
        q.channel
        for q in article.quotes
        if q.channel and q.start < end and q.end > start and _is_media(article, q.channel, q.start)
    ]
    for pattern in (_BEFORE, _AFTER):
        for match in pattern.finditer(text):
            name = _trim(match.group(1))
            if name and _is_media(article, name, start + match.start(1)):
                found.append(name)
    return list(dict.fromkeys(found))


def _trim(name: str) -> str:
    words = name.split()
    while words and (words[-1] in {"of", "the"} or words[-1].lower() in {"news", "agency"}):
        words.pop()
    while words and words[0] in _NOT_CHANNEL:
        words.pop(0)
    return " ".join(words)


def _is_media(article: Article, name: str, offset: int) -> bool:
    """A channel is a medium, not a speaker or an audience ('told the US'): a known agency or 'X news agency'."""
    if name in media_names() or name.removeprefix("the ") in media_names():
        return True
    return bool(re.match(re.escape(name) + r"\s+(?:news\s+agency|newspaper|daily|TV)\b", article.body[offset:]))


def relayed_upstream(article: Article) -> str | None:
    """The channel an article relays, when it names the same one at least twice."""
    counts = Counter(channels_in(article, 0, len(article.body)))
    counts.update(
        name
        for pattern in (_BEFORE, _AFTER)
        for match in pattern.finditer(article.body)
        if (name := _trim(match.group(1))) in counts
    )
    if not counts:
        return None
    name, count = counts.most_common(1)[0]
    return name if count >= RELAY_MIN_MENTIONS else None


class SourceFinder:
    """Tells which independent source a passage of an article rests on."""

    def __init__(self, articles: Sequence[Article], copies: Sequence[Copy] = ()) -> None:
        """`copies` from stories.find_copies: text copies (duplicate, partial) and relays of upstream sources."""
        self.by_id = {a.id: a for a in articles}
        self.copies = {c.article_id: c for c in copies if c.kind != "relay" and c.source_id}
        relays: dict[str, set[str]] = {}
        for c in copies:
            if c.kind == "relay" and c.upstream and c.upstream != "agencies":
                relays.setdefault(c.article_id, set()).add(c.upstream)
        self.upstream = {a.id: self._upstream(a, relays.get(a.id, set())) for a in articles}

    @staticmethod
    def _upstream(article: Article, relays: set[str]) -> str | None:
        """The one upstream an article relays; an article citing several agencies relays none as a whole."""
        if len(relays) == 1:
            return next(iter(relays))
        return None if relays else relayed_upstream(article)

    def _original(self, article_id: str) -> Article:
        """The first article of a chain of copies (a copy of a copy counts as the first)."""
        seen = {article_id}
        while (copy := self.copies.get(article_id)) and copy.source_id in self.by_id and copy.source_id not in seen:
            article_id = copy.source_id
            seen.add(article_id)
        return self.by_id[article_id]

    def __call__(self, article: Article, start: int, end: int) -> tuple[str, str]:
        """(source, why) for the text of `article` between two offsets."""
        named = channels_in(article, start, end)
        if named:
            return named[0], f"names {named[0]}"
        copy = self.copies.get(article.id)
        if copy and copy.source_id in self.by_id:
            original = self._original(article.id)
            source = self.upstream.get(original.id) or original.outlet
            return source, f"copy of the {original.outlet} article"
        upstream = self.upstream.get(article.id)
        if upstream:
            how = "refers to the agency" if _AGENCY_BACKREF.search(article.body[start:end]) else "relays"
            return upstream, f"{how} {upstream}"
        return article.outlet, "own report"


def corroboration_line(claim: Claim) -> str:
    """'reported by 2 outlets, 1 independent source: Reuters (SouthFront x2)' with single sources marked."""
    by_source: dict[str, Counter[str]] = {}
    for mention in claim.mentions:
        by_source.setdefault(mention.source, Counter())[mention.outlet] += 1
    named = []
    for source, outlets in sorted(by_source.items()):
        carriers = ", ".join(f"{o} x{n}" if n > 1 else o for o, n in sorted(outlets.items()))
        named.append(source if carriers == source else f"{source} (via {carriers})")
    line = claim.corroboration.split(":")[0] + ": " + "; ".join(named)
    return line + (" — single source" if claim.single_source else "")
