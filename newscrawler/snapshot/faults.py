"""Injected faults (`--fault SPEC`): 503, slowness, wrong charset, broken markup, layout drift,
takedowns.

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
- `gone:REGEX[:STATUS]`: the page was taken down: every matching request gets STATUS, 404
  (default) or 410, with the theme-less "not found" page a server sends.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("503", "slow", "charset", "broken", "layout", "gone")
GONE_STATUSES = (404, 410)
BROKEN_FRACTION = 0.4
DECLARED_WRONG_CHARSET = "ISO-8859-1"


@dataclass(frozen=True)
class Fault:
    kind: str
    pattern: re.Pattern[str]
    count: int = 1
    retry_after: int | None = None
    seconds: float = 0.0
    status: int = 404


def parse_fault(spec: str) -> Fault:
    """Parse one `--fault` spec; raise ValueError with the spec in the message."""
    kind, _, rest = spec.partition(":")
    if kind not in KINDS or not rest:
        raise ValueError(f"bad fault {spec!r}: expected one of {', '.join(KINDS)} then :REGEX")
    try:
        if kind == "503":
            return _parse_unavailable(rest)
        if kind == "gone":
            return _parse_gone(rest)
        if kind == "slow":
            regex, _, seconds = rest.rpartition(":")
            return Fault(kind, re.compile(regex), seconds=float(seconds))
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


def _parse_gone(rest: str) -> Fault:
    regex, _, status = rest.rpartition(":")
    if not (regex and status.isdigit()):
        return Fault("gone", re.compile(rest))
    if int(status) not in GONE_STATUSES:
        raise ValueError(f"a takedown answers {' or '.join(map(str, GONE_STATUSES))}")
    return Fault("gone", re.compile(regex), status=int(status))


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

    def gone(self, target: str) -> int | None:
        """The status of the takedown this request falls under, if any."""
        return next((f.status for f in self._matching("gone", target)), None)

    def _matching(self, kind: str, target: str) -> list[Fault]:
        return [f for f in self._faults if f.kind == kind and f.pattern.search(target)]


def truncate(body: bytes) -> bytes:
    """The first 40% of a page, ending on a whole UTF-8 character."""
    cut = body[: int(len(body) * BROKEN_FRACTION)]
    return cut.decode("utf-8", errors="ignore").encode("utf-8")
