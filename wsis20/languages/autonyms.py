"""Each official language's name in itself, for the head of its column in a
side-by-side print (`wsisc build --side-by-side`): a reader finds the column
of their language by its own name.

Chosen: the names as the United Nations' own sites list the language versions
(un.org's language menu: العربية, 中文, English, Français, Русский, Español).
"""

from __future__ import annotations

AUTONYMS = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية", "zh": "中文"}


def autonym(code: str) -> str:
    return AUTONYMS.get(code, code)
