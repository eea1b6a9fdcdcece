"""Clean articles out of pages: HTML through trafilatura, plain text through our classifier."""

from manysides.extract.article import extract_page

__all__ = ["extract_page"]
