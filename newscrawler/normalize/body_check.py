"""The cross-check of an extracted body against the page's own plain text (`articleBody`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape

from newscrawler.normalize.text import is_caption_line

# A paragraph found word for word in the other text is covered. One that is not (a reworded
# sentence, a dateline split off) is judged by its runs of three words: it is covered when at
# least this share of them occur in the other text; a missing paragraph or a chrome block
# shares next to none.
SHINGLE_WORDS = 3
COVERED_SHARE = 0.5
# Shorter paragraphs (a URL line, "Photos", a lone name) are too short to judge either way.
MIN_JUDGED_WORDS = 4
# WordPress' `strip_tags(post_content)` keeps shortcodes (`[caption id=…]…[/caption]`).
_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\[\]]*)?\]", re.IGNORECASE)
# Runs of anything but letters and digits (spaces, punctuation) are read as one space.
_NOT_WORDS = re.compile(r"[\W_]+")
# Only a line ending like a file name (`.jpg`) can be an image file name line.
_FILE_NAME_END = re.compile(r"\.[a-z]{3,4}\s*$", re.IGNORECASE)
# Some pages print `articleBody` as one line: then its sentences are the units judged.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

Shingle = tuple[str, ...]


def _plain(text: str) -> str:
    """Casefolded words joined by one space: spaces, punctuation and entities do not count."""
    if "&" in text:
        text = unescape(text)
    return _NOT_WORDS.sub(" ", text.casefold()).strip()


def _shingles(words: list[str]) -> set[Shingle]:
    runs = set(zip(*(words[start:] for start in range(SHINGLE_WORDS)), strict=False))
    return runs or {tuple(words)}


def _is_judged(paragraph: str) -> bool:
    """Long enough to judge, counting words between spaces: an image file name line
    (`صورة-حماة-1.jpg`, which the body drops as well) is one word, not four."""
    if len(paragraph.split()) < MIN_JUDGED_WORDS:
        return False
    return _FILE_NAME_END.search(paragraph[-8:]) is None or not is_caption_line(paragraph)


def _uncovered(paragraphs: list[str], other: str) -> int:
    """How many of the plain `paragraphs` the plain text `other` does not cover."""
    padded = f" {other} "
    unmatched = [paragraph for paragraph in paragraphs if f" {paragraph} " not in padded]
    if not unmatched:
        return 0
    runs = _shingles(other.split())
    uncovered = 0
    for paragraph in unmatched:
        shingles = _shingles(paragraph.split())
        uncovered += len(shingles & runs) < COVERED_SHARE * len(shingles)
    return uncovered


def _units(text: str) -> tuple[list[str], str]:
    """The reference's paragraphs (its lines), or its sentences when it is one line."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        return lines, "paragraphs"
    return [s for s in _SENTENCE_END.split(text) if s.strip()], "sentences"


def body_disagreement(
    body_paragraphs: Sequence[str],
    article_body: str,
    leading: Sequence[str] = (),
    trailing: Sequence[str] = (),
) -> list[str]:
    """How the body disagrees with the page's `articleBody` beyond wording; empty if it agrees.

    `leading` and `trailing` are what the page prints before and after the body that the body
    leaves out on purpose (byline and dateline; staff tag line and captions): `articleBody`
    holds them too. Each text is made plain once: this runs on every article.
    """
    # Sahifa's `articleBody` keeps the entities of the raw post (`&nbsp;`, `&#8217;`): read
    # them first, so that lines, sentences and words are split where the text splits them.
    if "&" in article_body:
        article_body = unescape(article_body)
    reference, unit = _units(_SHORTCODE.sub(" ", article_body))
    reference_plain = [_plain(text) for text in reference]
    body_plain = [_plain(text) for text in body_paragraphs]
    printed = [*map(_plain, leading), *body_plain, *map(_plain, trailing)]
    problems: list[str] = []
    expected = _judged(reference, reference_plain)
    lacking = _uncovered(expected, " ".join(printed))
    if lacking:
        problems.append(f"body lacks {lacking} of {len(expected)} {unit} of the page's articleBody")
    extra = _uncovered(_judged(body_paragraphs, body_plain), " ".join(reference_plain))
    if extra:
        problems.append(f"body has {extra} paragraphs not in the page's articleBody")
    return problems


def _judged(texts: Sequence[str], plain: list[str]) -> list[str]:
    """The plain forms of the texts long enough to judge (`_is_judged`)."""
    return [words for text, words in zip(texts, plain, strict=True) if _is_judged(text)]
