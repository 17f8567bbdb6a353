"""Word-level differences between two texts (an article's consecutive revisions)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

Change = Literal["same", "del", "ins"]
# A word (10,000, al-Freih and U.S kept whole) or a punctuation mark, with the spaces or line
# breaks after it, so that the pieces join back into the text; "Lattakia." → "Lattakia", ".".
_WORD = re.compile(r"(?:\w+(?:[-'’.,]\w+)*|[^\w\s])\s*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_diff(old: str, new: str) -> list[tuple[Change, str]]:
    """`old` → `new` as runs of kept (`same`), removed (`del`) and added (`ins`) words.

    Words and punctuation marks are compared without the spaces after them: a re-wrapped line is
    no change. Kept runs are spaced as in `new`: joining the `same` and `ins` runs gives `new`
    back, the `same` and `del` runs `old` up to the spacing of kept words.
    """
    before, after = _words(old), _words(new)
    # autojunk off: its heuristic (items in over 1% of a 200+ item text are junk) is made for
    # lines of code; here "the" and "," are words like any other.
    matcher = SequenceMatcher(
        None, [word.rstrip() for word in before], [word.rstrip() for word in after], autojunk=False
    )
    runs: list[tuple[Change, str]] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(after[new_start:new_end])))
            continue
        if old_end > old_start:
            runs.append(("del", "".join(before[old_start:old_end])))
        if new_end > new_start:
            runs.append(("ins", "".join(after[new_start:new_end])))
    return runs
