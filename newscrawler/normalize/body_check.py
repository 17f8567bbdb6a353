"""The cross-check of an extracted body against the page's own plain text (`articleBody`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import unescape

from newscrawler.normalize.text import is_caption_line

# A paragraph is judged by its runs of three words; it is covered by the other text when at
# least this share of them occur there. Rewording a few words leaves most runs intact; a
# missing paragraph or a chrome block shares next to none.
SHINGLE_WORDS = 3
COVERED_SHARE = 0.5
# Shorter paragraphs (a URL line, "Photos", a lone name) are too short to judge either way.
MIN_JUDGED_WORDS = 4
# WordPress' `strip_tags(post_content)` keeps shortcodes (`[caption id=…]…[/caption]`).
_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\[\]]*)?\]", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# Some pages print `articleBody` as one line: then its sentences are the units judged.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

Shingle = tuple[str, ...]


def _words(text: str) -> list[str]:
    """Casefolded words: whitespace, punctuation and entity spellings do not count."""
    return _WORD.findall(unescape(text).casefold())


def _shingles(words: Sequence[str]) -> set[Shingle]:
    if len(words) < SHINGLE_WORDS:
        return {tuple(words)}
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _judged(paragraphs: Iterable[str]) -> list[set[Shingle]]:
    """The shingles of each paragraph long enough to judge.

    Words are counted between spaces here, so that an image file name line
    (`صورة-حماة-1.jpg`, which the body drops as well) is one word, not four.
    """
    return [
        _shingles(_words(paragraph))
        for paragraph in paragraphs
        if len(paragraph.split()) >= MIN_JUDGED_WORDS and not is_caption_line(paragraph)
    ]


def _uncovered(paragraphs: list[set[Shingle]], other: set[Shingle]) -> int:
    return sum(len(shingles & other) < COVERED_SHARE * len(shingles) for shingles in paragraphs)


def _all_shingles(texts: Iterable[str]) -> set[Shingle]:
    """Shingles of the texts read as one, so that a line wrapped mid-sentence still matches."""
    return _shingles([word for text in texts for word in _words(text)])


def _units(text: str) -> tuple[list[str], str]:
    """The reference's paragraphs (its lines), or its sentences when it is one line."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        return lines, "paragraphs"
    return [s for s in _SENTENCE_END.split(text) if s.strip()], "sentences"


def body_disagreement(
    body_paragraphs: Sequence[str], other_parts: Sequence[str], article_body: str
) -> list[str]:
    """How the body disagrees with the page's `articleBody` beyond wording; empty if it agrees.

    `other_parts` are the texts of the page's body container that the body leaves out on
    purpose (dateline, byline, staff tag line, captions): `articleBody` holds them too.
    """
    reference, unit = _units(_SHORTCODE.sub(" ", article_body))
    problems: list[str] = []
    expected = _judged(reference)
    lacking = _uncovered(expected, _all_shingles([*body_paragraphs, *other_parts]))
    if lacking:
        problems.append(f"body lacks {lacking} of {len(expected)} {unit} of the page's articleBody")
    extra = _uncovered(_judged(body_paragraphs), _all_shingles(reference))
    if extra:
        problems.append(f"body has {extra} paragraphs not in the page's articleBody")
    return problems
