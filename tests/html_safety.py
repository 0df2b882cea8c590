"""What any page wsisc writes must satisfy, whatever the draft says: checked
on the parsed page, so it holds for payloads nobody thought of."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Every element the templates and the inline writer produce; anything else came from the draft.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "main", "section", "div", "p", "span",
                "a", "h1", "h2", "h3", "h4", "em", "strong", "u", "ins", "del", "sup", "ol", "ul", "li", "aside",
                "img", "br", "table", "thead", "tbody", "tr", "th", "td", "mark", "footer", "nav", "b", "i", "s",
                "small", "abbr", "time", "hr", "link"}
SAFE_ID = re.compile(r"[A-Za-z][\w.:-]*\Z")


class PageAudit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.styles = 0
        self.in_style = False
        self.style_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"element <{tag}>")
        if tag in ("script", "iframe", "object", "embed", "form", "base"):
            self.problems.append(f"active element <{tag}>")
        if tag == "style":
            self.styles += 1
            self.in_style = True
        if tag == "link":
            self.problems.append("a <link> (the page is standalone)")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"inline style on <{tag}>")
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                if name == "src" and value.startswith("data:image/"):
                    continue
                if not value.startswith("#"):
                    self.problems.append(f"{name}={value[:40]!r} on <{tag}>")
            if name in ("id", "for", "headers") and value and not SAFE_ID.match(value):
                self.problems.append(f"{name}={value[:40]!r}")

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style_text.append(data)


def audit(html: str) -> list[str]:
    """What is wrong with a page: elements, attributes or URLs a draft put there."""
    page = PageAudit()
    page.feed(html)
    page.close()
    problems = list(page.problems)
    if page.styles != 1:
        problems.append(f"{page.styles} <style> elements, not the page's one")
    css = "".join(page.style_text)
    if re.search(r"url\((?!['\"]?data:)|@import|expression\(|javascript:", css, re.IGNORECASE):
        problems.append("the stylesheet fetches or runs something")
    return problems
