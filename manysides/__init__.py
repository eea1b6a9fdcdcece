"""manysides: many outlets' coverage of a story, compared checkably."""

__version__ = "0.1.0"
