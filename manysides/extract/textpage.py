"""Articles from a plain-text scrape, using our line classifier."""

from __future__ import annotations

from manysides.errors import ExtractionError
from manysides.extract.dates import parse_date_line, wire_dateline
from manysides.extract.lines import Line
from manysides.extract.liveblog import Section, is_roundup, sections
from manysides.extract.textclassify import Layout, classify_text
from manysides.extract.textrules import byline_author, byline_parts
from manysides.extract.threads import ThreadComment
from manysides.models import Block, Comment, PubDate


class TextParts:
    """What the classifier found on a plain-text page, ready to become articles."""

    def __init__(self, source: str, content: str) -> None:
        self.layout: Layout = classify_text(content)
        body = self.layout.of_role("body")
        if not body:
            raise ExtractionError(source, f"no article text found ({_role_summary(self.layout)})")

    @property
    def title(self) -> str:
        return self.layout.title

    @property
    def author(self) -> str | None:
        for line in self.layout.of_role("byline"):
            if (name := byline_author(line.text)) is not None:
                return name
        return None

    @property
    def text_date(self) -> PubDate | None:
        """From a dateline line, a date in a byline ('By X | 9 March 2025'), or a wire dateline."""
        for line in self.layout.of_role("dateline"):
            if (found := parse_date_line(line.text)) is not None:
                return PubDate(value=found, source="text", evidence=line.text)
        for line in self.layout.of_role("byline"):
            for part in byline_parts(line.text)[1:]:
                if (found := parse_date_line(part)) is not None:
                    return PubDate(value=found, source="text", evidence=line.text)
        body = self.layout.of_role("body")
        if body and (wire := wire_dateline(body[0].text)) is not None:
            return PubDate(value=wire[0], source="text", evidence=wire[1])
        return None

    @property
    def comments(self) -> list[Comment]:
        return [_comment(c, order) for order, c in enumerate(self.layout.comments)]

    def items(self) -> list[tuple[str, list[Line], list[Block]]]:
        """(title, body lines, removed blocks) per article: one, or one per round-up item."""
        ordered = list(zip(self.layout.lines, self.layout.roles, strict=True))
        parts = sections(ordered)
        if not is_roundup(self.title, parts):
            body = [line for line, role in ordered if role in ("body", "subheading")]
            return [(self.title, body, self._removed(0, len(ordered)))]
        return [self._item(parts, k) for k in range(len(parts))]

    def _item(self, parts: list[Section], k: int) -> tuple[str, list[Line], list[Block]]:
        part = parts[k]
        title = part.heading.text if part.heading is not None else self.title
        start = 0 if k == 0 else (part.heading or part.body[0]).index
        end = len(self.layout.lines) if k == len(parts) - 1 else _first_index(parts[k + 1])
        return title, part.body, self._removed(start, end)

    def _removed(self, start: int, end: int) -> list[Block]:
        pairs = zip(self.layout.lines[start:end], self.layout.roles[start:end], strict=True)
        return [Block(text=line.text, role=role) for line, role in pairs if role not in ("body", "subheading")]


def _first_index(section: Section) -> int:
    return (section.heading or section.body[0]).index


def _comment(found: ThreadComment, order: int) -> Comment:
    author = found.author.text if found.author is not None else None
    return Comment(author=author, text="\n".join(line.text for line in found.lines), order=order)


def _role_summary(layout: Layout) -> str:
    counts: dict[str, int] = {}
    for role in layout.roles:
        counts[role] = counts.get(role, 0) + 1
    if not counts:
        return "the page is empty"
    return "lines by role: " + ", ".join(f"{role} {n}" for role, n in sorted(counts.items()))
