"""Injected faults (`--fault SPEC`): 503, slowness, wrong charset, broken markup, layout drift.

Each fault applies to requests whose target (path plus `?query`) matches its regular
expression (`re.search`). Spec forms:

- `503:REGEX[:COUNT[:RETRY_AFTER]]`: the first COUNT matching requests (default 1; 0 means
  every one) get `503 Service Unavailable`, with `Retry-After: RETRY_AFTER` when given.
- `slow:REGEX:SECONDS`: the answer is sent after SECONDS (a float).
- `charset:REGEX`: the bytes stay UTF-8 (and the page's `<meta charset>` still says so) but the
  `Content-Type` header declares `ISO-8859-1`, the misconfigured-server case: a client that
  trusts the header, as HTTP says it should, reads `–` as `â€“`.
- `broken:REGEX`: only the first 40% of the page is sent, cut mid-markup, no closing tags.
- `layout:REGEX`: article pages come in a drifted theme: no `h1.post-title`/`div.entry`
  (archive), no `h1.s-title`/`div.entry-content` (relaunched).
- `script:REGEX`: an unclosed `<script>` is opened after the body's first paragraph; it
  swallows the rest of the page up to the next `</script>` (page_faults.py).
- `unclosed:REGEX`: an unclosed `<div>` is opened after the body's first paragraph; the
  theme's `</div>` meant for the entry closes it, and the entry runs on into the chrome.
- `title:REGEX[:SIZE]`: the printed `<h1>` title is SIZE characters long (default 100,000).
- `short:REGEX`: only the body's first paragraph is printed, while the page's JSON-LD
  `articleBody` keeps every paragraph (added to the page's article node when it has none).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from newscrawler.snapshot import page_faults

KINDS = ("503", "slow", "charset", "broken", "layout", "script", "unclosed", "title", "short")
HUGE_TITLE_SIZE = 100_000
BROKEN_FRACTION = 0.4
DECLARED_WRONG_CHARSET = "ISO-8859-1"


@dataclass(frozen=True)
class Fault:
    kind: str
    pattern: re.Pattern[str]
    count: int = 1
    retry_after: int | None = None
    seconds: float = 0.0
    size: int = 0


def parse_fault(spec: str) -> Fault:
    """Parse one `--fault` spec; raise ValueError with the spec in the message."""
    kind, _, rest = spec.partition(":")
    if kind not in KINDS or not rest:
        raise ValueError(f"bad fault {spec!r}: expected one of {', '.join(KINDS)} then :REGEX")
    try:
        if kind == "503":
            return _parse_unavailable(rest)
        if kind == "slow":
            regex, _, seconds = rest.rpartition(":")
            return Fault(kind, re.compile(regex), seconds=float(seconds))
        if kind == "title":
            return _parse_title(rest)
        return Fault(kind, re.compile(rest))
    except (re.error, ValueError) as error:
        raise ValueError(f"bad fault {spec!r}: {error}") from error


def _parse_unavailable(rest: str) -> Fault:
    parts = rest.split(":")
    # Numbers are peeled off the right so that the regex itself may contain colons.
    numbers: list[int] = []
    while len(parts) > 1 and len(numbers) < 2 and parts[-1].isdigit():
        numbers.insert(0, int(parts.pop()))
    count = numbers[0] if numbers else 1
    retry_after = numbers[1] if len(numbers) > 1 else None
    return Fault("503", re.compile(":".join(parts)), count=count, retry_after=retry_after)


def _parse_title(rest: str) -> Fault:
    regex, _, size = rest.rpartition(":")
    if not (regex and size.isdigit()):
        return Fault("title", re.compile(rest), size=HUGE_TITLE_SIZE)
    return Fault("title", re.compile(regex), size=int(size))


class Faults:
    """The active faults; counts 503s across threads."""

    def __init__(self, faults: Sequence[Fault] = ()) -> None:
        self._faults = tuple(faults)
        self._served_503: dict[int, int] = {}
        self._lock = threading.Lock()

    def unavailable(self, target: str) -> Fault | None:
        """The 503 fault this request falls under, if any is not yet used up."""
        for index, fault in enumerate(self._faults):
            if fault.kind != "503" or not fault.pattern.search(target):
                continue
            with self._lock:
                served = self._served_503.get(index, 0)
                if fault.count == 0 or served < fault.count:
                    self._served_503[index] = served + 1
                    return fault
        return None

    def delay(self, target: str) -> float:
        return sum(f.seconds for f in self._matching("slow", target))

    def wrong_charset(self, target: str) -> bool:
        return any(self._matching("charset", target))

    def broken(self, target: str) -> bool:
        return any(self._matching("broken", target))

    def drifted(self, target: str) -> bool:
        return any(self._matching("layout", target))

    def rewrite(self, target: str, html: str) -> str:
        """The page as the page-rewriting faults matching `target` print it (page_faults.py)."""
        for fault in self._faults:
            if not fault.pattern.search(target):
                continue
            if fault.kind == "script":
                html = page_faults.unclosed_script(html)
            elif fault.kind == "unclosed":
                html = page_faults.unclosed_div(html)
            elif fault.kind == "title":
                html = page_faults.huge_title(html, fault.size)
            elif fault.kind == "short":
                html = page_faults.short_body(html)
        return html

    def _matching(self, kind: str, target: str) -> list[Fault]:
        return [f for f in self._faults if f.kind == kind and f.pattern.search(target)]


def truncate(body: bytes) -> bytes:
    """The first 40% of a page, ending on a whole UTF-8 character."""
    cut = body[: int(len(body) * BROKEN_FRACTION)]
    return cut.decode("utf-8", errors="ignore").encode("utf-8")
