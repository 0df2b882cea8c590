"""The names wsisc's Akoma Ntoso export writes and its import reads back, in
one place for both directions (docs/akn.md, docs/akn-import.md). The export
(writers/akn.py) and the import (readers/akn.py) share nothing else: the writer
loads Jinja for the HTML's helpers, which the import has no need of."""

from __future__ import annotations

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN4UN_NAMESPACE = "http://un.org/akn4un"  # the UN's own elements in meta/presentation

# wsisc's own namespace, for what the markup says and AKN has no place for.
WSISC_NAMESPACE = "urn:wsisc:akn"
# Its attributes, on the element they concern:
LABEL = "label"  # {#name}: on a paragraph, point, container, item or attachment
MARKER = "marker"  # a marker as written ("#+.", "(#)", "Action #."), where the printed number does not give it back
LEVEL = "level"  # "3" on a `###` heading: AKN4UN's H23 class holds `##` and `###` alike
# meta/proprietary/wsisc:settings: the front matter's keys that no AKN element
# holds, as attributes named as the keys are (preamble_numbering="pp").
SETTINGS = "settings"

# The concepts a paragraph's refersTo names: its status, and a whole-paragraph proposal.
STATUS_CONCEPTS = {"agreed": "agreed", "ad-ref": "agreedAdRef", "closure": "suggestedForClosure",
                   "reopened": "reopened"}
PROPOSAL_CONCEPTS = {"new": "proposedNew", "delete": "proposedDeletion"}
AUTHOR_PREFIX = "author_"  # a delegation's TLCOrganization: eId="author_EU"

# Inline names and classes of the negotiation constructs.
COMMENT_CLASS = "comment"  # noteRef and note of a comment
COMMENT_ANCHOR = "commentAnchor"  # inline: the words a comment highlights
SUBSTITUTION_CLASS = "substitution"  # del and ins of one {~~old~>new~~}
BRACKET = "bracket"  # inline: [text], its brackets kept
ALTERNATIVE = "alternative"  # inline: one of [shall/should]
NUMBER = "num"  # inline: a number where the schema allows no num (a container, a preamble's heading)
ORIGINAL = "original"  # inline: "Original: English" on the cover page, "[Original: French]" in an annex
ANNEX_LABEL = "annexLabel"  # inline: an annex's label in its preface
