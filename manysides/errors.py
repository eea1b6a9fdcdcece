"""The exceptions manysides raises; each message names the input and the problem."""

from __future__ import annotations


class ManysidesError(Exception):
    """Base of every error the tool reports to the user."""


class InputError(ManysidesError):
    """An input file cannot be read or is not what it claims to be."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ManifestError(InputError):
    """The manifest is missing columns or has a row that cannot be used."""


class ExtractionError(InputError):
    """A page was read but holds no article text."""


class StoreError(ManysidesError):
    """The database cannot be opened or is not a manysides store."""


class NotFound(ManysidesError):
    """A story or article id that is not in the store."""
