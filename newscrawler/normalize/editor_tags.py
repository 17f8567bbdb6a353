"""Editor tag lines at the end of a body: `Manar al-Freih /Mazen/ H. Zain`, `هلا حمود/ إ.ح`."""

from __future__ import annotations

import re
from typing import NamedTuple

from newscrawler.normalize.arabic import remove_marks
from newscrawler.normalize.text import clean_text
from newscrawler.normalize.vocabulary import ENGLISH, Vocabulary

_MAX_NAMES = 3
_MAX_WORDS_PER_NAME = 4
_MAX_WORDS_PER_CASELESS_NAME = 3
_PARTICLE = re.compile(r"^(?:al|el)-(?=[^\W\d_])", re.IGNORECASE)
# Letters joined by `.`, `-` or an apostrophe, or ending in `.`: `H.`, `R.J`, `Gh.A.Hassoun`.
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[.\-'’](?=[^\W\d_])|\.$)*")
_FINAL_PERIOD_AFTER_WORD = re.compile(r"[^\W\d_]{2}\.$")


class EditorTags(NamedTuple):
    raw: str | None
    names: list[str]


_NO_TAGS = EditorTags(None, [])


def _is_name_word(word: str) -> bool:
    tail = _PARTICLE.sub("", word, count=1)
    if _WORD.fullmatch(tail) is None:
        return False
    return tail != word or not tail[0].islower()


def is_name(name: str) -> bool:
    """One to four words, each capitalised (or a particle `al-`/`el-` joined to a word)."""
    words = name.split()
    return 1 <= len(words) <= _MAX_WORDS_PER_NAME and all(_is_name_word(w) for w in words)


def _is_caseless(line: str) -> bool:
    """Arabic, Persian, Hebrew: no capitals, so a capital cannot mark a name."""
    return not any(char.isupper() or char.islower() for char in line)


def _could_be_tag_line(line: str, vocabulary: Vocabulary) -> bool:
    if _FINAL_PERIOD_AFTER_WORD.search(line):
        return False
    if not _is_caseless(line):
        return True
    # Without capitals, a word no name holds (`من`, `في`) marks a sentence; a single name without
    # a slash (`ريم الخطيب`, `ن.س`) is held to fewer words than a short sentence has.
    words = line.split()
    if any(_is_function_word(word, vocabulary) for word in words):
        return False
    return "/" in line or len(words) <= _MAX_WORDS_PER_CASELESS_NAME


def _is_function_word(word: str, vocabulary: Vocabulary) -> bool:
    """`من`, or `والعمل` ("and the work"): a prefix and at least two letters after it."""
    if word in vocabulary.function_words:
        return True
    return any(
        word.startswith(prefix) and len(word) > len(prefix) + 1
        for prefix in vocabulary.function_prefixes
    )


def _names(line: str, vocabulary: Vocabulary) -> list[str] | None:
    """The names of a tag line, as written; None when `line` is not a tag line."""
    if not _could_be_tag_line(line, vocabulary):
        return None
    names = [clean_text(part) for part in line.split("/")]
    names = [name for name in names if name]
    if not 1 <= len(names) <= _MAX_NAMES:
        return None
    return names if all(is_name(name) for name in names) else None


def _capitalize_word(word: str) -> str:
    particle = _PARTICLE.match(word)
    if particle is not None:
        tail = word[particle.end() :]
        return particle.group(0).lower() + tail[:1].upper() + tail[1:]
    return word[:1].upper() + word[1:]


def tidy_name(name: str) -> str:
    """`Manar  Al-freih` → `Manar al-Freih`: particles lower case, other words capitalised."""
    return " ".join(_capitalize_word(word) for word in clean_text(name).split())


def split_editor_tags(
    paragraphs: list[str], vocabulary: Vocabulary = ENGLISH
) -> tuple[EditorTags, list[str]]:
    """Take the last paragraph off when it is a tag line; otherwise return the paragraphs whole.

    Names are read without tatweel and harakat; `raw` is the line as written.
    """
    if not paragraphs:
        return _NO_TAGS, []
    line = clean_text(paragraphs[-1])
    names = _names(clean_text(remove_marks(line)), vocabulary)
    if names is None:
        return _NO_TAGS, list(paragraphs)
    return EditorTags(line, [tidy_name(name) for name in names]), list(paragraphs[:-1])
