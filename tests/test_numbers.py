import pytest

from wsis20.numbers import (Number, alpha_label, from_alpha_label, from_letters, from_roman, letters, rank_of,
                            roman, sub_label, suffix)

# The sequence from research/un-format.md, section 2.1 (Catalan Parliament note).
SEQUENCE = ("bis ter quater quinquies sexies septies octies novies decies undecies duodecies terdecies "
            "quaterdecies quindecies sexdecies septdecies octodecies novodecies vicies unvicies duovicies "
            "tervicies quatervicies quinvicies sexvicies septvicies octovicies novovicies tricies untricies").split()


def test_suffix_sequence_beyond_decies():
    assert [suffix(rank) for rank in range(2, 2 + len(SEQUENCE))] == SEQUENCE
    assert suffix(1) == ""
    assert suffix(40) == "quadragies"
    assert suffix(50) == "quinquagesies"


@pytest.mark.parametrize("word", SEQUENCE)
def test_every_suffix_reads_back(word):
    assert suffix(rank_of(word)) == word


@pytest.mark.parametrize("alias, canonical", [("nonies", "novies"), ("quinques", "quinquies"),
                                              ("quat", "quater"), ("BIS", "bis"), ("Ter", "ter")])
def test_aliases_and_case_are_accepted_and_written_canonically(alias, canonical):
    assert suffix(rank_of(alias)) == canonical


def test_unknown_suffix():
    assert rank_of("bsi") is None


def test_number_order_and_text():
    assert Number(103) < Number(103, 2) < Number(103, 3) < Number(104)
    assert str(Number(103, 3)) == "103ter"
    assert Number(3, 2).with_letters() == "Cbis"


@pytest.mark.parametrize("n, text", [(1, "A"), (7, "G"), (26, "Z"), (27, "AA"), (28, "AB"), (52, "AZ"), (53, "BA")])
def test_letters_round_trip(n, text):
    assert letters(n) == text
    assert from_letters(text) == n


def test_roman_and_alpha_labels():
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["i", "iv", "ix", "xiv", "xl"]
    assert from_roman("xiv") == 14
    assert from_roman("iiii") is None
    assert [alpha_label(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert from_alpha_label("bb") == 28
    assert from_alpha_label("ab") is None


def test_sub_labels_by_level_follow_the_editorial_manual():
    assert [sub_label(level, 2) for level in (1, 2, 3, 4)] == ["(b)", "(ii)", "b.", "ii."]
