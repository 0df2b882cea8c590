"""What any Akoma Ntoso file wsisc writes must satisfy: the OASIS schema
(tests/fixtures/akn/schema/, loaded once per test run, from those files only),
and every ``#id`` it points to declared in it."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from conftest import FIXTURES

SCHEMA = FIXTURES / "akn" / "schema" / "akomantoso30.xsd"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# No network and no entities: the schema imports ./xml.xsd beside it, nothing else.
PARSER = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA), PARSER))


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, PARSER)


def problems(data: bytes) -> list[str]:
    """Why a file is not valid Akoma Ntoso, or what it points to that it does not declare: [] when nothing."""
    root = parse(data)
    found = [] if schema().validate(root) else [f"line {e.line}: {e.message}" for e in schema().error_log]
    ids = {element.get("eId") for element in root.iter() if element.get("eId")}
    for element in root.iter():
        pointers = (element.get("refersTo") or "").split() + [element.get(name) or "" for name in
                                                              ("href", "source", "as")]
        for pointer in pointers:
            if pointer.startswith("#") and pointer[1:] not in ids:
                found.append(f"line {element.sourceline}: {etree.QName(element).localname} points to "
                             f"{pointer}, which nothing declares")
    return found
