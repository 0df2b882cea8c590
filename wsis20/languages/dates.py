"""A date in words, in each official language, as the UN's files write it: the
months of Unicode's CLDR (through Babel, imported here lazily: the writers call
this, `wsisc check` never does), with the UN's own exceptions read from the
files (docs/languages.md, "First page and closing"):

- French "1er avril 2024" (coverPage docDate of A/RES/78/265, French);
- Spanish "21 de marzo de 2024";
- Russian "21 марта 2024 года", the month in the genitive (CLDR's format form);
- Arabic "21 آذار/مارس 2024": the Levantine month and the Egyptian one, with
  "يونيه" and "يوليه" for June and July where CLDR has "يونيو" and "يوليو"
  (every Arabic docDate of the 78th session), digits left to right;
- Chinese "2024年3月21日".

In the closing lines the day keeps to its month with a no-break space in English,
French, Spanish and Russian (and Russian "года" to its year), as most closing dates of
the 78th session print them; Arabic and Chinese have none.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")
# The UN's Arabic June and July: "حزيران/يونيه", "تموز/يوليه" (CLDR: يونيو, يوليو).
_ARABIC_EXCEPTIONS = {6: "يونيه", 7: "يوليه"}


@lru_cache(maxsize=None)
def months(language: str, locale: str | None = None) -> tuple[str, ...]:
    """The twelve months as a date names them (CLDR's wide format form)."""
    from babel import Locale

    names = Locale.parse(locale or language).months["format"]["wide"]
    return tuple(names[month] for month in range(1, 13))


def arabic_month(month: int) -> str:
    """"آذار/مارس": the Levantine name (CLDR ar_SY), a slash, and the Egyptian one
    (CLDR ar, with the UN's June and July)."""
    levant = months("ar", "ar_SY")[month - 1]
    egypt = _ARABIC_EXCEPTIONS.get(month) or months("ar")[month - 1]
    return f"{levant}/{egypt}"


def date_words(language: str, date: datetime.date, *, closing: bool = False) -> str:
    """The date in words in the language; ``closing`` for the adopted form's last
    line and its line of adoption, with the no-break spaces those lines keep."""
    space = "\u00a0" if closing else " "
    day, month, year = date.day, date.month, date.year
    match language:
        case "fr":
            return f"{day}{'er' if day == 1 else ''}{space}{months('fr')[month - 1]} {year}"
        case "es":
            return f"{day}{space}de {months('es')[month - 1]} de {year}"
        case "ru":
            return f"{day}{space}{months('ru')[month - 1]} {year}{space}года"
        case "ar":
            return f"{day} {arabic_month(month)} {year}"
        case "zh":
            return f"{year}年{month}月{day}日"
    return f"{day}{space}{_ENGLISH_MONTHS[month - 1]} {year}"
