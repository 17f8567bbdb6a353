"""`Vocabulary`: what the normalizers know of one edition's language (site profile, DESIGN §2)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The dateline shapes `split_dateline` knows (docs/normalization.md "Datelines"):
# `City, SANA –`, `City (SANA)`, `City, Dec. 11 (SANA)`: the agency, then a dash or nothing;
AGENCY_THEN_DASH = "agency_then_dash"
# `دمشق-سانا`, `Алеппо – САНА`, `Damas-SANA/`: a dash, then the agency, at most a slash after.
DASH_THEN_AGENCY = "dash_then_agency"
DATELINE_FORMS = (AGENCY_THEN_DASH, DASH_THEN_AGENCY)

_ENGLISH_MONTHS = (
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"),
)  # fmt: skip


def _month_numbers(months: object) -> dict[str, int]:
    """12 lists of names (January's first) → case-folded name → month number."""
    if not isinstance(months, list | tuple):
        return {}
    return {
        str(name).casefold(): number
        for number, names in enumerate(months, start=1)
        for name in names
    }


@dataclass(frozen=True)
class Vocabulary:
    """One edition's words, as data: its profile's `[vocabulary]` table.

    `agency` is the agency's one name in `dateline_agency` (`SANA`, whatever the edition);
    `agency_names` are its names as datelines write them (`SANA`, `سانا`, `САНА`);
    `dateline_forms` the dateline shapes the edition writes, tried in order;
    `months` maps each month name or abbreviation, case-folded, to its number;
    `promo_lines` are regular expressions of promotion lines the site appends inside a body
    (Telegram, WhatsApp, VK), which are never part of it;
    `function_words` are words no person's name holds (`من`, `في`), `function_prefixes` the
    prefixes that make a word one (`وال`, "and the"): in a script without capitals they tell a
    last sentence from an editor tag line.
    """

    language: str = "en"
    agency: str = "SANA"
    agency_names: tuple[str, ...] = ("SANA",)
    dateline_forms: tuple[str, ...] = (AGENCY_THEN_DASH,)
    # Left out of the hash (a dict has none) so that a vocabulary can key a cache; equality
    # still compares it.
    months: Mapping[str, int] = field(
        default_factory=lambda: _month_numbers(_ENGLISH_MONTHS), hash=False
    )
    promo_lines: tuple[str, ...] = ()
    function_words: frozenset[str] = frozenset()
    function_prefixes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.dateline_forms) - set(DATELINE_FORMS)
        if unknown:
            raise ValueError(f"unknown dateline forms {sorted(unknown)}: use {DATELINE_FORMS}")

    @classmethod
    def from_table(cls, language: str, table: Mapping[str, Any]) -> Vocabulary:
        """A profile's `[vocabulary]` table; `months` is a list of 12 lists of names."""
        return cls(
            language=language,
            agency=table.get("agency", "SANA"),
            agency_names=tuple(table.get("agency_names", ["SANA"])),
            dateline_forms=tuple(table.get("dateline_forms", [AGENCY_THEN_DASH])),
            months=_month_numbers(table.get("months", [])),
            promo_lines=tuple(table.get("promo_lines", [])),
            function_words=frozenset(table.get("function_words", [])),
            function_prefixes=tuple(table.get("function_prefixes", [])),
        )


# The English edition's vocabulary, for callers that name no edition (its profile says the same).
ENGLISH = Vocabulary()
