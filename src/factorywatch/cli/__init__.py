"""The ``factorywatch`` command: a thin layer over the library.

Each command parses its options, calls one library function and prints the result. Errors
the library raises on purpose (``FactorywatchError``) become one line on stderr and an exit
code; nothing else is caught, so a real bug still shows its traceback. The commands live in
one module per stage; importing them registers them on the group.
"""

from factorywatch.cli import documents, extraction, facilities, judgements, serve  # noqa: F401
from factorywatch.cli.app import cli, main

__all__ = ["cli", "main"]
