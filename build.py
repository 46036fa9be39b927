#!/usr/bin/env python3
"""Build the book: `python build.py` writes dist/book.pdf and dist/book.epub."""

import sys

from book.cli import main

if __name__ == "__main__":
    sys.exit(main())
