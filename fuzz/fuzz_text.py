"""Fuzz plain-text reading and extraction: bytes to articles, or a reason naming the page."""

from __future__ import annotations

from fuzz.extraction import check_extraction
from fuzz.harness import run


def one_input(data: bytes) -> None:
    check_extraction(data, "text", "fuzz/page.txt")


if __name__ == "__main__":
    run(one_input)
