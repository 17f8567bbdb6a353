"""What changed between an article's consecutive revisions, word by word, for the reading view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from newscrawler.archive.reading import Revision
from newscrawler.normalize.diff import Change, word_diff


@dataclass(frozen=True)
class RevisionChange:
    """What changed from one revision to the next: word runs of title and body, None if same."""

    before: Revision
    after: Revision
    title: list[tuple[Change, str]] | None
    body: list[tuple[Change, str]] | None


def _text_diff(old: str | None, new: str | None) -> list[tuple[Change, str]] | None:
    return None if old == new else word_diff(old or "", new or "")


def revision_changes(revisions: Sequence[Revision]) -> list[RevisionChange]:
    """Each revision against the one before it, oldest first."""
    return [
        RevisionChange(
            before,
            after,
            _text_diff(before.title, after.title),
            _text_diff(before.body, after.body),
        )
        for before, after in pairwise(revisions)
    ]
