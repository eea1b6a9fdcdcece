"""A synthetic news corpus of any size, for load tests: many outlets, stories, wire copies.

Every story has its own invented people, groups and place (names wordfreq does
not know, as real names mostly are), an event type, dates and figures. Its
articles come from different outlets: some write their own text from sentence
templates, some carry a wire agency's copy under their own headline. Pages are
written as HTML with each outlet's page furniture (navigation, related links,
footer, sometimes a comment thread) into a folder, WARC.gz files, or both, one
story at a time, so memory does not grow with the corpus. The same seed gives
the same corpus byte for byte. `truth.jsonl` maps each URL to its story.

Run: `.venv/bin/python -m benchmarks.synth --articles 1000 --out /tmp/corpus --format both`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from manysides.models import Article, PubDate, stable_id

Format = Literal["html", "warc", "both"]
RECORDS_PER_WARC = 1000
YEAR_START = dt.date(2024, 1, 1)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SYLLABLES = _words(
    "ka vor el sin ta mir ou dren bal ist ra zhe no vek lu tan ber os ful qua "
    "im dor sa rel ny ges to mar iv al ek hu pri ston ce dal ur ven ho ri"
)
_FIRST_NAMES = _words(
    "Anna Omar Lena Victor Maria Tomas Nadia Pavel Grace Samuel Irene Hassan Clara Felix "
    "Rosa Daniel Mira Jonas Leila Martin Sofia Karim Elena David Yara Oskar Hana Milan"
)
_ROLES = (
    "mayor",
    "interior minister",
    "police spokesman",
    "regional governor",
    "union leader",
    "opposition lawmaker",
    "fire chief",
    "company chief executive",
    "health official",
    "prosecutor",
)
_GROUP_KINDS = ("Party", "Union", "Council", "Front", "Alliance", "Movement", "Authority", "Group")
_PAPER_WORDS = _words(
    "Courier Ledger Herald Tribune Gazette Observer Chronicle Sentinel Post Times Dispatch "
    "Monitor Journal Express Standard Record Beacon Examiner Bulletin Review"
)
_WIRES = (("Meridian Press", "MP"), ("Continental Wire", "CW"), ("Atlas News Agency", "ANA"))
_SECTIONS = ("World", "Politics", "Business", "Local", "Europe", "Asia", "Africa", "Americas", "Climate")
_CUES = ("said", "told reporters", "said in a statement", "added", "told local radio", "wrote on social media")


@dataclass(frozen=True)
class EventKind:
    """A kind of news event: its headline, lead sentences and what the figure counts."""

    headlines: tuple[str, ...]
    leads: tuple[str, ...]
    figure: str
    quotes: tuple[str, ...]


_EVENTS = (
    EventKind(
        ("Floods hit {place} as river bursts its banks", "{place} flooding forces {n} from their homes"),
        (
            "Floodwater swept through {place} on {weekday} after days of heavy rain, officials said.",
            "Rescue teams in {place} worked through the night to reach families cut off by the water.",
        ),
        "people evacuated",
        ("The water came faster than anyone expected", "We are doing everything we can to reach every village"),
    ),
    EventKind(
        ("{group} wins {place} election", "Voters in {place} hand victory to {group}"),
        (
            "The {group} won the most seats in the {place} election held on {weekday}, results showed.",
            "Turnout in {place} was higher than at the last vote, the election commission said.",
        ),
        "votes counted",
        ("The people of {place} have chosen change", "We will respect the result and hold the new council to account"),
    ),
    EventKind(
        ("Workers strike at {place} port", "{group} calls strike over pay at {place} docks"),
        (
            "Dock workers in {place} walked out on {weekday} in a dispute over pay and shifts.",
            "The {group} said the strike would continue until the port operator returned to talks.",
        ),
        "workers on strike",
        ("Our members cannot live on these wages", "The port remains open and we are ready to talk"),
    ),
    EventKind(
        ("Fire destroys factory in {place}", "{place} factory blaze kills {n}"),
        (
            "A fire tore through a textile factory on the edge of {place} early on {weekday}.",
            "Firefighters needed several hours to bring the blaze in {place} under control.",
        ),
        "workers on the shift",
        ("The doors were locked from the outside", "An investigation into the cause has been opened"),
    ),
    EventKind(
        ("Ceasefire talks open in {place}", "{group} and government meet in {place} for truce talks"),
        (
            "Negotiators for the {group} and the government met in {place} on {weekday} to discuss a truce.",
            "Mediators in {place} said both sides had agreed to an exchange of prisoners as a first step.",
        ),
        "prisoners to be exchanged",
        ("There will be no lasting peace without justice", "Both delegations showed a willingness to listen"),
    ),
    EventKind(
        ("Earthquake shakes {place}", "Strong quake near {place} damages hundreds of buildings"),
        (
            "An earthquake struck near {place} on {weekday}, damaging homes and cutting power lines.",
            "Aftershocks continued to rattle {place} as residents spent the night outside.",
        ),
        "buildings damaged",
        ("We felt the ground roll under our feet", "Engineers are checking every school and hospital"),
    ),
    EventKind(
        ("Court jails former {place} official", "{person} sentenced in {place} bribery trial"),
        (
            "A court in {place} sentenced a former official to prison on {weekday} for taking bribes.",
            "Prosecutors in {place} said the payments had been hidden in contracts for road repairs.",
        ),
        "dollars in bribes",
        ("The verdict sends a clear message to anyone in public office", "My client will appeal this decision"),
    ),
    EventKind(
        ("Protesters march in {place} over fuel prices", "Thousands rally in {place} against price rises"),
        (
            "Thousands of people marched through the centre of {place} on {weekday} to protest rising fuel prices.",
            "Police in {place} closed several roads as the crowd moved towards the government offices.",
        ),
        "protesters",
        ("We cannot afford to drive to work any more", "The right to protest peacefully will be protected"),
    ),
)

_BODY = (
    "Officials in {place} said the situation was being monitored closely.",
    "Residents described scenes of confusion as news spread across {place}.",
    "The {group} has been a central player in {place} politics for more than a decade.",
    "Local media reported that schools in parts of {place} would stay closed until further notice.",
    "{person}, the {role}, visited the area and met families affected by the events.",
    "According to figures released by the authorities, {n} {figure} by {weekday} evening.",
    "Critics said the response had been slow and poorly coordinated.",
    "The government promised to publish a full report within the next few weeks.",
    "Analysts said the events in {place} could shape the national debate for months.",
    "Shops in the centre of {place} remained shuttered and traffic was light.",
    "Aid groups appealed for donations and volunteers to help with the work ahead.",
    "It was not immediately clear how long the disruption in {place} would last.",
    "The {role} said more resources would be sent to {place} in the coming days.",
    "Some residents said they had received no warning before the events began.",
    "Opposition parties called for an inquiry into the handling of the crisis.",
    "Neighbouring towns offered shelter and supplies to those who needed them.",
    "The last comparable event in the region was more than twenty years ago, records show.",
    "Businesses in {place} said they expected losses to run into millions.",
    "A spokesperson for the {group} declined to comment on the details.",
    "Officials urged people to follow instructions and avoid spreading rumours online.",
)
_DETAILS = (
    "Witnesses said the {thing} near the {landmark} was the worst affected.",
    "Engineers were sent to inspect the {thing} and the {other} on {weekday}.",
    "The {thing} at the {landmark} had been the subject of complaints for years.",
    "Photographs shared by residents showed the {thing} beside the {landmark}.",
    "Officials said the {other} would be checked before anyone could return to the {landmark}.",
    "Owners of the {thing} said they had not been consulted about the {other}.",
    "The {landmark} was cordoned off while investigators examined the {thing}.",
    "Volunteers cleared the {other} and handed out water at the {landmark}.",
    "Inspectors had warned last year that the {thing} needed urgent repairs.",
    "The closure of the {landmark} left the {other} without its main supplier.",
)
_THINGS = _words(
    "reservoir pontoon tramline granary footbridge sawmill quarry lighthouse ferry viaduct tannery orchard "
    "vineyard brewery abattoir marina cannery dairy distillery foundry kiln mill pumphouse refinery "
    "silo smelter stockyard substation turbine warehouse wharf boatyard cemetery chapel cloister "
    "monastery observatory pavilion planetarium racecourse rectory sanatorium seminary shipyard "
    "spa stadium synagogue tabernacle terrace theatre tollbooth windmill aqueduct barracks "
    "bastion bunker canal causeway citadel dam dyke embankment floodgate jetty levee lock pier "
    "ramparts sluice tunnel weir kindergarten orphanage almshouse hospice clinic dispensary pharmacy "
    "bakery butchery creamery fishery hatchery nursery piggery tannery apiary aviary kennel stable "
    "ropewalk chandlery forge glassworks gasworks ironworks brickworks waterworks sewage pipeline "
    "railyard depot signalbox turntable roundhouse funicular cablecar gondola monorail hovercraft "
    "catamaran trawler tugboat barge dredger icebreaker minesweeper lifeboat seaplane glider airship"
)
_LANDMARKS = ("Bridge", "Square", "Market", "Station", "Harbour", "Gate", "Park", "Hill", "Avenue", "Quay")
_FILLER_WORDS = _words(
    "regional national local officials residents families leaders workers plans reports "
    "weeks months support safety services budget road hospital school market council talks "
    "meeting questions response measures statement situation concerns review changes"
)


@dataclass
class Outlet:
    """A news site: its name, domain, page style and habits."""

    name: str
    domain: str
    style: int
    comments: bool
    date_in_markup: bool


@dataclass
class StoryFacts:
    """What one story is about: the facts every article of it draws on."""

    id: str
    kind: EventKind
    place: str
    people: list[tuple[str, str]]
    group: str
    start: dt.date
    figure_value: int
    wire: tuple[str, str] = field(default=("Meridian Press", "MP"))
    # What this story is about besides its names: real stories differ in their things, not only their places.
    things: tuple[str, ...] = ()
    landmark: str = ""


@dataclass
class SynthPage:
    """One generated page, with the story it belongs to."""

    url: str
    outlet: str
    story: str
    day: dt.date
    html: str
    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    names: list[tuple[str, str]] = field(default_factory=list, repr=False)  # (name, NER label) in the text

    def article(self) -> Article:
        """The page as the story grouping reads it (title, body, date), without extraction or spaCy."""
        page_id = stable_id(self.url)
        return Article(
            id=Article.make_id(page_id, None),
            page_id=page_id,
            source=self.url,
            url=self.url,
            outlet=self.outlet,
            title=self.title,
            body="\n\n".join(self.paragraphs),
            date=PubDate(value=self.day, source="markup"),
        )


def invented_word(rng: random.Random, syllables: int = 3) -> str:
    """A capitalised made-up word from syllables (a place or family name)."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def make_outlets(rng: random.Random, count: int) -> list[Outlet]:
    """`count` outlets with distinct domains and varied page habits."""
    outlets: list[Outlet] = []
    seen: set[str] = set()
    while len(outlets) < count:
        town = invented_word(rng, rng.choice((2, 3)))
        name = f"The {town} {rng.choice(_PAPER_WORDS)}"
        domain = name.lower().removeprefix("the ").replace(" ", "") + rng.choice((".com", ".net", ".news", ".org"))
        if domain in seen:
            continue
        seen.add(domain)
        outlets.append(Outlet(name, domain, rng.randrange(3), rng.random() < 0.4, rng.random() < 0.8))
    return outlets


def make_story(rng: random.Random, number: int) -> StoryFacts:
    """A story with its own place, people, group, dates and figure."""
    place = invented_word(rng, rng.choice((2, 3)))
    people = [
        (f"{rng.choice(_FIRST_NAMES)} {invented_word(rng)}", rng.choice(_ROLES)) for _ in range(rng.randint(2, 3))
    ]
    group = f"{invented_word(rng, 2)} {rng.choice(_GROUP_KINDS)}"
    start = YEAR_START + dt.timedelta(days=rng.randrange(366))
    return StoryFacts(
        id=f"s{number:07d}",
        kind=rng.choice(_EVENTS),
        place=place,
        people=people,
        group=group,
        start=start,
        figure_value=rng.choice((12, 40, 150, 300, 1200, 5000, 20000)) + rng.randrange(10),
        wire=rng.choice(_WIRES),
        things=tuple(rng.sample(_THINGS, 6)),
        landmark=f"{invented_word(rng, 2)} {rng.choice(_LANDMARKS)}",
    )


def _fill(template: str, facts: StoryFacts, rng: random.Random, day: dt.date, n: int) -> str:
    person, role = rng.choice(facts.people)
    thing, other = rng.sample(facts.things, 2) if facts.things else ("site", "area")
    return template.format(
        thing=thing,
        other=other,
        landmark=facts.landmark or facts.place,
        place=facts.place,
        group=facts.group,
        person=person,
        role=role,
        n=f"{n:,}",
        figure=facts.kind.figure,
        weekday=day.strftime("%A"),
    )


def _quote_paragraph(facts: StoryFacts, rng: random.Random, day: dt.date) -> str:
    person, role = rng.choice(facts.people)
    words = _fill(rng.choice(facts.kind.quotes), facts, rng, day, facts.figure_value)
    cue = rng.choice(_CUES)
    if rng.random() < 0.5:
        return f"“{words},” {person}, the {role}, {cue}."
    return f"{person}, the {role}, {cue}: “{words}.”"


def _filler(rng: random.Random) -> str:
    words = [rng.choice(_FILLER_WORDS) for _ in range(rng.randint(8, 16))]
    return "The " + " ".join(words) + " were also discussed."


def article_text(facts: StoryFacts, rng: random.Random, day: dt.date, paragraphs: int) -> list[str]:
    """Paragraphs of an original article about the story: a lead, quotes, background."""
    n = max(1, int(facts.figure_value * (1 + (day - facts.start).days * 0.1)))
    out = [_fill(rng.choice(facts.kind.leads), facts, rng, day, n)]
    for k in range(paragraphs - 1):
        if k % 3 == 1:
            out.append(_quote_paragraph(facts, rng, day))
            continue
        templates = rng.sample(_BODY, rng.randint(1, 2)) + rng.sample(_DETAILS, rng.randint(1, 2))
        sentences = [_fill(t, facts, rng, day, n) for t in templates]
        if rng.random() < 0.3:
            sentences.append(_filler(rng))
        out.append(" ".join(sentences))
    return out


def headline(facts: StoryFacts, rng: random.Random, day: dt.date) -> str:
    """A headline for one article of the story."""
    return _fill(rng.choice(facts.kind.headlines), facts, rng, day, facts.figure_value)


# Real news pages weigh 50-200 KB, mostly scripts, styles and menus; extraction cost follows the bytes.
_STYLE = "".join(f".c{k}{{margin:{k % 7}px;padding:{k % 5}px;color:#{k * 37 % 4096:03x}}}" for k in range(400))


def _script(rng: random.Random) -> str:
    items = [{"id": rng.randrange(10**9), "slot": f"ad-{k}", "sizes": [[300, 250], [728, 90]]} for k in range(60)]
    return "window.__STATE__=" + json.dumps({"ads": items, "user": None, "flags": list(range(200))}) + ";"


def _menu(rng: random.Random, section: str) -> str:
    return "".join(
        f'<li><a href="/{section.lower()}/{invented_word(rng, 2).lower()}">{invented_word(rng, 2)}</a></li>'
        for _ in range(12)
    )


def _json_ld(outlet: Outlet, title: str, day: dt.date) -> str:
    if not outlet.date_in_markup:
        return ""
    data = {"@type": "NewsArticle", "headline": title, "datePublished": day.isoformat(), "publisher": outlet.name}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def page_html(outlet: Outlet, title: str, paragraphs: list[str], day: dt.date, byline: str, rng: random.Random) -> str:
    """A full HTML page in the outlet's style, with its navigation, asides and footer."""
    esc = html.escape
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a><ul>{_menu(rng, s)}</ul></li>' for s in _SECTIONS)
    related = "".join(
        f'<li><a href="/{rng.randrange(10**6)}">{esc(invented_word(rng))} {esc(rng.choice(_BODY)[:40])}</a></li>'
        for _ in range(4)
    )
    meta = (
        f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00Z">'
        if outlet.date_in_markup
        else ""
    )
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    comments = ""
    if outlet.comments:
        items = "".join(
            f'<li class="comment"><span class="author">{esc(invented_word(rng, 2))}</span>'
            f"<p>{esc(_filler(rng))}</p></li>"
            for _ in range(rng.randint(1, 5))
        )
        comments = f'<section id="comments"><h3>Comments</h3><ol>{items}</ol></section>'
    wrapper = ("article", "div", "main")[outlet.style]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | {esc(outlet.name)}</title>
<meta property="og:title" content="{esc(title)}"><meta property="og:site_name" content="{esc(outlet.name)}">
{meta}{_json_ld(outlet, title, day)}<style>{_STYLE}</style><script>{_script(rng)}</script></head>
<body><header class="site-header"><a class="logo" href="/">{esc(outlet.name)}</a>
<nav><ul>{nav}</ul></nav><form class="search"><input name="q"></form></header>
<{wrapper} class="story-{outlet.style}"><h1>{esc(title)}</h1>
<p class="byline">By {esc(byline)} · {day.strftime("%d %B %Y")}</p>
{body}
</{wrapper}>
<aside class="related"><h2>Read more</h2><ul>{related}</ul></aside>
{comments}
<footer><p>© 2024 {esc(outlet.name)}. All rights reserved.</p><a href="/privacy">Privacy</a>
<a href="/subscribe">Subscribe</a></footer></body></html>
"""


def story_pages(facts: StoryFacts, outlets: list[Outlet], size: int, rng: random.Random) -> Iterator[SynthPage]:
    """The pages of one story: a wire original copied by some outlets, others writing their own."""
    wire_name, wire_code = facts.wire
    wire_body = article_text(facts, rng, facts.start, rng.randint(8, 12))
    for k, outlet in enumerate(rng.sample(outlets, min(size, len(outlets)))):
        day = facts.start + dt.timedelta(days=min(k, rng.randrange(0, 6)))
        if k > 0 and rng.random() < 0.35:
            keep = rng.randint(max(4, len(wire_body) - 3), len(wire_body))
            paragraphs = [f"{facts.place.upper()} ({wire_code}) — {wire_body[0]}", *wire_body[1:keep]]
            byline = wire_name
        else:
            paragraphs = article_text(facts, rng, day, rng.randint(8, 13))
            byline = f"{rng.choice(_FIRST_NAMES)} {invented_word(rng)}"
        title = headline(facts, rng, day)
        slug = "-".join(title.lower().replace(",", "").split()[:8])
        url = f"https://www.{outlet.domain}/{day:%Y/%m/%d}/{slug}-{facts.id}"
        html_text = page_html(outlet, title, paragraphs, day, byline, rng)
        yield SynthPage(url, outlet.name, facts.id, day, html_text, title, paragraphs, _names(facts))


def _names(facts: StoryFacts) -> list[tuple[str, str]]:
    people = [(name, "PERSON") for name, _ in facts.people]
    return [*people, (facts.place, "GPE"), (facts.group, "ORG")]


def generate(articles: int, seed: int = 0, outlets: int = 60) -> Iterator[SynthPage]:
    """`articles` pages, story by story; story sizes from 1 to 40, mostly small."""
    rng = random.Random(seed)
    sites = make_outlets(rng, outlets)
    made = number = 0
    while made < articles:
        size = min(articles - made, max(1, min(40, int(rng.paretovariate(1.2) * 2))))
        yield from story_pages(make_story(rng, number), sites, size, rng)
        made += min(size, len(sites))
        number += 1


def write_corpus(out: Path, articles: int, seed: int = 0, fmt: Format = "both") -> int:
    """Write the corpus (html/ folder, warc/ files, truth.jsonl) under `out`; returns pages written."""
    out.mkdir(parents=True, exist_ok=True)
    writer = _WarcFiles(out / "warc") if fmt in ("warc", "both") else None
    count = 0
    with (out / "truth.jsonl").open("w", encoding="utf-8") as truth:
        for page in generate(articles, seed):
            if fmt in ("html", "both"):
                path = out / "html" / page.url.split("/")[2] / (page.url.rsplit("/", 1)[1] + ".html")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(page.html, encoding="utf-8")
            if writer:
                writer.write(page)
            truth.write(json.dumps({"url": page.url, "story": page.story, "outlet": page.outlet}) + "\n")
            count += 1
    if writer:
        writer.close()
    return count


class _WarcFiles:
    """Response records into gzipped WARC files of RECORDS_PER_WARC records each."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.records = 0
        self.handle: io.BufferedWriter | None = None
        self.writer: WARCWriter | None = None

    def write(self, page: SynthPage) -> None:
        if self.writer is None or self.records % RECORDS_PER_WARC == 0:
            self._next_file()
        assert self.writer is not None
        payload = page.html.encode("utf-8")
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        stamp = f"{page.day.isoformat()}T12:00:00Z"
        record = self.writer.create_warc_record(
            page.url,
            "response",
            payload=io.BytesIO(payload),
            http_headers=headers,
            # Ids from the URL, not random uuids, so that a seed gives the same bytes.
            warc_headers_dict={
                "WARC-Date": stamp,
                "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, page.url)}>",
            },
        )
        self.writer.write_record(record)
        self.records += 1

    def _next_file(self) -> None:
        self.close()
        path = self.folder / f"synth-{self.records // RECORDS_PER_WARC:05d}.warc.gz"
        self.handle = path.open("wb")
        self.writer = WARCWriter(self.handle, gzip=True)

    def close(self) -> None:
        if self.handle:
            self.handle.close()
            self.handle = None


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic news corpus for load tests.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("html", "warc", "both"), default="both")
    args = parser.parse_args()
    count = write_corpus(args.out, args.articles, args.seed, args.format)
    print(f"{count} pages written to {args.out}")


if __name__ == "__main__":
    main()
