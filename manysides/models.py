"""The records every stage reads and writes.

Stages talk to each other only through these models: ingest makes `Page`s,
extract turns a page into `Article`s, annotate fills an article's sentences,
entities and quotes, stories groups articles into `Story`s, and compare and
summarize produce a `StoryAnalysis`. All are pydantic models so that the store,
the JSON export and the web API share one schema.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PageKind = Literal["html", "text"]
DateSource = Literal["manifest", "input", "url", "markup", "text", "capture", "unknown"]
BlockRole = Literal[
    "headline",
    "subheading",
    "byline",
    "dateline",
    "body",
    "caption",
    "pull_quote",
    "widget",
    "related",
    "navigation",
    "footer",
    "comment",
    "comment_author",
]
QuoteKind = Literal["direct", "partial", "block", "indirect"]


def stable_id(*parts: str, length: int = 16) -> str:
    """A short hex digest of `parts`, the same on every run and machine."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8"))
    return digest.hexdigest()[:length]


class Record(BaseModel):
    """Base of all records: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (dates as ISO strings)."""
        return self.model_dump(mode="json")


class Page(Record):
    """One input document as read from disk, before extraction."""

    id: str
    source: str = Field(description="file path, with ':line' for JSONL records")
    url: str | None = None
    kind: PageKind
    content: str
    outlet: str | None = Field(default=None, description="outlet given by a manifest")
    date: dt.date | None = Field(default=None, description="date given by a manifest or JSONL")
    captured: dt.date | None = Field(default=None, description="when a crawler fetched it (WARC, URL fetch)")

    @classmethod
    def make(
        cls,
        source: str,
        content: str,
        kind: PageKind,
        url: str | None = None,
        outlet: str | None = None,
        day: dt.date | None = None,
    ) -> Page:
        """Build a page whose id depends only on its URL and content."""
        page_id = stable_id(url or "", content)
        return cls(id=page_id, source=source, url=url, kind=kind, content=content, outlet=outlet, date=day)


class PubDate(Record):
    """A publication date and where it was read; `value` None means unknown."""

    value: dt.date | None = None
    source: DateSource = "unknown"
    evidence: str = Field(default="", description="the text the date was read from")

    @property
    def known(self) -> bool:
        return self.value is not None


class Block(Record):
    """A piece of a page with the role the cleaner gave it."""

    text: str
    role: BlockRole


class Comment(Record):
    """A reader comment, kept apart from the article body."""

    author: str | None = None
    text: str
    order: int


class Sentence(Record):
    """A sentence as character offsets into the article body."""

    start: int
    end: int


class Entity(Record):
    """A named entity mention; `key` is the normalised name used across articles."""

    text: str
    label: str
    start: int
    end: int
    key: str


class Quote(Record):
    """A quotation (or reported speech) and who it is credited to."""

    text: str
    start: int
    end: int
    kind: QuoteKind = "direct"
    speaker: str | None = Field(default=None, description="the name the article gives, resolved")
    speaker_key: str | None = None
    speaker_mention: str | None = Field(default=None, description="the words that point at the speaker")
    role: str | None = None
    cue: str | None = Field(default=None, description="reporting verb, e.g. said, added, claimed")
    channel: str | None = Field(default=None, description="e.g. Reuters in 'told Reuters'")
    affiliation: str | None = Field(default=None, description="the speaker's group as the article gives it")
    speaker_start: int | None = Field(default=None, description="offset of the words naming the speaker")
    speaker_end: int | None = None
    paragraph: int | None = Field(default=None, description="index of the paragraph the quote starts in")


class Article(Record):
    """One article (or one item of a live blog) with its annotations."""

    id: str
    page_id: str
    source: str
    url: str | None = None
    domain: str | None = None
    outlet: str
    title: str = ""
    author: str | None = None
    date: PubDate = Field(default_factory=PubDate)
    language: str | None = None
    body: str
    item: int | None = Field(default=None, description="position within a live blog or round-up")
    comments: list[Comment] = Field(default_factory=list)
    removed: list[Block] = Field(default_factory=list, description="what the cleaner left out, with why")
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)

    @staticmethod
    def make_id(page_id: str, item: int | None) -> str:
        return stable_id(page_id, "" if item is None else str(item))

    def span(self, start: int, end: int) -> str:
        """The body text between two character offsets."""
        return self.body[start:end]

    def sentence_texts(self) -> list[str]:
        return [self.body[s.start : s.end] for s in self.sentences]


class Story(Record):
    """A group of articles about one developing story."""

    id: str
    label: str
    article_ids: list[str]
    keywords: list[str] = Field(default_factory=list)


class Citation(Record):
    """A passage of an article that supports a summary sentence."""

    article_id: str
    outlet: str
    start: int
    end: int
    quote: str = Field(default="", description="the passage itself, body[start:end]")


SummaryKind = Literal["corroborated", "disputed", "attributed", "event", "reported"]


class SummarySentence(Record):
    """A sentence of a story summary and the passages that support it."""

    text: str
    citations: list[Citation]
    kind: SummaryKind | None = Field(default=None, description="corroborated, disputed, attributed, reported or event")
    verified: bool = Field(default=False, description="every citation passed the support check")
    date: dt.date | None = Field(default=None, description="the earliest date of the articles cited")
    sources: list[str] = Field(default_factory=list, description="independent sources cited, copies counted once")


class OutletCoverage(Record):
    """What one outlet contributes to a story."""

    outlet: str
    article_ids: list[str]
    first_date: dt.date | None = None
    entities: dict[str, int] = Field(default_factory=dict, description="entity key -> mentions")
    quotes: int = 0


class EntityRow(Record):
    """One entity across the story's outlets."""

    key: str
    label: str
    names: list[str]
    mentions: dict[str, int] = Field(description="outlet -> mentions")


class AliasEvidence(Record):
    """Why two names were taken for one actor."""

    names: tuple[str, str]
    reason: str = Field(description="same key, transliteration, acronym, short form, translation, alias in text")
    article_id: str | None = Field(default=None, description="the article whose text states it, if any")
    text: str = Field(default="", description="the words that state it, e.g. 'previously known as'")


class Actor(Record):
    """One person or group across articles, under all the names the outlets use."""

    id: str
    name: str
    label: str
    names: list[str]
    keys: list[str]
    article_ids: list[str] = Field(default_factory=list)
    mentions: int = 0
    evidence: list[AliasEvidence] = Field(default_factory=list)


class QuoteCarrier(Record):
    article_id: str
    outlet: str
    date: dt.date | None = None
    speaker: str | None = None
    channel: str | None = None
    text: str
    kind: QuoteKind = "direct"
    cue: str | None = None
    role: str | None = None
    actor_id: str | None = Field(default=None, description="the speaker's Actor id across articles")
    start: int = 0
    end: int = 0


class QuoteGroup(Record):
    """The same quoted words as carried by each article, side by side."""

    text: str
    carriers: list[QuoteCarrier]
    conflict: bool = Field(default=False, description="outlets credit these words to different speakers")
    earliest_article_id: str | None = Field(default=None, description="the first carrier by date")
    channels: list[str] = Field(default_factory=list, description="channels named by the carriers")
    speaker_ids: list[str] = Field(default_factory=list, description="actor ids credited, after merging aliases")

    @property
    def speakers(self) -> set[str]:
        return {c.speaker for c in self.carriers if c.speaker}


TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
CopyKind = Literal["duplicate", "partial", "relay"]


class TimeExpression(Record):
    """A time expression in a text, normalised against the publication date (TIMEX3 value)."""

    text: str
    start: int
    end: int
    type: TimexType = "DATE"
    value: str = Field(description="TIMEX3 value, e.g. 2016-12-04, 2016-W48, 2016-11, PRESENT_REF")
    day: dt.date | None = Field(default=None, description="the calendar day, when the value names one")
    relative: bool = Field(default=False, description="resolved against the publication date")
    confidence: float = 1.0


class Copy(Record):
    """An article that reuses another's text, or relays an upstream source such as a wire agency."""

    article_id: str
    kind: CopyKind
    source_id: str | None = Field(default=None, description="the article copied (the earlier one)")
    upstream: str | None = Field(default=None, description="relayed source, e.g. Reuters")
    share: float = Field(default=0.0, description="share of the copy's text found in the source")
    paragraphs: int = Field(default=0, description="paragraphs shared with the source")
    evidence: str = ""


class EventMention(Record):
    """One article's sentence reporting an event, with the time expression that dates it."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    time: TimeExpression | None = None


class Event(Record):
    """A dated development of a story and the articles that report it."""

    id: str
    date: dt.date | None = None
    label: str
    article_ids: list[str]
    mentions: list[EventMention] = Field(default_factory=list)
    confidence: float = 1.0


class FigurePoint(Record):
    """One figure as an article gives it, e.g. 'about 50,000' civilians who fled."""

    article_id: str
    outlet: str
    date: dt.date | None = None
    value: float
    text: str
    start: int
    end: int
    qualifier: str = Field(default="", description="about, more than, at least ...")


class FigureSeries(Record):
    """The same measured thing across articles, in date order."""

    topic: str
    points: list[FigurePoint]


ContradictionKind = Literal["figure", "negation", "date", "attribution"]
FigureVerdict = Literal["single", "agree", "update", "conflict"]
MarkKind = Literal["loaded", "scare_quote", "editorial"]


class ClaimMention(Record):
    """One article's sentence making a claim, and the independent source it rests on."""

    article_id: str
    outlet: str
    date: dt.date | None = None
    start: int
    end: int
    text: str
    source: str = Field(description="independent source: the upstream relayed (e.g. Reuters) or the outlet")
    via: str = Field(default="", description="why that source: 'told Reuters', 'copy of <article>', 'own report'")


class Claim(Record):
    """A factual statement aligned across articles, with its corroboration by independent source."""

    id: str
    text: str = Field(description="the earliest article's wording")
    mentions: list[ClaimMention]
    outlets: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="independent sources, copies counted once")

    @property
    def single_source(self) -> bool:
        return len(self.sources) <= 1

    @property
    def corroboration(self) -> str:
        """E.g. 'reported by 4 outlets, 2 independent sources: Reuters, AFP'."""
        o, s = len(self.outlets), len(self.sources)
        return f"reported by {o} outlet{'s' * (o != 1)}, {s} independent source{'s' * (s != 1)}: " + ", ".join(
            self.sources
        )


class Figure(Record):
    """A number as one article gives it: what it counts, its unit, its date and its wording."""

    article_id: str
    outlet: str
    date: dt.date | None = Field(default=None, description="the article's date (the figure's 'as of')")
    value: float
    low: float = Field(description="lowest value the wording allows, e.g. 21000 for 'more than 21,000'")
    high: float | None = Field(default=None, description="highest value the wording allows; None when open")
    qualifier: str = Field(default="", description="about, more than, at least, an estimated ...")
    unit: str = Field(description="'people', 'share', 'tons' ... what one unit is")
    counted: str = Field(description="what is counted, e.g. 'civilians fled'")
    topic: str = Field(description="key figures are aligned on, e.g. 'people|flee'")
    text: str = Field(description="the number as written")
    start: int
    end: int
    sentence: str = ""
    baseline: str = Field(default="", description="a stated starting point, e.g. 'since November 26'")


class FigureTopic(Record):
    """The same measured thing across articles in date order, with what the differences mean."""

    topic: str
    counted: str
    unit: str
    figures: list[Figure]
    verdict: FigureVerdict = "single"
    explanation: str = ""

    def as_series(self, title: str = "") -> FigureSeries:
        """The topic's figures as a series to chart, named `title` or else by the topic's key."""
        # A point is the figure without its wording analysis: the fields both records share.
        points = [FigurePoint.model_validate(f.model_dump(include=set(FigurePoint.model_fields))) for f in self.figures]
        return FigureSeries(topic=title or self.topic, points=points)


class ContradictionSide(Record):
    article_id: str
    outlet: str
    date: dt.date | None = None
    text: str = Field(description="the sentence or quote as this side gives it")
    value: str = Field(default="", description="what this side says: a figure, a speaker, a date, yes/no")
    start: int = 0
    end: int = 0


class Contradiction(Record):
    """Two or more articles that cannot all be right, with both sides and their sources."""

    kind: ContradictionKind
    topic: str
    sides: list[ContradictionSide]
    explanation: str = ""


class NamingCell(Record):
    """How one outlet names one actor: a label, how often, in its own voice or inside quotes."""

    outlet: str
    actor: str
    label: str
    count: int = 0
    own_voice: int = Field(default=0, description="uses outside any quotation")
    quoted: int = Field(default=0, description="uses inside quotation marks or credited quotes")
    scare_quoted: int = 0
    examples: list[str] = Field(default_factory=list, description="sentences using the label, own voice first")


class WordingMark(Record):
    """A loaded word, scare quote or editorial sentence in one article, with why it was marked."""

    article_id: str
    outlet: str
    kind: MarkKind
    start: int
    end: int
    text: str
    own_voice: bool = True
    reason: str = ""


class DistinctiveWord(Record):
    """A word an outlet uses more than the others, by log-odds with an informative Dirichlet prior."""

    outlet: str
    word: str
    z: float
    count: int


class Omission(Record):
    """A claim other outlets report that this outlet leaves out."""

    outlet: str
    claim_id: str
    text: str
    reported_by: list[str]


class Framing(Record):
    """How each outlet frames the story: names for actors, marked wording, distinctive words, omissions."""

    actors: list[str] = Field(default_factory=list)
    naming: list[NamingCell] = Field(default_factory=list)
    marks: list[WordingMark] = Field(default_factory=list)
    distinctive: list[DistinctiveWord] = Field(default_factory=list)
    omissions: list[Omission] = Field(default_factory=list)
    lexicons: list[str] = Field(default_factory=list, description="lexicon files used, with their source")


class StoryAnalysis(Record):
    """Everything the report shows for one story."""

    story: Story
    articles: list[Article]
    outlets: list[OutletCoverage]
    entities: list[EntityRow]
    quotes: list[QuoteGroup]
    summary: list[SummarySentence]
    generated: dt.datetime
    timeline: list[Event] = Field(default_factory=list)
    figures: list[FigureSeries] = Field(default_factory=list)
    copies: list[Copy] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list, description="claims aligned across articles")
    figure_topics: list[FigureTopic] = Field(default_factory=list, description="figures aligned, with verdicts")
    contradictions: list[Contradiction] = Field(default_factory=list)
    framing: Framing = Field(default_factory=Framing)
    actors: list[Actor] = Field(default_factory=list, description="people and groups, their names and merge evidence")
    timeline_summary: list[SummarySentence] = Field(default_factory=list, description="one cited line per event")


class Skipped(Record):
    """An input that produced nothing, and why."""

    source: str
    reason: str


class RunReport(Record):
    """What an `analyze` run did."""

    pages: int = 0
    new_pages: int = 0
    articles: int = 0
    stories: list[str] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
