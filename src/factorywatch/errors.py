"""One exception hierarchy for the library.

The CLI turns each of these into a one-line message and an exit code, the web app into a
status code; anything else that escapes is a bug in factorywatch, not a user's mistake.
"""

from __future__ import annotations


class FactorywatchError(Exception):
    """Base of every error factorywatch raises on purpose."""

    exit_code = 1


class InputError(FactorywatchError):
    """One input (file, record, line) cannot be read; the run skips it and goes on."""

    exit_code = 2

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class StoreError(FactorywatchError):
    """The database cannot be opened, is not a factorywatch database, or is too new."""


class NotFound(FactorywatchError):
    """A document, facility or judgement asked for by id or name does not exist."""


class UsageError(FactorywatchError):
    """The arguments make no sense together (bad filter, unknown format...)."""
