"""Builds a typeset PDF and an EPUB 3 from Markdown chapters and a BibTeX bibliography."""

__version__ = "0.1.0"
