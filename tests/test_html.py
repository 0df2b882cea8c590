"""The HTML writer: standalone pages, stable ids, comments linked both ways, escaping."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from wsis20.writers.html import render
from wsis20.writers.masthead import agenda_line, ordinal_words

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


HOSTILE = ('<script>alert(1)</script>"><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>'
           '</style><style>body{background:url(http://127.0.0.1:9/x)}</style><iframe src=//e.x>'
           "' onmouseover='alert(4)")
FIELDS = {
    "title": "---\ntitle: {h}\n---\n1. We decide.\n",
    "short_title": "---\nshort_title: {h}\n---\n1. We decide.\n",
    "symbol": "---\nsymbol: {h}\n---\n1. We decide.\n",
    "sponsor": "---\nsponsor: {h}\n---\n1. We decide.\n",
    "committee": "---\ncommittee: {h}\n---\n1. We decide.\n",
    "organ": "---\norgan: {h}\n---\n1. We decide.\n",
    "session": "---\nsession: {h}\n---\n1. We decide.\n",
    "agenda": "---\nagenda: [{h}, 2]\n---\n1. We decide.\n",
    "date": "---\ndate: {h}\n---\n1. We decide.\n",
    "original": "---\noriginal: {h}\n---\n1. We decide.\n",
    "job_number": "---\njob_number: {h}\n---\n1. We decide.\n",
    "stage": "---\nstage: {h}\n---\n1. We decide.\n",
    "formula": "---\nformula: {h}\n---\n1. We decide.\n",
    # The adopted form prints these only with `stage: adopted` (the symbol then defaults to A/RES/<resolution>).
    "resolution": "---\nstage: adopted\nresolution: {h}\n---\n1. We decide.\n",
    "adopted": "---\nstage: adopted\nadopted: {h}\n---\n1. We decide.\n",
    "meeting": "---\nstage: adopted\nmeeting: {h}\n---\n1. We decide.\n",
    "agenda_title": "---\nstage: adopted\nagenda_title: [{h}, {h}]\n---\n1. We decide.\n",
    "report": "---\nstage: adopted\ncommittee: {h}\nreport: {h}\n---\n1. We decide.\n",
    "without_reference": "---\nstage: adopted\nwithout_reference: {h}\n---\n1. We decide.\n",
    "author name": "---\nauthors: {{EU: {h}}}\n---\n1. We decide {{>>EU: why<<}} {{++EU: more++}}.\n",
    "heading": "# {t}\n\n1. We decide.\n",
    "paragraph": "1. {t}\n",
    "unnumbered text": "{t}\n",
    "sub-paragraph": "1. We decide:\n  (a) {t}\n",
    "comment body": "1. We decide {{>>{t}<<}}.\n",
    "comment anchor": "1. We decide {{=={t}==}}{{>>why<<}}.\n",
    "footnote": "1. We decide{{^{t}^}}.\n",
    "insertion": "1. We decide {{++{t}++}}.\n",
    "deletion": "1. We decide {{--{t}--}}.\n",
    "substitution": "1. We decide {{~~{t}~>{t}~~}}.\n",
    "bracket": "1. We decide [{t}/{t}].\n",
    "emphasis": "1. We *decide {t}* **{t}** __{t}__.\n",
}


def _yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("view", ["negotiation", "clean", "compilation"])
def test_no_user_text_reaches_the_page_as_markup(field, view):
    from html_safety import audit

    text = FIELDS[field].format(h=_yaml_quoted(HOSTILE), t=_escaped(HOSTILE))
    compiled = compile_text(text)
    assert not any(d.code == "syntax" for d in compiled.diagnostics), compiled.diagnostics
    html = render(compile_text(text, view=view).document, view)
    assert audit(html) == [], field
    if view == "negotiation":  # the words are there, as text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, field


def test_drawing_non_breaking_hyphens_for_print_adds_no_markup_from_the_draft():
    from html_safety import audit
    from wsis20.writers.pdf import for_the_print_faces

    hostile = "\u2011".join(HOSTILE)  # every character of the payload beside a non-breaking hyphen
    text = f"---\ntitle: {_yaml_quoted(hostile)}\n---\n1. {_escaped(hostile)} {{>>{_escaped(hostile)}<<}}\n"
    page = for_the_print_faces(render(compile_text(text).document, media="print"))
    assert audit(page) == []
    body = page[page.index("<body"):]
    shown = unescape(re.sub(r"<[^>]*>", "", body))
    assert "-".join(HOSTILE) in shown  # every character and entity whole, the hyphen drawn as "-"
    assert "\u2011" not in shown  # no text keeps one ...
    assert 'title="&lt;\u2011s\u2011c' in body  # ... while attributes keep what was written
    assert "<title>&lt;\u2011s\u2011c" in page  # and so does the head, the PDF's metadata


def test_the_audit_finds_what_it_looks_for():
    from html_safety import audit

    page = "<html><head><style>p {}</style></head><body>{}</body></html>"
    assert audit(page.replace("{}", "", 1).replace("{}", "<p>fine</p>")) == []
    for bad in ("<script>x</script>", '<img src=x onerror="y">', '<a href="javascript:x">', "<style>a{}</style>",
                '<p style="color:red">', '<iframe src="//x">', '<p id="a b">'):
        assert audit(page.replace("{}", "", 1).replace("{}", bad)), bad


def _escaped(text: str) -> str:
    """The payload as markup source: its markup characters escaped so it stays text."""
    return "".join("\\" + c if c in "*_[]{}~\\/" else c for c in text)


def test_labels_and_ids_cannot_carry_markup():
    from html_safety import audit

    compiled = compile_text('1. {#a"onclick=x} We decide {@a"onclick=x}.\n\n2. {#ok} We note {@ok}.\n')
    html = render(compiled.document, "negotiation")
    assert audit(html) == []
    assert any(d.code in ("syntax", "unknown-label") for d in compiled.diagnostics)


def test_masthead_words():
    assert ordinal_words(80) == "Eightieth"
    assert ordinal_words(71) == "Seventy-first"
    assert ordinal_words(12) == "Twelfth"
    assert agenda_line(("67",)) == "Agenda item 67"
    assert agenda_line(("13", "14", "115")) == "Agenda items 13, 14 and 115"
    assert agenda_line(("Item 16 of the preliminary list",)) == "Item 16 of the preliminary list"
    # Sub-items, as A/RES/78/212's masthead prints them; words already written are not said twice.
    assert agenda_line(("71 (b)",)) == "Agenda item 71 (b)"
    assert agenda_line(("18 (a) (i)", "20")) == "Agenda items 18 (a) (i) and 20"
    assert agenda_line(("Agenda item 13",)) == "Agenda item 13"
    assert agenda_line(("13 and 117",)) == "Agenda items 13 and 117"
    assert agenda_line(("Agenda items 13 and 117",)) == "Agenda items 13 and 117"


def test_an_agenda_sub_item_prints_in_the_masthead():
    html = html_of("---\nagenda: 71 (b)\n---\n1. We decide.\n")
    assert '<div class="preface-line">Agenda item 71 (b)</div>' in html


def test_footnotes_sit_in_the_text_column():
    for comment in ("", "{>>a comment, which widens the body<<}"):
        html = html_of(f"1. We decide{comment}.{{^See A/60/687.^}}\n")
        assert ('class="comments"' in html) == bool(comment)
        # Inside the body's column, which the paragraphs share, not across the window after it.
        assert html.index('<main class="body">') < html.index('<section class="footnotes">') < html.index("</main>")


def test_the_page_keeps_the_characters_as_written():
    # The PDF draws a non-breaking hyphen as the face's hyphen (writers/pdf.py);
    # the page keeps it, so that words copied from it stay as the draft wrote them.
    html = html_of("---\ntitle: On non\u2011military\n---\n1. We decide on non\u2011military and co\u00adoperation.\n")
    assert '<h1 class="title">On non\u2011military</h1>' in html
    assert "We decide on non\u2011military and co\u00adoperation." in html
