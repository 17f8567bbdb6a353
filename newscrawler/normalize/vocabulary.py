"""`Vocabulary`: what the normalizers know of one edition's language (site profile, DESIGN §2)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Vocabulary:
    """One edition's words, as data: its profile's `[vocabulary]` table.

    `agency_names` are the agency's names as datelines write them (`SANA`, `سانا`, `САНА`);
    `months` maps each month name or abbreviation, case-folded, to its number;
    `promo_lines` are regular expressions of promotion lines the site appends inside a body
    (Telegram, WhatsApp, VK), which are never part of it.
    """

    language: str = "en"
    agency_names: tuple[str, ...] = ("SANA",)
    months: Mapping[str, int] = field(default_factory=dict)
    promo_lines: tuple[str, ...] = ()

    @classmethod
    def from_table(cls, language: str, table: Mapping[str, Any]) -> Vocabulary:
        """A profile's `[vocabulary]` table; `months` is a list of 12 lists of names."""
        months = {
            name.casefold(): number
            for number, names in enumerate(table.get("months", []), start=1)
            for name in names
        }
        return cls(
            language=language,
            agency_names=tuple(table.get("agency_names", ["SANA"])),
            months=months,
            promo_lines=tuple(table.get("promo_lines", [])),
        )


# The English edition's vocabulary, for callers that name no edition (its profile says the same).
ENGLISH = Vocabulary()
