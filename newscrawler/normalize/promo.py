"""Promotion lines at the end of a body (Telegram, WhatsApp, VK invitations and their links)."""

from __future__ import annotations

import re
from functools import cache

from newscrawler.normalize.arabic import remove_marks
from newscrawler.normalize.text import clean_text
from newscrawler.normalize.vocabulary import Vocabulary

# The lines an invitation brings along: its link alone on a line, or a short subscription line
# with a phone number (`… على الرقم 0940777186`). Only after an invitation are they promotion.
_LINK_LINE = re.compile(r"(?:https?://|www\.)\S+")
_PHONE = re.compile(r"\+?\d(?:[\s\-]?\d){6,}")
_MAX_PHONE_LINE_WORDS = 15


@cache
def _invitations(vocabulary: Vocabulary) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in vocabulary.promo_lines)


def _matched(line: str) -> str:
    """The line as promotion patterns see it: tatweel and harakat off (`الميدانيـة`)."""
    return clean_text(remove_marks(line))


def _is_invitation(line: str, vocabulary: Vocabulary) -> bool:
    text = _matched(line)
    return any(pattern.search(text) for pattern in _invitations(vocabulary))


def _goes_with_invitation(line: str) -> bool:
    text = _matched(line)
    if _LINK_LINE.fullmatch(text):
        return True
    return bool(_PHONE.search(text)) and len(text.split()) <= _MAX_PHONE_LINE_WORDS


def split_promo_lines(paragraphs: list[str], vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    """(promotion lines, the paragraphs before them): the run at the end that starts with an
    invitation and holds only invitations, their links and their phone lines."""
    if not vocabulary.promo_lines:
        return [], list(paragraphs)
    start = len(paragraphs)
    for index in range(len(paragraphs) - 1, -1, -1):
        line = paragraphs[index]
        if _is_invitation(line, vocabulary):
            start = index
        elif not _goes_with_invitation(line):
            break
    return list(paragraphs[start:]), list(paragraphs[:start])
