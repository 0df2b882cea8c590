"""wsisc: a compiler for United Nations negotiation drafts.

This module imports nothing heavy: ``wsisc check`` starts fast because only what
it needs is imported (the HTML writer imports Jinja; the PDF writer WeasyPrint).
"""

__version__ = "0.2.0"
