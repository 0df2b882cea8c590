"""The HTML writer: standalone pages, stable ids, comments linked both ways, escaping."""

import re
from html.parser import HTMLParser

from wsis20.writers.html import agenda_line, ordinal_words, render

from conftest import compile_text


class Elements(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]

    def with_class(self, cls: str) -> list[dict]:
        return [a for _, a in self.tags if cls in (a.get("class") or "").split()]


def html_of(text: str, **options) -> str:
    compiled = compile_text(text, **options)
    assert not compiled.failed, compiled.diagnostics
    return render(compiled.document, options.get("view", "negotiation"))


DRAFT = """
    ---
    symbol: A/80/L.41
    session: 80
    agenda: [13, 115]
    sponsor: Draft resolution submitted by the President of the General Assembly
    title: Outcome document
    date: 2025-08-29
    distribution: Limited
    original: English
    stage: Zero draft
    authors: {ПW: Russian Federation}
    ---
    # Internet governance

    A. *Recalling* its resolution,

    103. {#def} We reaffirm {==the definition==}{>>ПW: why?<<}.

    #+. We remain concerned, see {@def}:
      (a) first;
      (b) second.
    """


def test_standalone_page_fetches_nothing():
    html = html_of(DRAFT)
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html
    assert not re.search(r'<(link|script|img|iframe)\b', html)
    assert not re.search(r'(src|href)="(?!#)', html)  # every link is inside the page


def test_masthead_fields():
    html = html_of(DRAFT)
    for text in ("United Nations", "General Assembly", "/80/L.41", "Distr.: Limited", "29 August 2025",
                 "Original: English", "Eightieth session", "Agenda items 13 and 115",
                 "Draft resolution submitted by the President of the General Assembly", "Zero draft",
                 "Outcome document"):
        assert text in html, text
    assert '<span class="organ-letter">A</span>/80/L.41' in html


def test_ids_follow_akoma_ntoso_eids():
    ids = Elements(html_of(DRAFT)).ids()
    assert [i for i in ids if not i.startswith(("comment", "running-"))] == [
        "sec_1", "pp_A", "para_103", "para_103bis", "para_103bis__point_a", "para_103bis__point_b"]


def test_comments_are_linked_both_ways_in_a_margin_column():
    elements = Elements(html_of(DRAFT))
    (ref,) = elements.with_class("comment-ref")
    (comment,) = elements.with_class("comment")
    (label,) = elements.with_class("comment-label")
    assert ref["href"] == "#" + comment["id"]
    assert label["href"] == "#" + ref["id"]
    html = html_of(DRAFT)
    assert '<mark class="comment-anchor">the definition</mark>' in html
    assert "[ПW1]" in html and "why?" in html
    assert '<aside class="comments">' in html


def test_cross_reference_links_to_its_target():
    html = html_of(DRAFT)
    assert '<a class="xref" href="#para_103">103</a>' in html


def test_no_comments_and_clean_view_leave_comments_out():
    for options in ({"comments": False}, {"view": "clean"}):
        html = html_of(DRAFT, **options)
        assert "why?" not in html and 'class="comment-ref"' not in html
        assert "the definition" in html  # the anchored words stay
    clean_ids = Elements(html_of(DRAFT, view="clean")).ids()
    assert "para_2" in clean_ids and "para_103bis" not in clean_ids


def test_user_text_is_escaped_everywhere():
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    text = f"""
        ---
        title: '{hostile}'
        symbol: '{hostile}'
        authors: {{u: '{hostile}'}}
        ---
        # {hostile}

        1. {hostile} {{==<b>x</b>==}}{{>>u: {hostile}<<}}
          (a) <a href="javascript:alert(3)">link</a>
        """
    html = html_of(text)
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert '<a href="javascript' not in html
    assert "&lt;script&gt;" in html


def test_masthead_words():
    assert ordinal_words(80) == "Eightieth"
    assert ordinal_words(71) == "Seventy-first"
    assert ordinal_words(12) == "Twelfth"
    assert agenda_line(("67",)) == "Agenda item 67"
    assert agenda_line(("13", "14", "115")) == "Agenda items 13, 14 and 115"
    assert agenda_line(("Item 16 of the preliminary list",)) == "Item 16 of the preliminary list"
