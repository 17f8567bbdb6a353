"""Plain-text cleaning shared by every normalizer: spaces, body lines, image file-name lines."""

from __future__ import annotations

import re

_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([,:;])")
_IMAGE_FILE_NAME = re.compile(
    r"[\w\-.() ]{0,200}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)", re.IGNORECASE
)


def clean_text(s: str) -> str:
    """Unicode spaces → one plain space, strip, and drop a space before `,` `:` `;`."""
    # str.split() splits runs of every Unicode space (NBSP, thin, ideographic...), tabs and line
    # breaks: exactly what the regex `\s+` matches (str.isspace), at a fraction of its cost.
    collapsed = " ".join(s.split())
    if " ," not in collapsed and " :" not in collapsed and " ;" not in collapsed:
        return collapsed
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", collapsed)


def is_caption_line(s: str) -> bool:
    """True for a line a body never keeps: empty, spaces only, or only an image file name."""
    line = clean_text(s)
    return not line or _IMAGE_FILE_NAME.fullmatch(line) is not None


def body_lines(text: str) -> list[str]:
    """The cleaned lines of one block (each `<br>` line is its own), without dropped lines."""
    # Each line is cleaned once; `is_caption_line` would clean it a second time.
    lines = (clean_text(line) for line in text.split("\n"))
    return [line for line in lines if line and _IMAGE_FILE_NAME.fullmatch(line) is None]
