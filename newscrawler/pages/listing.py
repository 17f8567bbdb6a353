"""`Listing`: what a listing page offers the spider (article links, dates, pagination)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Listing:
    """One listing page as printed: article links newest first and where the listing goes on.

    `article_dates` runs parallel to `article_urls`: the card's `datetime` on the relaunched
    layout, the item's `.tie-date` (`March 14, 2017`) or timeline day and month header
    (`14 March` under `March, 2017`) as `2017-03-14` on the archive layout, None where an item
    prints no full date ("3 days ago").
    """

    article_urls: list[str] = field(default_factory=list)
    article_dates: list[str | None] = field(default_factory=list)
    next_url: str | None = None
    page_urls: list[str] = field(default_factory=list)
    current_page: int = 1
    total_pages: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
