"""The `qa` command line: `qa.cli.main:main` is the entry point."""

from qa.cli.main import main

__all__ = ["main"]
