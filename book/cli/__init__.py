"""The command line: arguments, progress, messages and exit codes (the only place that prints)."""

from .main import main

__all__ = ["main"]
